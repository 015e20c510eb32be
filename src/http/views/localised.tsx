/**
 * Data in two languages, where the English is optional (`name_th`, `name_en`). English pages fall
 * back to the Thai text and mark it `lang="th"`, so screen readers switch voice for it.
 */
import type { Locale } from '../../i18n/index.js';
import { useView } from '../view.js';

/** The text for a locale, and the language it is really in. */
export function pickText(locale: Locale, th: string, en: string | null | undefined): { text: string; lang: Locale } {
  return locale === 'en' && en ? { text: en, lang: 'en' } : { text: th, lang: 'th' };
}

/** Plain text in the page's language (for attributes, titles and JSON). */
export const textFor = (locale: Locale, th: string, en: string | null | undefined): string => pickText(locale, th, en).text;

export function Localised({ th, en }: { th: string; en?: string | null | undefined }) {
  const { locale } = useView();
  const { text, lang } = pickText(locale, th, en);
  return lang === locale ? <>{text}</> : <span lang={lang}>{text}</span>;
}
