/**
 * The two download formats, written as streams from chunks of points:
 * - GeoJSON (RFC 7946): a FeatureCollection of Points, coordinates [lng, lat] to 6 decimals
 *   (about 0.1 m, finer than any pin);
 * - CSV (RFC 4180 via csv-stringify): UTF-8 with a BOM so Excel reads Thai, CRLF line ends.
 */
import { Readable, pipeline } from 'node:stream';
import { stringify } from 'csv-stringify';
import { KIND_NAMES } from '../organisations/kinds.js';
import { CSV_COLUMNS } from './fields.js';
import type { OpenPoint } from './points.js';

/** Bumped when the columns or their meaning change, so cached copies are not reused. */
export const FORMAT_VERSION = 1;

const round6 = (value: number) => Math.round(value * 1e6) / 1e6;

export function pointProperties(point: OpenPoint, publicUrl: string) {
  const kind = KIND_NAMES[point.kind];
  return {
    code: point.code,
    name_th: point.nameTh,
    name_en: point.nameEn,
    organisation_code: point.organisationCode,
    organisation_th: point.organisationTh,
    organisation_en: point.organisationEn,
    kind: point.kind,
    kind_th: kind?.th ?? point.kind,
    kind_en: kind?.en ?? point.kind,
    province_code: point.provinceCode,
    province_th: point.provinceTh,
    province_en: point.provinceEn,
    district_code: point.districtCode,
    district_th: point.districtTh,
    district_en: point.districtEn,
    address_th: point.addressTh,
    address_en: point.addressEn,
    postal_code: point.postalCode,
    phones: point.phones,
    website: point.website || null,
    url: `${publicUrl}/p/${encodeURIComponent(point.code)}`,
    verification: point.verification,
    updated_at: point.updatedAt,
  };
}

export function toFeature(point: OpenPoint, publicUrl: string) {
  return {
    type: 'Feature' as const,
    id: point.code,
    geometry: { type: 'Point' as const, coordinates: [round6(point.lng), round6(point.lat)] },
    properties: pointProperties(point, publicUrl),
  };
}

/** One feature a line, so the file reads and diffs well; the whole is one JSON document. */
export function geojsonStream(chunks: AsyncIterable<OpenPoint[]>, publicUrl: string): Readable {
  async function* generate() {
    yield '{"type":"FeatureCollection","features":[';
    let separator = '\n';
    for await (const chunk of chunks) {
      let text = '';
      for (const point of chunk) {
        text += separator + JSON.stringify(toFeature(point, publicUrl));
        separator = ',\n';
      }
      yield text;
    }
    yield '\n]}\n';
  }
  return Readable.from(generate(), { objectMode: false });
}

// A cell starting like a formula would run as one when the file is opened in a spreadsheet
// (CSV injection). Phone numbers such as "+66 2 123 4567" are left as they are.
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?[\d\s().,;-]*$/;
export function safeCell(value: string): string {
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

export function toCsvRecord(point: OpenPoint, publicUrl: string): Record<(typeof CSV_COLUMNS)[number], string> {
  const properties = pointProperties(point, publicUrl);
  const cells = {
    ...properties,
    lat: round6(point.lat).toFixed(6),
    lng: round6(point.lng).toFixed(6),
    phones: properties.phones.join('; '),
  };
  const record = {} as Record<(typeof CSV_COLUMNS)[number], string>;
  for (const column of CSV_COLUMNS) record[column] = safeCell(cells[column] ?? '');
  return record;
}

/** The CSV as a stream; a database error mid-way ends the response abruptly rather than silently truncating it. */
export function csvStream(chunks: AsyncIterable<OpenPoint[]>, publicUrl: string): Readable {
  async function* records() {
    for await (const chunk of chunks) {
      for (const point of chunk) yield toCsvRecord(point, publicUrl);
    }
  }
  const stringifier = stringify({ bom: true, header: true, columns: [...CSV_COLUMNS], record_delimiter: 'windows' });
  // pipeline() destroys the stringifier (which the response reads) with the source's error, and
  // stops the source when the client goes away; the callback has nothing left to do.
  return pipeline(Readable.from(records()), stringifier, () => undefined);
}
