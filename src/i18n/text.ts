/**
 * Thai text for search. Thai is written without spaces between words, so we segment with the
 * platform's dictionary (`Intl.Segmenter('th')`) and match each word as a substring.
 */
const segmenter = new Intl.Segmenter('th', { granularity: 'word' });

/** Lower case, NFC, no zero-width characters or abbreviation dots, single spaces. */
export function normaliseForSearch(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\u200b-\u200d\ufeff]/g, '')
    .replace(/[.,;:!?()[\]{}"'“”‘’/\\|<>]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The words of a text (after normalising), without punctuation or spaces. */
export function segmentWords(text: string): string[] {
  const words: string[] = [];
  for (const part of segmenter.segment(normaliseForSearch(text))) {
    if (part.isWordLike && part.segment.trim()) words.push(part.segment);
  }
  return words;
}

/** Splits a search query into whitespace-separated chunks, each with its words. */
export function queryChunks(query: string): { text: string; words: string[] }[] {
  return normaliseForSearch(query)
    .split(' ')
    .filter(Boolean)
    .map((text) => ({ text, words: [...new Set(segmentWords(text))] }))
    .filter((chunk) => chunk.words.length > 0);
}

/** Escapes `%`, `_` and `\` for a LIKE pattern. */
export const likeEscape = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);
