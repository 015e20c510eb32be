/**
 * Reads a citizen's query ("what do you need, where?"): the words that name a service (matched
 * against the manual catalogue, with its synonyms) and the words that name a place or an office
 * (matched against service points). "ทำบัตรประชาชน เชียงใหม่" → service: ID-card manuals; place: เชียงใหม่.
 *
 * Thai is written without spaces, so the query is segmented into words and Thai words match
 * manuals as substrings ("ทะเบียนบ้าน" → "การขอเพิ่มชื่อในทะเบียนบ้าน"); English words match at the
 * start of a word ("licence" → "licences", but "id" not inside "residence").
 * Short everyday words are also parts of place names ("บ้าน" in บ้านแหลม, "ปลา" in บางปลา), so known
 * place names and office words are set aside before the rest is read as a service.
 */
import { normaliseForSearch, queryChunks } from '../../i18n/text.js';

export interface CatalogueEntry {
  id: number;
  /** the manual's titles (Thai and English), normalised */
  titles: string[];
  /** its synonyms, agency and category, normalised */
  phrases: string[];
}

const phrasesOf = (texts: (string | null | undefined)[]) =>
  texts.filter((text): text is string => Boolean(text)).map((text) => ` ${normaliseForSearch(text)}`);

/** A catalogue entry from a manual's titles and its other texts. */
export function catalogueEntry(id: number, titles: (string | null | undefined)[], others: (string | null | undefined)[]): CatalogueEntry {
  return { id, titles: phrasesOf(titles), phrases: phrasesOf(others) };
}

export interface Interpretation {
  /** manuals the query names; null when it names none */
  manualIds: number[] | null;
  /** substrings every matching point must contain */
  placePatterns: string[];
}

/**
 * Known place names (provinces, districts, subdistricts, in Thai and English), keyed by the
 * normalised name without spaces; the value is the normalised name as it appears in points'
 * search text ("chiangmai" → "chiang mai").
 */
export type PlaceNames = ReadonlyMap<string, string>;

/** Words that carry no meaning for the search ("where", "near", "I want"). */
const STOP_WORDS = new Set([
  'ที่', 'ไหน', 'ที่ไหน', 'ใกล้', 'ใกล้ๆ', 'แถว', 'ฉัน', 'ผม', 'ดิฉัน', 'เรา', 'ใน', 'ไป', 'จะ', 'อยาก', 'ต้องการ', 'ติดต่อ',
  'เรื่อง', 'ทำ', 'ขอ', 'การ', 'และ', 'หรือ', 'กับ', 'ของ', 'ได้', 'บ้าง', 'ยังไง', 'อย่างไร', 'ครับ', 'ค่ะ', 'คะ', 'หน่อย',
  'a', 'an', 'the', 'of', 'for', 'to', 'in', 'at', 'on', 'near', 'me', 'my', 'i', 'need', 'want', 'where', 'how', 'get',
  'do', 'can', 'is', 'nearest', 'and', 'or', 'please', 'with',
]);

/** Words for an office or a kind of organisation: they name a point, never a service. */
const OFFICE_TERMS = [
  'ที่ว่าการอำเภอ', 'สำนักงานเขต', 'องค์การบริหารส่วนตำบล', 'องค์การบริหารส่วนจังหวัด', 'เทศบาลนคร', 'เทศบาลเมือง',
  'เทศบาลตำบล', 'เทศบาล', 'อบต', 'อบจ', 'ทต', 'ทม', 'ทน', 'กทม', 'เมืองพัทยา', 'สำนักงานพัฒนาชุมชนอำเภอ', 'สำนักงานพัฒนาชุมชน',
  'สำนักงานขนส่งจังหวัด', 'สำนักงานขนส่ง', 'ขนส่ง', 'สำนักงานที่ดินจังหวัด', 'สำนักงานที่ดิน', 'สำนักงานประกันสังคมจังหวัด',
  'สำนักงานประกันสังคม', 'อำเภอ', 'เขต',
  'district office', 'municipality', 'subdistrict municipality', 'town municipality', 'city municipality', 'tao',
  'subdistrict administrative organization', 'provincial administrative organization', 'land office', 'land transport office',
  'social security office', 'community development office',
];
const OFFICES: PlaceNames = new Map(OFFICE_TERMS.map((term) => [term.replaceAll(' ', ''), term]));

/** "Province", "district", "จ.", "อ." …: dropped beside a place name, which they only qualify. */
const AREA_WORDS = new Set(['จังหวัด', 'อำเภอ', 'ตำบล', 'เขต', 'แขวง', 'จ', 'อ', 'ต', 'province', 'district', 'subdistrict', 'amphoe', 'khet', 'tambon', 'changwat']);

/** The longest run of words a place or office name may span. */
const MAX_SPAN = 8;

const isLatin = (word: string) => /^[a-z0-9]/.test(word);

/** Thai words match anywhere (they are unspaced); English words and numbers at the start of a word. */
const contains = (paddedText: string, word: string) => paddedText.includes(isLatin(word) ? ` ${word}` : word);

/**
 * The manuals the words name, by the closest match any manual has: its title holds them all
 * ("บัตรประชาชน" → the ID-card titles, not the manual with the synonym "ไม่มีบัตรประชาชน"); else one
 * synonym holds them all; else its texts hold them between them. ("ทะเบียนบ้าน" is not the land-sale
 * manual, whose "ทะเบียน" is in its title and "บ้าน" in a synonym.)
 */
function matchingManuals(words: string[], catalogue: CatalogueEntry[]): number[] {
  if (words.join('').length < 2) return [];
  const holdsAll = (phrase: string) => words.every((word) => contains(phrase, word));
  const tiers: ((manual: CatalogueEntry) => boolean)[] = [
    (manual) => manual.titles.some(holdsAll),
    (manual) => manual.phrases.some(holdsAll),
    (manual) => words.every((word) => [...manual.titles, ...manual.phrases].some((phrase) => contains(phrase, word))),
  ];
  for (const matches of tiers) {
    const ids = catalogue.filter(matches).map((manual) => manual.id);
    if (ids.length > 0) return ids;
  }
  return [];
}

type Role = 'free' | 'stop' | 'area' | 'service' | 'place' | 'office';
interface Token {
  word: string;
  chunk: number;
  role: Role;
  /** the first token of a place or office span carries the span's search pattern */
  pattern?: string;
}

/** Marks, left to right and longest first, the runs of words that spell a known name. */
function markSpans(tokens: Token[], names: PlaceNames, role: 'place' | 'office'): void {
  for (let start = 0; start < tokens.length; start++) {
    if (tokens[start]?.role !== 'free') continue;
    for (let end = Math.min(tokens.length, start + MAX_SPAN); end > start; end--) {
      const span = tokens.slice(start, end);
      if (span.some((token) => token.role !== 'free')) continue;
      const pattern = names.get(span.map((token) => token.word).join(''));
      if (pattern === undefined) continue;
      for (const token of span) token.role = role;
      span[0]!.pattern = pattern;
      start = end - 1;
      break;
    }
  }
}

export function interpretQuery(query: string, catalogue: CatalogueEntry[], places: PlaceNames = new Map()): Interpretation {
  const tokens: Token[] = queryChunks(query).flatMap((chunk, index) => chunk.words.map((word) => ({ word, chunk: index, role: 'free' as Role })));
  const meaningful = tokens.filter((token) => !STOP_WORDS.has(token.word));
  if (meaningful.length === 0) return { manualIds: null, placePatterns: [] };

  // The whole query names a service: "ทะเบียนบ้าน", "หนึ่งตำบลหนึ่งผลิตภัณฑ์".
  const whole = matchingManuals(
    meaningful.map((token) => token.word),
    catalogue,
  );
  if (whole.length > 0) return { manualIds: whole, placePatterns: [] };

  markSpans(tokens, places, 'place');
  markSpans(tokens, OFFICES, 'office');
  tokens.forEach((token, index) => {
    const besidePlace = tokens[index - 1]?.role === 'place' || tokens[index + 1]?.role === 'place';
    // An area word alone ("อำเภอ", "จ."), not one inside an office name ("district office").
    const alone = token.role === 'free' || (token.role === 'office' && token.pattern === token.word);
    if (AREA_WORDS.has(token.word) && besidePlace && alone) {
      token.role = 'area';
      delete token.pattern;
    } else if (token.role === 'free' && STOP_WORDS.has(token.word)) token.role = 'stop';
  });

  // The longest prefix or suffix of the remaining words that names at least one manual is the service.
  const free = tokens.filter((token) => token.role === 'free');
  let manualIds: number[] | null = null;
  for (let length = free.length; length >= 1 && !manualIds; length--) {
    for (const start of length === free.length ? [0] : [0, free.length - length]) {
      const service = free.slice(start, start + length);
      const ids = matchingManuals(
        service.map((token) => token.word),
        catalogue,
      );
      if (ids.length > 0) {
        for (const token of service) token.role = 'service';
        manualIds = ids;
        break;
      }
    }
  }
  return { manualIds, placePatterns: patternsOf(tokens) };
}

/**
 * Each place or office name is one pattern; consecutive other words of the same chunk join into
 * one substring ("บาง" + "ปลา" → "บางปลา"), since a point's text holds them together.
 */
function patternsOf(tokens: Token[]): string[] {
  const patterns: string[] = [];
  let run: Token | null = null;
  for (const token of tokens) {
    if ((token.role === 'place' || token.role === 'office') && token.pattern !== undefined) {
      patterns.push(token.pattern);
      run = null;
    } else if (token.role === 'free') {
      if (run && run.chunk === token.chunk) patterns[patterns.length - 1] += token.word;
      else patterns.push(token.word);
      run = token;
    } else if (token.role !== 'place' && token.role !== 'office') {
      run = null;
    }
  }
  return [...new Set(patterns)];
}
