/**
 * Aggregate citizen satisfaction for open data: per province, or per service point within one
 * province, over a range of Bangkok days. Reads the per-day rollups (`rating_daily`), never the
 * ratings themselves. A year of rollups for 100,000 points is still millions of rows, so each
 * answer is kept for a few minutes per process (and identical concurrent requests share one query).
 */
import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../db/client.js';
import { AppError } from '../../http/errors.js';
import { bangkokDate } from '../../i18n/index.js';

export interface Summary {
  count: number;
  /** mean overall score 1–5, to 3 decimals; null without ratings */
  mean_overall: number | null;
  distribution: { '1': number; '2': number; '3': number; '4': number; '5': number };
  points_rated: number;
}

export interface ProvinceSatisfaction extends Summary {
  province_code: string;
  province_th: string;
  province_en: string;
}

export interface PointSatisfaction extends Omit<Summary, 'points_rated'> {
  code: string;
  name_th: string;
  name_en: string | null;
  district_code: string;
  district_th: string;
  district_en: string;
}

export interface SatisfactionReport {
  from: string;
  to: string;
  province: { code: string; name_th: string; name_en: string } | null;
  total: Summary;
  provinces?: ProvinceSatisfaction[];
  points?: PointSatisfaction[];
}

export interface DateRange {
  from: string;
  to: string;
}

/** The longest range one request may aggregate. */
export const MAX_RANGE_DAYS = 1830;
export const CACHE_MS = 5 * 60_000;
const CACHE_ENTRIES = 500;

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const isRealDate = (day: string) => new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) === day;

function shiftDay(day: string, { months = 0, days = 0 }: { months?: number; days?: number }): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + months);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * The range asked for, or the last 12 months of Bangkok days up to today. Refuses impossible
 * dates, Buddhist-era years (a common slip: 2569 for 2026), reversed and over-long ranges.
 */
export function resolveRange(query: { from?: string | undefined; to?: string | undefined }, today = bangkokDate()): DateRange {
  for (const field of ['from', 'to'] as const) {
    const value = query[field];
    if (value === undefined) continue;
    if (Number(value.slice(0, 4)) > 2400) {
      throw new AppError('invalid_input', [
        {
          field,
          th: `${field}: ใช้ปีคริสต์ศักราช (ค.ศ.) เช่น ${Number(value.slice(0, 4)) - 543}${value.slice(4)} ไม่ใช่ปีพุทธศักราช`,
          en: `${field}: use a Gregorian (CE) year, e.g. ${Number(value.slice(0, 4)) - 543}${value.slice(4)}, not a Buddhist-era year`,
        },
      ]);
    }
    if (!isRealDate(value)) {
      throw new AppError('invalid_input', [{ field, th: `${field}: ไม่มีวันที่ ${value} ในปฏิทิน`, en: `${field}: ${value} is not a calendar date` }]);
    }
  }
  const to = query.to ?? today;
  // The day after `to`, twelve months back: 2026-11-22 → 2025-11-23, 2024-02-29 → 2023-03-01.
  const from = query.from ?? shiftDay(shiftDay(to, { days: 1 }), { months: -12 });
  if (from > to) {
    throw new AppError('invalid_input', [{ field: 'from', th: 'วันเริ่มต้นต้องไม่อยู่หลังวันสิ้นสุด', en: 'from must not be after to' }]);
  }
  if (dayNumber(to) - dayNumber(from) + 1 > MAX_RANGE_DAYS) {
    throw new AppError('invalid_input', [
      { field: 'from', th: `ช่วงวันที่ยาวได้ไม่เกิน ${MAX_RANGE_DAYS} วัน`, en: `The range may cover at most ${MAX_RANGE_DAYS} days` },
    ]);
  }
  return { from, to };
}

interface Sums {
  count: number;
  sumOverall: number;
  s1: number;
  s2: number;
  s3: number;
  s4: number;
  s5: number;
  pointsRated: number;
}

const sumColumns = sql`
  sum(r.count)::int as count, sum(r.sum_overall)::float8 as "sumOverall",
  sum(r.score_1)::int as s1, sum(r.score_2)::int as s2, sum(r.score_3)::int as s3,
  sum(r.score_4)::int as s4, sum(r.score_5)::int as s5, count(distinct r.point_id)::int as "pointsRated"`;

/** Integer sums → summary. Rounding the exact quotient half up matches SQL's round(avg(overall), 3). */
function summarise(sums: Partial<Sums> | undefined): Summary {
  const count = sums?.count ?? 0;
  return {
    count,
    mean_overall: count > 0 ? Math.round(((sums?.sumOverall ?? 0) * 1000) / count) / 1000 : null,
    distribution: { '1': sums?.s1 ?? 0, '2': sums?.s2 ?? 0, '3': sums?.s3 ?? 0, '4': sums?.s4 ?? 0, '5': sums?.s5 ?? 0 },
    points_rated: sums?.pointsRated ?? 0,
  };
}

async function byProvince(db: Db, range: DateRange): Promise<SatisfactionReport> {
  const [provinces, [total]] = await Promise.all([
    rows<Sums & { code: string; nameTh: string; nameEn: string }>(
      db,
      sql`
        select pr.code, pr.name_th as "nameTh", pr.name_en as "nameEn", a.*
        from provinces pr
        left join (
          select p.province_code, ${sumColumns}
          from rating_daily r join service_points p on p.id = r.point_id
          where r.day between ${range.from}::date and ${range.to}::date
          group by p.province_code
        ) a on a.province_code = pr.code
        order by pr.code`,
    ),
    rows<Sums>(db, sql`select ${sumColumns} from rating_daily r where r.day between ${range.from}::date and ${range.to}::date`),
  ]);
  return {
    ...range,
    province: null,
    total: summarise(total),
    provinces: provinces.map((row) => ({
      province_code: row.code,
      province_th: row.nameTh,
      province_en: row.nameEn,
      ...summarise(row),
    })),
  };
}

async function byPoint(db: Db, range: DateRange, provinceCode: string): Promise<SatisfactionReport> {
  const [province] = await rows<{ code: string; name_th: string; name_en: string }>(
    db,
    sql`select code, name_th, name_en from provinces where code = ${provinceCode}`,
  );
  if (!province) {
    throw new AppError('invalid_input', [
      { field: 'province', th: `ไม่พบจังหวัดรหัส ${provinceCode}`, en: `No province has the code ${provinceCode}` },
    ]);
  }
  const points = await rows<Sums & { code: string; nameTh: string; nameEn: string | null; districtCode: string; districtTh: string; districtEn: string }>(
    db,
    sql`
      select p.code, p.name_th as "nameTh", p.name_en as "nameEn",
        p.district_code as "districtCode", d.name_th as "districtTh", d.name_en as "districtEn", ${sumColumns}
      from rating_daily r
      join service_points p on p.id = r.point_id
      join districts d on d.code = p.district_code
      where p.province_code = ${provinceCode} and r.day between ${range.from}::date and ${range.to}::date
      group by p.id, p.code, p.name_th, p.name_en, p.district_code, d.name_th, d.name_en
      order by p.district_code, p.code`,
  );
  const totals: Sums = { count: 0, sumOverall: 0, s1: 0, s2: 0, s3: 0, s4: 0, s5: 0, pointsRated: points.length };
  for (const point of points) {
    for (const key of ['count', 'sumOverall', 's1', 's2', 's3', 's4', 's5'] as const) totals[key] += point[key];
  }
  return {
    ...range,
    province,
    total: summarise(totals),
    points: points.map((row) => {
      const { points_rated: _one, ...summary } = summarise(row);
      return {
        code: row.code,
        name_th: row.nameTh,
        name_en: row.nameEn,
        district_code: row.districtCode,
        district_th: row.districtTh,
        district_en: row.districtEn,
        ...summary,
      };
    }),
  };
}

const caches = new WeakMap<Db, Map<string, { at: number; report: Promise<SatisfactionReport> }>>();

/** Satisfaction per province, or per rated point of one province; cached for CACHE_MS. */
export function satisfaction(db: Db, range: DateRange, provinceCode?: string): Promise<SatisfactionReport> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const key = `${range.from}/${range.to}/${provinceCode ?? ''}`;
  const cached = cache.get(key);
  if (cached && Date.now() - cached.at < CACHE_MS) return cached.report;
  if (cache.size >= CACHE_ENTRIES) cache.clear();
  const report = provinceCode ? byPoint(db, range, provinceCode) : byProvince(db, range);
  cache.set(key, { at: Date.now(), report });
  report.catch(() => cache.delete(key));
  return report;
}
