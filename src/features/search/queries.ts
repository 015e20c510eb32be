/**
 * Finding service points: by text (service and place), area, kind of organisation, service,
 * distance and map box. One query serves the citizen pages, the JSON API and the open data.
 */
import { sql, type SQL } from 'drizzle-orm';
import { cachedPerDb } from '../../db/cache.js';
import { holidaysBetween } from '../geography/holidays.js';
import { rows, type Db } from '../../db/client.js';
import type { WeeklyHours } from '../../db/schema.js';
import { bangkokDate } from '../../i18n/index.js';
import { likeEscape, normaliseForSearch, queryChunks } from '../../i18n/text.js';
import { addDays, openingState, type Interval, type OpeningState } from '../service-points/hours.js';
import { catalogueEntry, interpretQuery, type CatalogueEntry, type PlaceNames } from './interpret.js';

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

export interface MatchedService {
  slug: string;
  titleTh: string;
  titleEn: string | null;
}

export interface PointSummary {
  id: number;
  code: string;
  nameTh: string;
  nameEn: string | null;
  organisationCode: string;
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
  /** open or closed at the time of the search, on the Bangkok clock */
  opening: OpeningState;
  /** the services the query asked for (by its words or `manual`) that this point gives */
  services: MatchedService[];
}

export interface PointSearchResult {
  items: PointSummary[];
  /** number of matches, counted up to COUNT_CAP */
  total: number;
  totalIsCapped: boolean;
  /** the manuals the query was read as naming */
  manualIds: number[] | null;
  /** the place and office words of the query, as matched against points */
  placePatterns: string[];
  /** the provinces the query named */
  provinceCodes: string[];
}

/** Counting every match of a broad query costs more than showing it; beyond this we say "more than". */
export const COUNT_CAP = 1_000;

export interface CatalogueManual extends CatalogueEntry {
  slug: string;
  titleTh: string;
  titleEn: string | null;
  categoryTh: string | null;
  categoryEn: string | null;
}

/** The published manuals (a few hundred rows) with the phrases queries are matched against. */
export const searchCatalogue = cachedPerDb(30_000, async (db): Promise<CatalogueManual[]> => {
  const manuals = await rows<{
    id: number;
    slug: string;
    titleTh: string;
    titleEn: string | null;
    synonymsTh: string[];
    synonymsEn: string[];
    ownerAgencyTh: string;
    ownerAgencyEn: string | null;
    categoryTh: string | null;
    categoryEn: string | null;
  }>(
    db,
    sql`select id, slug, title_th as "titleTh", title_en as "titleEn", synonyms_th as "synonymsTh", synonyms_en as "synonymsEn",
          owner_agency_th as "ownerAgencyTh", owner_agency_en as "ownerAgencyEn", category_th as "categoryTh", category_en as "categoryEn"
        from manuals where status = 'published' order by category_th nulls last, title_th`,
  );
  return manuals.map((m) => ({
    ...catalogueEntry(m.id, [m.titleTh, m.titleEn], [...m.synonymsTh, ...m.synonymsEn, m.ownerAgencyTh, m.ownerAgencyEn, m.categoryTh, m.categoryEn]),
    slug: m.slug,
    titleTh: m.titleTh,
    titleEn: m.titleEn,
    categoryTh: m.categoryTh,
    categoryEn: m.categoryEn,
  }));
});

interface Gazetteer {
  places: PlaceNames;
  /** normalised province name (Thai or English) → province code */
  provinces: Map<string, string>;
}

/** Names of provinces, districts and subdistricts (Thai and English), for reading queries. */
export const gazetteer = cachedPerDb(10 * 60_000, async (db): Promise<Gazetteer> => {
  const names = await rows<{ th: string; en: string; province: string | null }>(
    db,
    sql`select name_th as th, name_en as en, code as province from provinces
        union all select name_th, name_en, null from districts
        union all select name_th, name_en, null from subdistricts`,
  );
  const places = new Map<string, string>();
  const provinces = new Map<string, string>();
  for (const { th, en, province } of names) {
    for (const name of [th, en]) {
      const normalised = normaliseForSearch(name);
      const key = normalised.replaceAll(' ', '');
      // Two-letter names ("นา", "บ่อ") are everyday words more often than the place.
      if (key.length >= 3) places.set(key, normalised);
      if (province) provinces.set(normalised, province);
    }
  }
  return { places, provinces };
});

export interface Area {
  code: string;
  nameTh: string;
  nameEn: string;
}

export interface AreaLists {
  provinces: Area[];
  provinceByCode: Map<string, Area>;
  districtsOf: Map<string, Area[]>;
  districtByCode: Map<string, Area & { provinceCode: string }>;
}

/** Provinces and districts for the filters (about a thousand rows). */
export const areaLists = cachedPerDb(10 * 60_000, async (db): Promise<AreaLists> => {
  const [provinces, districts] = await Promise.all([
    rows<Area>(db, sql`select code, name_th as "nameTh", name_en as "nameEn" from provinces order by name_th`),
    rows<Area & { provinceCode: string }>(
      db,
      sql`select code, province_code as "provinceCode", name_th as "nameTh", name_en as "nameEn" from districts order by name_th`,
    ),
  ]);
  const districtsOf = new Map<string, Area[]>();
  for (const district of districts) {
    const list = districtsOf.get(district.provinceCode) ?? [];
    list.push(district);
    districtsOf.set(district.provinceCode, list);
  }
  return {
    provinces,
    provinceByCode: new Map(provinces.map((p) => [p.code, p])),
    districtsOf,
    districtByCode: new Map(districts.map((d) => [d.code, d])),
  };
});

export interface QueryReading {
  manualIds: number[] | null;
  placePatterns: string[];
  /** provinces the query names ("เชียงใหม่", "Chiang Mai"): a province, not every place that shares its name */
  provinceCodes: string[];
}

/** Reads a query into the manuals it names, the provinces it names and the other place words points must contain. */
export async function readQuery(db: Db, q: string | undefined): Promise<QueryReading> {
  if (!q) return { manualIds: null, placePatterns: [], provinceCodes: [] };
  const [catalogue, names] = await Promise.all([searchCatalogue(db), gazetteer(db)]);
  const { manualIds, placePatterns } = interpretQuery(q, catalogue, names.places);
  const provinceCodes = placePatterns.map((pattern) => names.provinces.get(pattern)).filter((code): code is string => code !== undefined);
  return { manualIds, placePatterns: placePatterns.filter((pattern) => !names.provinces.has(pattern)), provinceCodes };
}

/** `(1, 2, 3)` for ids read from the database (integers only, so no parameters are needed). */
const intList = (ids: number[]) => sql.raw(`(${ids.map((id) => String(Math.trunc(id))).join(', ')})`);

const earthOf = (lat: SQL | number, lng: SQL | number) => sql`ll_to_earth(${lat}, ${lng})`;
const pointEarth = sql`ll_to_earth(p.lat, p.lng)`;
const likeAnywhere = (text: string) => `%${likeEscape(text)}%`;

type PointRow = Omit<PointSummary, 'opening' | 'services'> & { hours: WeeklyHours; closedOnHolidays: boolean };

export async function searchPoints(db: Db, query: PointQuery, at: Date = new Date()): Promise<PointSearchResult> {
  const conditions: SQL[] = [sql`p.status = 'active'`];
  const { manualIds, placePatterns, provinceCodes } = await readQuery(db, query.q);
  // Text with nothing searchable in it ("%_", "ที่ไหน") finds nothing rather than everything.
  if (query.q && !manualIds && placePatterns.length === 0 && provinceCodes.length === 0) conditions.push(sql`false`);
  if (provinceCodes.length > 0) conditions.push(sql`p.province_code in (${sql.join(provinceCodes.map((code) => sql`${code}`), sql`, `)})`);
  for (const pattern of placePatterns) conditions.push(sql`p.search_text like ${likeAnywhere(pattern)}`);
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
  // KNN order alone: a tie-breaker after `<->` would make PostgreSQL sort every point instead of walking the GiST index.
  const order = near ? sql`${pointEarth} <-> ${near}` : placePatterns.length > 0 ? relevance(placePatterns) : sql`p.province_code, p.district_code, p.name_th, p.id`;

  const [found, [counted]] = await Promise.all([
    rows<PointRow>(
      db,
      sql`
        select p.id, p.code, p.name_th as "nameTh", p.name_en as "nameEn",
          o.code as "organisationCode", o.name_th as "organisationNameTh", o.name_en as "organisationNameEn", o.kind,
          p.address_th as "addressTh", p.address_en as "addressEn",
          p.province_code as "provinceCode", pr.name_th as "provinceTh", pr.name_en as "provinceEn",
          p.district_code as "districtCode", d.name_th as "districtTh", d.name_en as "districtEn",
          p.lat, p.lng, p.verification, p.phones, p.hours, p.closed_on_holidays as "closedOnHolidays",
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
            select 1 from service_points p ${query.kind ? sql`join organisations o on o.id = p.organisation_id` : sql``}
            where ${where} limit ${COUNT_CAP + 1}) capped`,
    ),
  ]);
  const ids = found.map((point) => point.id);
  const [services, openings] = await Promise.all([servicesAt(db, ids, manualIds, query.manual, query.q), openingStates(db, found, at)]);
  const items = found.map(({ hours: _hours, closedOnHolidays: _closed, ...point }) => ({
    ...point,
    opening: openings.get(point.id) as OpeningState,
    services: services.get(point.id) ?? [],
  }));
  const total = Math.min(counted?.total ?? 0, COUNT_CAP);
  return { items, total, totalIsCapped: (counted?.total ?? 0) > COUNT_CAP, manualIds, placePatterns, provinceCodes };
}

/**
 * Best first: points whose name holds the query's place words and whose words read exactly as
 * them ("บางปลา": the TAO บางปลา before the district office of บางปลาม้า), then names that hold
 * them, then points that only lie there ("อบต บางปลา" is the TAO's abbreviation, "chiang mai" a
 * province), then the rest.
 */
function relevance(patterns: string[]): SQL {
  const phrase = `% ${likeEscape(patterns.join(' '))} %`;
  const inName = sql.join(
    patterns.map((pattern) => sql`(p.name_th || ' ' || lower(coalesce(p.name_en, ''))) like ${likeAnywhere(pattern)}`),
    sql` and `,
  );
  return sql`(case when ${inName} then 0 else 2 end) + (case when (' ' || p.search_text || ' ') like ${phrase} then 0 else 1 end), p.name_th, p.id`;
}

/**
 * For each point, the asked-for services it gives (the query's manuals and the `manual` filter),
 * those whose title holds the query's own words first ("ทะเบียนบ้าน" → "…สำเนาทะเบียนบ้าน…").
 */
async function servicesAt(
  db: Db,
  pointIds: number[],
  manualIds: number[] | null,
  manualSlug: string | undefined,
  q: string | undefined,
): Promise<Map<number, MatchedService[]>> {
  const byPoint = new Map<number, MatchedService[]>();
  if (pointIds.length === 0 || (!manualIds && !manualSlug)) return byPoint;
  const asked = [manualIds ? sql`pm.manual_id in ${intList(manualIds)}` : null, manualSlug ? sql`m.slug = ${manualSlug}` : null].filter(
    (condition): condition is SQL => condition !== null,
  );
  const found = await rows<MatchedService & { pointId: number }>(
    db,
    sql`select pm.point_id as "pointId", m.slug, m.title_th as "titleTh", m.title_en as "titleEn"
        from point_manuals pm join manuals m on m.id = pm.manual_id
        where pm.point_id in ${intList(pointIds)} and m.status = 'published' and (${sql.join(asked, sql` or `)})
        order by pm.point_id, m.title_th`,
  );
  const chunks = q ? queryChunks(q).map((chunk) => chunk.text) : [];
  const scores = new Map<string, number>();
  const score = (service: MatchedService) => {
    let value = scores.get(service.slug);
    if (value === undefined) {
      const title = normaliseForSearch(`${service.titleTh} ${service.titleEn ?? ''}`);
      value = (service.slug === manualSlug ? 100 : 0) + chunks.filter((chunk) => title.includes(chunk)).length;
      scores.set(service.slug, value);
    }
    return value;
  };
  for (const { pointId, ...service } of found) {
    const list = byPoint.get(pointId) ?? [];
    list.push(service);
    byPoint.set(pointId, list);
  }
  for (const list of byPoint.values()) list.sort((a, b) => score(b) - score(a));
  return byPoint;
}

/** "Open now" of a page of points: their weekly hours, exceptions and public holidays for the next month. */
async function openingStates(db: Db, points: PointRow[], at: Date): Promise<Map<number, OpeningState>> {
  const states = new Map<number, OpeningState>();
  if (points.length === 0) return states;
  const today = bangkokDate(at);
  const [exceptions, holidayMap] = await Promise.all([
    rows<{ pointId: number; date: string; intervals: Interval[] }>(
      db,
      sql`select point_id as "pointId", date::text as date, intervals from hours_exceptions
          where point_id in ${intList(points.map((p) => p.id))} and date between ${today}::date and ${today}::date + 31`,
    ),
    holidaysBetween(db, today, addDays(today, 31)),
  ]);
  for (const point of points) {
    const own = new Map(exceptions.filter((e) => e.pointId === point.id).map((e) => [e.date, e.intervals]));
    states.set(point.id, openingState({ weekly: point.hours, closedOnHolidays: point.closedOnHolidays, exceptions: own, holidays: holidayMap }, at));
  }
  return states;
}
