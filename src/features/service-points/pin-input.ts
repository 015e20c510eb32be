/**
 * What officers type or paste as a service point's position, read into latitude and longitude:
 * decimal degrees ("13.7563, 100.5018"), degrees-minutes-seconds ("13°45'22.7"N 100°30'06.5"E"),
 * degrees and decimal minutes, `geo:` URIs and links of Google Maps, Longdo Map, OpenStreetMap and
 * Apple Maps. Pure (no I/O), so the browser's pin picker reads input exactly as the server does.
 */
import { isInThailand } from '../geography/bounds.js';

export type PinSource = 'decimal' | 'dms' | 'link';

export type PinProblem =
  /** nothing typed */
  | 'empty'
  /** maps.app.goo.gl, goo.gl/maps, osm.org/go: the position is only known to the link's server */
  | 'short_link'
  /** a link of a map service with no coordinates in it (a place name or id) */
  | 'link_without_coordinates'
  /** neither coordinates nor a link we know */
  | 'unrecognised'
  /** latitude beyond ±90 or longitude beyond ±180 */
  | 'out_of_range'
  /** 0, 0: the "null island" a failed GPS fix or an empty spreadsheet cell produces */
  | 'zero'
  /** the two numbers are the wrong way round (longitude first) */
  | 'swapped'
  | 'outside_thailand';

export type PinReading =
  | { ok: true; lat: number; lng: number; source: PinSource }
  | { ok: false; problem: PinProblem; /** for `swapped`: the position meant */ suggestion?: { lat: number; lng: number } };

/** Six decimals ≈ 0.1 m: finer digits only pretend to a precision no phone has. */
const round = (value: number) => Math.round(value * 1e6) / 1e6;

/** Checks a position for a Thai service point: refuses 0,0, impossible and swapped values and places abroad. */
export function checkPosition(lat: number, lng: number, source: PinSource): PinReading {
  if (!Number.isFinite(lat) || !Number.isFinite(lng)) return { ok: false, problem: 'unrecognised' };
  if (lat === 0 && lng === 0) return { ok: false, problem: 'zero' };
  if (isInThailand(lat, lng)) return { ok: true, lat: round(lat), lng: round(lng), source };
  if (isInThailand(lng, lat)) return { ok: false, problem: 'swapped', suggestion: { lat: round(lng), lng: round(lat) } };
  if (Math.abs(lat) > 90 || Math.abs(lng) > 180) return { ok: false, problem: 'out_of_range' };
  return { ok: false, problem: 'outside_thailand' };
}

const NUMBER = String.raw`[-+]?\d{1,3}(?:\.\d+)?`;

/** Two signed decimal numbers from a link parameter like "13.75,100.50" (spaces and %2C allowed). */
function pairIn(value: string | null): [number, number] | null {
  if (!value) return null;
  const match = new RegExp(String.raw`^\s*(?:loc:)?\s*(${NUMBER})\s*,\s*(${NUMBER})`).exec(value);
  return match ? [Number(match[1]), Number(match[2])] : null;
}

const SHORT_LINK_HOSTS = ['maps.app.goo.gl', 'goo.gl', 'g.co', 'osm.org', 'longdo.link'];

function readLink(url: URL): PinReading {
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  const params = url.searchParams;
  const path = decodeURIComponent(url.pathname);
  const hash = decodeURIComponent(url.hash);

  if (SHORT_LINK_HOSTS.includes(host) && !(host === 'osm.org' && !path.startsWith('/go'))) {
    return { ok: false, problem: 'short_link' };
  }

  // Google Maps: the place's own position (!3d…!4d…) beats the view's centre (@lat,lng,zoom).
  if (/(^|\.)google\.[a-z.]+$/.test(host) || host === 'maps.google.com') {
    const place = /!3d(-?\d+(?:\.\d+)?)!4d(-?\d+(?:\.\d+)?)/.exec(path + url.search);
    if (place) return checkPosition(Number(place[1]), Number(place[2]), 'link');
    for (const key of ['q', 'query', 'destination', 'daddr', 'll', 'center', 'sll']) {
      const pair = pairIn(params.get(key));
      if (pair) return checkPosition(pair[0], pair[1], 'link');
    }
    const view = new RegExp(String.raw`@(${NUMBER}),(${NUMBER})`).exec(path);
    if (view) return checkPosition(Number(view[1]), Number(view[2]), 'link');
    const inPath = new RegExp(String.raw`/(?:place|search|dir)/(?:[^/]*/)*?(${NUMBER}),\s*\+?(${NUMBER})(?:/|$)`).exec(path);
    if (inPath) return checkPosition(Number(inPath[1]), Number(inPath[2]), 'link');
    return { ok: false, problem: 'link_without_coordinates' };
  }

  // Longdo Map: ?lat=..&long=.. (also lon/lng in older links).
  if (host.endsWith('longdo.com')) {
    const lat = params.get('lat');
    const lng = params.get('long') ?? params.get('lon') ?? params.get('lng');
    if (lat && lng) return checkPosition(Number(lat), Number(lng), 'link');
    return { ok: false, problem: 'link_without_coordinates' };
  }

  // OpenStreetMap: the marker (mlat/mlon) beats the view (#map=zoom/lat/lng).
  if (host.endsWith('openstreetmap.org') || host === 'osm.org') {
    const mlat = params.get('mlat');
    const mlon = params.get('mlon');
    if (mlat && mlon) return checkPosition(Number(mlat), Number(mlon), 'link');
    const view = new RegExp(String.raw`map=\d{1,2}(?:\.\d+)?/(${NUMBER})/(${NUMBER})`).exec(hash);
    if (view) return checkPosition(Number(view[1]), Number(view[2]), 'link');
    const lat = params.get('lat');
    const lon = params.get('lon');
    if (lat && lon) return checkPosition(Number(lat), Number(lon), 'link');
    return { ok: false, problem: 'link_without_coordinates' };
  }

  // Apple Maps and other services: the usual parameter names.
  for (const key of ['ll', 'q', 'sll', 'coordinate', 'daddr']) {
    const pair = pairIn(params.get(key));
    if (pair) return checkPosition(pair[0], pair[1], 'link');
  }
  const lat = params.get('lat') ?? params.get('latitude');
  const lng = params.get('lng') ?? params.get('lon') ?? params.get('long') ?? params.get('longitude');
  if (lat && lng && /^-?\d/.test(lat) && /^-?\d/.test(lng)) return checkPosition(Number(lat), Number(lng), 'link');
  return { ok: false, problem: 'unrecognised' };
}

type Axis = 'lat' | 'lng';
interface Coordinate {
  value: number;
  axis: Axis | null;
  dms: boolean;
}

const HEMISPHERE: Record<string, { axis: Axis; sign: 1 | -1 }> = {
  N: { axis: 'lat', sign: 1 },
  S: { axis: 'lat', sign: -1 },
  E: { axis: 'lng', sign: 1 },
  W: { axis: 'lng', sign: -1 },
};

/**
 * One coordinate: "13.7563", "-13.7563", "13.7563°N", "N 13.7563", "13°45'22.7"N",
 * "13° 45.378' N", "100d30m6.5sE". Returns null when the text is not one coordinate.
 */
function readCoordinate(text: string): Coordinate | null {
  const match =
    /^([NSEW])?\s*([-+])?\s*(\d{1,3}(?:\.\d+)?)\s*(?:°|º|˚|d|deg)?\s*(?:(\d{1,2}(?:\.\d+)?)\s*(?:'|′|’|m|min)\s*(?:(\d{1,2}(?:\.\d+)?)\s*(?:"|″|”|''|′′|s|sec)?)?)?\s*([NSEW])?$/i.exec(
      text.trim(),
    );
  if (!match) return null;
  const [, before, sign, degrees, minutes, seconds, after] = match;
  if (before && after) return null;
  const letter = (before ?? after)?.toUpperCase();
  if (minutes !== undefined && Number(minutes) >= 60) return null;
  if (seconds !== undefined && Number(seconds) >= 60) return null;
  let value = Number(degrees) + Number(minutes ?? 0) / 60 + Number(seconds ?? 0) / 3600;
  const hemisphere = letter ? HEMISPHERE[letter] : undefined;
  if (hemisphere && sign === '-') return null;
  if (sign === '-' || hemisphere?.sign === -1) value = -value;
  return { value, axis: hemisphere?.axis ?? null, dms: minutes !== undefined };
}

/** Splits "13.75, 100.50", "13.75 100.50", "13°45'N 100°30'E" or "N13.75 E100.50" in two. */
function splitPair(text: string): [string, string] | null {
  const byComma = text.split(/\s*[,;/|]\s*/);
  if (byComma.length === 2) return [byComma[0] ?? '', byComma[1] ?? ''];
  // After a hemisphere letter that ends the first coordinate: 13°45'22"N 100°30'6"E
  const afterLetter = /^(.+?[NS])\s*(.+)$/i.exec(text);
  if (afterLetter && readCoordinate(afterLetter[1] ?? '') && readCoordinate(afterLetter[2] ?? '')) return [afterLetter[1] ?? '', afterLetter[2] ?? ''];
  // Before a letter that starts the second one: N13.75 E100.50
  const beforeLetter = /^(.+?)\s*([EW].+)$/i.exec(text);
  if (beforeLetter && readCoordinate(beforeLetter[1] ?? '') && readCoordinate(beforeLetter[2] ?? '')) return [beforeLetter[1] ?? '', beforeLetter[2] ?? ''];
  const bySpace = text.split(/\s+/);
  if (bySpace.length === 2) return [bySpace[0] ?? '', bySpace[1] ?? ''];
  return null;
}

/** Removes labels people copy along with numbers: "lat:", "Latitude", "ละติจูด", "พิกัด", brackets. */
function stripLabels(text: string): string {
  return text
    .replace(/(พิกัด|ละติจูด|ลองจิจูด|ลองติจูด|latitude|longitude|lat|lng|lon|long|coordinates?)\s*[:=]?/gi, ' ')
    .replace(/[()[\]{}]/g, ' ')
    .replace(/\u00a0/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Reads what an officer typed or pasted. */
export function readPinInput(input: string): PinReading {
  const text = input.normalize('NFC').trim();
  if (!text) return { ok: false, problem: 'empty' };
  if (text.length > 2000) return { ok: false, problem: 'unrecognised' };

  const geo = /^geo:\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)/i.exec(text);
  if (geo) return checkPosition(Number(geo[1]), Number(geo[2]), 'link');

  const link = /^(https?:\/\/)?([a-z0-9-]+\.)+[a-z]{2,}(\/|\?|#|$)/i.exec(text) && !/^[\d\s.,°'"NSEW-]+$/i.test(text);
  if (link) {
    let url: URL;
    try {
      url = new URL(/^https?:\/\//i.test(text) ? text : `https://${text}`);
    } catch {
      return { ok: false, problem: 'unrecognised' };
    }
    return readLink(url);
  }

  const pair = splitPair(stripLabels(text));
  if (!pair) return { ok: false, problem: 'unrecognised' };
  const first = readCoordinate(pair[0]);
  const second = readCoordinate(pair[1]);
  if (!first || !second) return { ok: false, problem: 'unrecognised' };
  const source: PinSource = first.dms || second.dms ? 'dms' : 'decimal';
  // Hemisphere letters say which number is which, whatever the order.
  if (first.axis === 'lng' || second.axis === 'lat') {
    if (first.axis === second.axis) return { ok: false, problem: 'unrecognised' };
    return checkPosition(second.value, first.value, source);
  }
  return checkPosition(first.value, second.value, source);
}

/** "13.756300, 100.501800" — the form the picker writes back into the field. */
export const formatPosition = (lat: number, lng: number): string => `${lat.toFixed(6)}, ${lng.toFixed(6)}`;
