/**
 * Thai first, English at /en. Every visible string lives in a message catalogue made with
 * `defineMessages`, one per feature (plus `common` here); the English catalogue must have
 * exactly the Thai keys, so a missing translation fails type-checking.
 */
export const LOCALES = ['th', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

// Message functions take typed parameters; `never[]` lets any parameter list be assigned here.
type Message = string | ((...args: never[]) => string);
export type Catalogue = Record<string, Message>;

export interface Messages<T extends Catalogue> {
  th: T;
  en: { [K in keyof T]: T[K] extends string ? string : T[K] };
  for(locale: Locale): T;
}

export function defineMessages<const T extends Catalogue>(
  th: T,
  en: { [K in keyof T]: T[K] extends string ? string : T[K] },
): Messages<T> {
  return { th, en, for: (locale) => (locale === 'th' ? th : (en as T)) };
}

/** URL prefix of a locale: '' for Thai, '/en' for English. */
export const localePrefix = (locale: Locale): string => (locale === 'th' ? '' : `/${locale}`);

/** The same page in the other language: /p/X ⇄ /en/p/X. */
export function switchLocalePath(path: string, to: Locale): string {
  const bare = path.replace(/^\/en(?=\/|$|\?)/, '') || '/';
  if (to === 'th') return bare.startsWith('/') ? bare : `/${bare}`;
  return bare === '/' ? '/en' : bare.startsWith('/?') ? `/en${bare.slice(1)}` : `/en${bare}`;
}

export const TIME_ZONE = 'Asia/Bangkok';

const dateFormats = {
  /** 22 พ.ย. 2569 */
  short: { day: 'numeric', month: 'short', year: 'numeric' },
  /** 22 พฤศจิกายน 2569 */
  long: { day: 'numeric', month: 'long', year: 'numeric' },
  /** 22 พ.ย. 2569 14:05 */
  dateTime: { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' },
  /** วันอาทิตย์ */
  weekday: { weekday: 'long' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * Thai dates in the Buddhist era, always in Bangkok time (a UTC server would otherwise print
 * yesterday's date in the early morning). English pages use the Gregorian calendar that
 * English readers expect (docs/decisions/0003-dates-and-calendars.md).
 */
export function formatDate(value: Date | string, locale: Locale, style: keyof typeof dateFormats = 'short'): string {
  const key = `${locale}:${style}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale === 'th' ? 'th-TH-u-ca-buddhist' : 'en-GB', {
      ...dateFormats[style],
      timeZone: TIME_ZONE,
    });
    formatters.set(key, formatter);
  }
  const date = typeof value === 'string' ? new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00:00+07:00` : value) : value;
  return formatter.format(date);
}

const numberFormats = new Map<Locale, Intl.NumberFormat>();
export function formatNumber(value: number, locale: Locale): string {
  let formatter = numberFormats.get(locale);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale === 'th' ? 'th-TH' : 'en-GB', { maximumFractionDigits: 1 });
    numberFormats.set(locale, formatter);
  }
  return formatter.format(value);
}

/** A message from a catalogue by a key built at run time (a status, an action, a field), or `fallback`. */
export function messageByKey(catalogue: object, key: string, fallback = key): string {
  const value = (catalogue as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : fallback;
}

/** Thailand keeps UTC+7 all year (no daylight saving since 1920), so Bangkok time is plain arithmetic. */
const BANGKOK_OFFSET_MS = 7 * 3600_000;

/** `at` as a Bangkok wall-clock ISO string: YYYY-MM-DDTHH:MM:SS.sss (no zone). */
export const bangkokIso = (at: Date): string => new Date(at.getTime() + BANGKOK_OFFSET_MS).toISOString().slice(0, 23);

/** Today's calendar date in Bangkok as YYYY-MM-DD (on every page: no Intl formatter per call). */
export function bangkokDate(at: Date = new Date()): string {
  return bangkokIso(at).slice(0, 10);
}
