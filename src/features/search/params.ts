/**
 * The inputs of search, one TypeBox schema each: the filters shared by the search page and the
 * JSON API, plus what only one of them takes (the page's lat/lng, the API's near/bbox/pageSize).
 * Schemas check the shape; `resolveFilters` checks meaning (known codes, both coordinates, inside
 * Thailand) and answers every problem with a Thai and English message.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyRequest, FastifySchemaValidationError } from 'fastify';
import type { Db } from '../../db/client.js';
import { AppError, type FieldIssue } from '../../http/errors.js';
import { isInThailand } from '../geography/bounds.js';
import { SEARCHABLE_KINDS } from '../organisations/kinds.js';
import { issueMessages } from './messages.js';
import { areaLists, searchCatalogue, type PointQuery } from './queries.js';

type IssueKey = keyof typeof issueMessages.th;
type IssueArgs<K extends IssueKey> = (typeof issueMessages.th)[K] extends (...args: infer A) => string ? A : [];

export function issue<K extends IssueKey>(field: string, key: K, ...args: IssueArgs<K>): FieldIssue {
  const text = (locale: 'th' | 'en') => {
    const message = issueMessages[locale][key] as string | ((...a: IssueArgs<K>) => string);
    return typeof message === 'function' ? message(...args) : message;
  };
  return { field, th: text('th'), en: text('en') };
}

// Forms send empty strings for "any"; the patterns accept them.
const NO_CONTROL_CHARACTERS = '^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f]*$';
const NUMBER = '-?\\d{1,3}(\\.\\d{1,15})?';

export const SearchFilters = Type.Object({
  q: Type.Optional(
    Type.String({
      maxLength: 200,
      pattern: NO_CONTROL_CHARACTERS,
      description:
        'What the citizen needs and where, in Thai or English: a service ("ทำบัตรประชาชน"), a place ("เชียงใหม่"), an office ("อบต.บางปลา") or both ("ID card Chiang Mai"). At most 200 characters.',
    }),
  ),
  province: Type.Optional(Type.String({ pattern: '^(\\d{2})?$', description: 'Province, by its 2-digit DOPA code (e.g. 50); empty for all.' })),
  district: Type.Optional(
    Type.String({ pattern: '^(\\d{4})?$', description: 'District (amphoe or Bangkok khet), by its 4-digit DOPA code (e.g. 5001); empty for all.' }),
  ),
  kind: Type.Optional(
    Type.Union([Type.Literal(''), ...SEARCHABLE_KINDS.map((kind) => Type.Literal(kind))], {
      description: 'Kind of organisation that runs the point; empty for all.',
    }),
  ),
  manual: Type.Optional(
    Type.String({
      maxLength: 100,
      pattern: '^([a-z0-9]+(-[a-z0-9]+)*)?$',
      description: 'Only points that give this service: the slug of a Citizen’s Manual (e.g. dopa-move-in).',
    }),
  ),
  radius: Type.Optional(
    Type.Union([Type.Literal(''), Type.Integer({ minimum: 100, maximum: 100_000 })], {
      description: 'With a position: only points within this many metres (100–100,000).',
    }),
  ),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1, description: 'Page of results, from 1.' })),
});
export type SearchFilters = Static<typeof SearchFilters>;

/** The search page: the filters and the position that "near me" sends. */
export const SearchPageQuery = Type.Composite([
  SearchFilters,
  Type.Object({
    lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90, description: 'Latitude (WGS84) of the citizen; with lng.' })),
    lng: Type.Optional(Type.Number({ minimum: -180, maximum: 180, description: 'Longitude (WGS84) of the citizen; with lat.' })),
  }),
]);
export type SearchPageQuery = Static<typeof SearchPageQuery>;

/** `GET /api/v1/service-points`: the filters, a position or a box, and a page size. */
export const ServicePointsQuery = Type.Composite([
  SearchFilters,
  Type.Object({
    near: Type.Optional(
      Type.String({ pattern: `^${NUMBER},${NUMBER}$`, description: 'latitude,longitude inside Thailand: nearest points first (e.g. 18.79,98.98).' }),
    ),
    bbox: Type.Optional(
      Type.String({ pattern: `^${NUMBER}(,${NUMBER}){3}$`, description: 'Only points inside this box: west,south,east,north in degrees.' }),
    ),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'Results per page, 1–100.' })),
  }),
]);
export type ServicePointsQuery = Static<typeof ServicePointsQuery>;

/** `GET /api/v1/map/clusters` */
export const ClustersQuery = Type.Object({
  bbox: Type.String({ pattern: `^${NUMBER}(,${NUMBER}){3}$`, description: 'The visible map: west,south,east,north in degrees.' }),
  zoom: Type.Integer({ minimum: 0, maximum: 20, description: 'The map’s zoom level (0–20).' }),
});
export type ClustersQuery = Static<typeof ClustersQuery>;

const FIELD_ISSUES: Record<string, (field: string) => FieldIssue> = {
  q: (field) => issue(field, 'q'),
  province: (field) => issue(field, 'province'),
  district: (field) => issue(field, 'district'),
  kind: (field) => issue(field, 'kind', SEARCHABLE_KINDS.join(', ')),
  manual: (field) => issue(field, 'manual'),
  lat: (field) => issue(field, 'coordinate'),
  lng: (field) => issue(field, 'coordinate'),
  near: (field) => issue(field, 'near'),
  radius: (field) => issue(field, 'radius'),
  bbox: (field) => issue(field, 'bbox'),
  zoom: (field) => issue(field, 'zoom'),
  page: (field) => issue(field, 'page'),
  pageSize: (field) => issue(field, 'pageSize'),
};

/** Schema failures → one clear message per field (route option `schemaErrorFormatter`). */
export function formatSchemaErrors(errors: FastifySchemaValidationError[]): AppError {
  const fields = new Set(
    errors.map((error) => error.instancePath.replace(/^\//, '').split('/')[0] || String((error.params as { missingProperty?: string }).missingProperty ?? '')),
  );
  return new AppError(
    'invalid_input',
    [...fields].map((field) => (FIELD_ISSUES[field] ?? ((f: string) => issue(f, 'unknown', f)))(field)),
  );
}

/**
 * Percent-encoding that is not UTF-8 (`%FF`, `%E0%A4%A`) reaches handlers as the raw text; it is
 * refused here rather than searched for.
 */
export function encodingIssues(request: FastifyRequest): FieldIssue[] {
  const search = request.url.split('?')[1];
  if (!search) return [];
  for (const part of search.split('&')) {
    try {
      decodeURIComponent(part.replaceAll('+', ' '));
    } catch {
      return [issue(part.split('=')[0]?.slice(0, 40) ?? 'query', 'encoding')];
    }
  }
  return [];
}

export function rejectBadEncoding(request: FastifyRequest): void {
  const issues = encodingIssues(request);
  if (issues.length > 0) throw new AppError('invalid_input', issues);
}

type Coordinates = { lat: number; lng: number };

/** The page's lat/lng: both or neither, inside Thailand. */
export function positionFromLatLng(lat: number | undefined, lng: number | undefined, issues: FieldIssue[]): Coordinates | undefined {
  if (lat === undefined && lng === undefined) return undefined;
  if (lat === undefined || lng === undefined) {
    issues.push(issue(lat === undefined ? 'lat' : 'lng', 'bothCoordinates'));
    return undefined;
  }
  if (!isInThailand(lat, lng)) {
    issues.push(issue('lat', 'outsideThailand'));
    return undefined;
  }
  return { lat, lng };
}

/** The API's `near=lat,lng`. */
export function positionFromNear(near: string | undefined, issues: FieldIssue[]): Coordinates | undefined {
  if (!near) return undefined;
  const [lat, lng] = near.split(',').map(Number) as [number, number];
  return positionFromLatLng(lat, lng, issues);
}

/** `west,south,east,north` with west < east and south < north, on the globe. */
export function parseBbox(bbox: string | undefined, issues: FieldIssue[]): [number, number, number, number] | undefined {
  if (!bbox) return undefined;
  const [west, south, east, north] = bbox.split(',').map(Number) as [number, number, number, number];
  const valid = west >= -180 && east <= 180 && south >= -90 && north <= 90 && west < east && south < north;
  if (!valid) {
    issues.push(issue('bbox', 'bbox'));
    return undefined;
  }
  return [west, south, east, north];
}

export interface ResolvedFilters {
  query: PointQuery;
  /** the district was dropped because it is not in the chosen province (the citizen changed province) */
  droppedDistrict: boolean;
}

/**
 * Checks the filters' meaning and builds the search. Unknown codes are refused; a district outside
 * the chosen province is refused by the API (`strictArea`) but dropped by the page, where it is what
 * a citizen gets by changing the province of a form without JavaScript.
 */
export async function resolveFilters(
  db: Db,
  input: SearchFilters,
  extra: { near?: Coordinates | undefined; bbox?: [number, number, number, number] | undefined; pageSize: number; strictArea: boolean },
  issues: FieldIssue[] = [],
): Promise<ResolvedFilters> {
  const [areas, catalogue] = await Promise.all([areaLists(db), searchCatalogue(db)]);
  let provinceCode = input.province || undefined;
  let districtCode = input.district || undefined;
  let droppedDistrict = false;
  if (provinceCode && !areas.provinceByCode.has(provinceCode)) issues.push(issue('province', 'unknownProvince', provinceCode));
  if (districtCode) {
    const district = areas.districtByCode.get(districtCode);
    if (!district) issues.push(issue('district', 'unknownDistrict', districtCode));
    else if (provinceCode && district.provinceCode !== provinceCode) {
      if (extra.strictArea) issues.push(issue('district', 'districtOutsideProvince', districtCode, provinceCode));
      districtCode = undefined;
      droppedDistrict = true;
    } else provinceCode = district.provinceCode;
  }
  const manual = input.manual || undefined;
  if (manual && !catalogue.some((m) => m.slug === manual)) issues.push(issue('manual', 'unknownManual', manual));
  const radiusM = input.radius === '' || input.radius === undefined ? undefined : input.radius;
  if (radiusM !== undefined && !extra.near && !issues.some((i) => ['lat', 'lng', 'near'].includes(i.field))) {
    issues.push(issue('radius', 'radiusWithoutPosition'));
  }
  if (issues.length > 0) throw new AppError('invalid_input', issues);
  return {
    query: {
      q: input.q?.trim() || undefined,
      provinceCode,
      districtCode,
      kind: input.kind || undefined,
      manual,
      near: extra.near,
      radiusM,
      bbox: extra.bbox,
      page: input.page ?? 1,
      pageSize: extra.pageSize,
    },
    droppedDistrict,
  };
}

export const pageCount = (total: number, pageSize: number) => Math.max(1, Math.ceil(total / pageSize));

/** A page past the last one is a clear 404, not an empty list. */
export function pageMissing(page: number, total: number, pageSize: number): AppError {
  return new AppError('not_found', [issue('page', 'pageMissing', String(page), String(pageCount(total, pageSize)))]);
}
