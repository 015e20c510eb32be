/**
 * Finding service points: by text (service and place), area, kind of organisation, service,
 * distance and map box. One query serves the citizen pages, the JSON API and the open data.
 */
import { sql, type SQL } from 'drizzle-orm';
import { rows, type Db } from '../../db/client.js';
import { likeEscape } from '../../i18n/text.js';
import { interpretQuery, type CatalogueEntry } from './interpret.js';

export interface PointQuery {
  q?: string | undefined;
  provinceCode?: string | undefined;
  districtCode?: string | undefined;
  kind?: string | undefined;
  /** manual slug: points that give this service */
  manual?: string | undefined;
  near?: { lat: number; lng: number } | undefined;
  /** metres around `near` */
  radiusM?: number | undefined;
  /** west, south, east, north */
  bbox?: [number, number, number, number] | undefined;
  page: number;
  pageSize: number;
}

export interface PointSummary {
  id: number;
  code: string;
  nameTh: string;
  nameEn: string | null;
  organisationNameTh: string;
  organisationNameEn: string | null;
  kind: string;
  addressTh: string | null;
  addressEn: string | null;
  provinceCode: string;
  provinceTh: string;
  provinceEn: string;
  districtCode: string;
  districtTh: string;
  districtEn: string;
  lat: number;
  lng: number;
  verification: string;
  phones: string[];
  /** metres from `near`, when given */
  distanceM: number | null;
}

export interface PointSearchResult {
  items: PointSummary[];
  /** number of matches, counted up to COUNT_CAP */
  total: number;
  totalIsCapped: boolean;
  /** the manuals the query was read as naming */
  manualIds: number[] | null;
}

export const COUNT_CAP = 10_000;

/** Per-process cache of the catalogue's search texts (a few hundred rows), rebuilt every 30 s. */
const catalogueCache = new WeakMap<Db, { at: number; entries: Promise<CatalogueEntry[]> }>();
export function searchCatalogue(db: Db): Promise<CatalogueEntry[]> {
  const cached = catalogueCache.get(db);
  if (cached && Date.now() - cached.at < 30_000) return cached.entries;
  const entries = rows<CatalogueEntry>(db, sql`select id, search_text as "searchText" from manuals where status = 'published'`);
  catalogueCache.set(db, { at: Date.now(), entries });
  entries.catch(() => catalogueCache.delete(db));
  return entries;
}

/** `(1, 2, 3)` for ids read from the database (integers only, so no parameters are needed). */
const intList = (ids: number[]) => sql.raw(`(${ids.map((id) => String(Math.trunc(id))).join(', ')})`);

const earthOf = (lat: SQL | number, lng: SQL | number) => sql`ll_to_earth(${lat}, ${lng})`;
const pointEarth = sql`ll_to_earth(p.lat, p.lng)`;

export async function searchPoints(db: Db, query: PointQuery): Promise<PointSearchResult> {
  const conditions: SQL[] = [sql`p.status = 'active'`];
  const { manualIds, placePatterns } = query.q ? interpretQuery(query.q, await searchCatalogue(db)) : { manualIds: null, placePatterns: [] };
  for (const pattern of placePatterns) conditions.push(sql`p.search_text like ${`%${likeEscape(pattern)}%`}`);
  if (manualIds) conditions.push(sql`exists (select 1 from point_manuals pm where pm.point_id = p.id and pm.manual_id in ${intList(manualIds)})`);
  if (query.manual) {
    conditions.push(sql`exists (select 1 from point_manuals pm join manuals m on m.id = pm.manual_id where pm.point_id = p.id and m.slug = ${query.manual})`);
  }
  if (query.provinceCode) conditions.push(sql`p.province_code = ${query.provinceCode}`);
  if (query.districtCode) conditions.push(sql`p.district_code = ${query.districtCode}`);
  if (query.kind) conditions.push(sql`o.kind = ${query.kind}`);
  if (query.bbox) {
    const [west, south, east, north] = query.bbox;
    conditions.push(sql`p.lat between ${south} and ${north} and p.lng between ${west} and ${east}`);
  }
  const near = query.near ? earthOf(sql`${query.near.lat}::float8`, sql`${query.near.lng}::float8`) : null;
  if (near && query.radiusM) {
    conditions.push(sql`earth_box(${near}, ${query.radiusM}::float8) @> ${pointEarth}`);
    conditions.push(sql`earth_distance(${near}, ${pointEarth}) <= ${query.radiusM}::float8`);
  }

  const where = sql.join(conditions, sql` and `);
  // Nearest first by the KNN operator on the GiST index; otherwise names that contain the words first.
  const firstPattern = placePatterns[0];
  const order = near
    ? sql`${pointEarth} <-> ${near}`
    : firstPattern
      ? sql`(lower(p.name_th) like ${`%${likeEscape(firstPattern)}%`} or lower(coalesce(p.name_en, '')) like ${`%${likeEscape(firstPattern)}%`}) desc, p.name_th, p.id`
      : sql`p.province_code, p.district_code, p.name_th, p.id`;

  const [items, [counted]] = await Promise.all([
    rows<PointSummary>(
      db,
      sql`
        select p.id, p.code, p.name_th as "nameTh", p.name_en as "nameEn",
          o.name_th as "organisationNameTh", o.name_en as "organisationNameEn", o.kind,
          p.address_th as "addressTh", p.address_en as "addressEn",
          p.province_code as "provinceCode", pr.name_th as "provinceTh", pr.name_en as "provinceEn",
          p.district_code as "districtCode", d.name_th as "districtTh", d.name_en as "districtEn",
          p.lat, p.lng, p.verification, p.phones,
          ${near ? sql`earth_distance(${near}, ${pointEarth})::float8` : sql`null::float8`} as "distanceM"
        from service_points p
        join organisations o on o.id = p.organisation_id
        join provinces pr on pr.code = p.province_code
        join districts d on d.code = p.district_code
        where ${where}
        order by ${order}
        limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`,
    ),
    rows<{ total: number }>(
      db,
      sql`select count(*)::int as total from (
            select 1 from service_points p join organisations o on o.id = p.organisation_id
            where ${where} limit ${COUNT_CAP + 1}) capped`,
    ),
  ]);
  const total = Math.min(counted?.total ?? 0, COUNT_CAP);
  return { items, total, totalIsCapped: (counted?.total ?? 0) > COUNT_CAP, manualIds };
}
