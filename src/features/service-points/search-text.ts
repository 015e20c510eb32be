import { normaliseForSearch } from '../../i18n/text.js';

/** What a service point is found by: its code, names (own and parents'), and place names. */
export function pointSearchText(parts: { code: string; names: (string | null | undefined)[]; places: (string | null | undefined)[] }): string {
  return normaliseForSearch([parts.code, ...parts.names, ...parts.places].filter(Boolean).join(' '));
}
