/** Deterministic pseudo-randomness for demo data: the same input always gives the same output. */

/** FNV-1a 32-bit hash of a string. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A number in [0, 1) derived from the text. */
export const unit = (text: string): number => hash32(text) / 2 ** 32;

/** Picks one item, the same one for the same text. */
export function pick<T>(items: readonly T[], text: string): T {
  return items[hash32(text) % items.length] as T;
}

/** Moves a coordinate by up to `metres` in a direction derived from the text. */
export function jitter(lat: number, lng: number, metres: number, text: string): { lat: number; lng: number } {
  const angle = unit(text + ':a') * 2 * Math.PI;
  const distance = metres * (0.35 + 0.65 * unit(text + ':d'));
  const dLat = (distance * Math.cos(angle)) / 111_320;
  const dLng = (distance * Math.sin(angle)) / (111_320 * Math.cos((lat * Math.PI) / 180));
  return { lat: Math.round((lat + dLat) * 1e6) / 1e6, lng: Math.round((lng + dLng) * 1e6) / 1e6 };
}
