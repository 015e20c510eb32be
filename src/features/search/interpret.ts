/**
 * Reads a citizen's query ("what do you need, where?"): the words that name a service (matched
 * against the manual catalogue, with its synonyms) and the words that name a place or an office
 * (matched against service points). "ทำบัตรประชาชน เชียงใหม่" → service: ID-card manuals; place: เชียงใหม่.
 */
import { queryChunks } from '../../i18n/text.js';

export interface CatalogueEntry {
  id: number;
  searchText: string;
}

export interface Interpretation {
  /** manuals the query names; null when it names none */
  manualIds: number[] | null;
  /** substrings every matching point must contain */
  placePatterns: string[];
}

const matchingManuals = (words: string[], catalogue: CatalogueEntry[]) =>
  catalogue.filter((manual) => words.every((word) => manual.searchText.includes(word))).map((manual) => manual.id);

export function interpretQuery(query: string, catalogue: CatalogueEntry[]): Interpretation {
  const chunks = queryChunks(query);
  // Every word remembers its chunk, so runs of place words can be joined back into one substring.
  const words = chunks.flatMap((chunk, index) => chunk.words.map((word) => ({ word, chunk: index })));
  if (words.length === 0) return { manualIds: null, placePatterns: [] };

  // The longest prefix or suffix of the words that names at least one manual is the service.
  for (let length = words.length; length >= 1; length--) {
    for (const start of length === words.length ? [0] : [0, words.length - length]) {
      const service = words.slice(start, start + length);
      const ids = matchingManuals(
        service.map((w) => w.word),
        catalogue,
      );
      if (ids.length > 0) {
        const rest = [...words.slice(0, start), ...words.slice(start + length)];
        return { manualIds: ids, placePatterns: joinRuns(rest) };
      }
    }
  }
  return { manualIds: null, placePatterns: chunks.map((chunk) => chunk.text) };
}

/** Consecutive words of the same chunk become one substring: "บาง" + "ปลา" → "บางปลา". */
function joinRuns(words: { word: string; chunk: number }[]): string[] {
  const runs: string[] = [];
  let previous = -1;
  for (const { word, chunk } of words) {
    if (chunk === previous && runs.length > 0) runs[runs.length - 1] += word;
    else runs.push(word);
    previous = chunk;
  }
  return runs;
}
