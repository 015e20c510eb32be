/** Links out of the point page: maps, directions, website and e-mail, built only from checked values. */

const coordinate = (value: number) => value.toFixed(6);

export function mapLinks(lat: number, lng: number) {
  const at = `${coordinate(lat)},${coordinate(lng)}`;
  return {
    // Each service asks the visitor's device for the starting point itself.
    google: `https://www.google.com/maps/dir/?api=1&destination=${at}`,
    longdo: `https://map.longdo.com/?lat=${coordinate(lat)}&long=${coordinate(lng)}&zoom=16`,
    osmDirections: `https://www.openstreetmap.org/directions?to=${at}`,
    osmView: `https://www.openstreetmap.org/?mlat=${coordinate(lat)}&mlon=${coordinate(lng)}#map=17/${coordinate(lat)}/${coordinate(lng)}`,
  };
}

/** An officer-entered website, only when it is a plain http(s) address (never `javascript:` and the like). */
export function safeWebsite(value: string | null): string | null {
  if (!value) return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : null;
  } catch {
    return null;
  }
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;
export const safeEmail = (value: string | null): string | null => (value && EMAIL.test(value.trim()) ? value.trim() : null);
