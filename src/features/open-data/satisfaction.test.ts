import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client.js';
import { bangkokDate } from '../../i18n/index.js';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { resolveRange, type PointSatisfaction, type ProvinceSatisfaction, type SatisfactionReport, type Summary } from './satisfaction.js';

let t: TestApp;
/** A calendar month that has ratings, and the province with the most of them in it. */
let month: { from: string; to: string; provinceCode: string };

interface Direct {
  key: string;
  count: number;
  mean: number | null;
  s1: number;
  s2: number;
  s3: number;
  s4: number;
  s5: number;
  points: number;
}

/** The same figures straight from the individual ratings (a test may scan them; the API must not). */
function direct(groupBy: 'province' | 'point', from: string, to: string, provinceCode?: string): Promise<Direct[]> {
  const key = groupBy === 'province' ? sql`p.province_code` : sql`p.code`;
  return rows<Direct>(
    t.app.db,
    sql`select ${key} as key, count(*)::int as count, round(avg(r.overall)::numeric, 3)::float8 as mean,
          (count(*) filter (where r.overall = 1))::int as s1, (count(*) filter (where r.overall = 2))::int as s2,
          (count(*) filter (where r.overall = 3))::int as s3, (count(*) filter (where r.overall = 4))::int as s4,
          (count(*) filter (where r.overall = 5))::int as s5, count(distinct r.point_id)::int as points
        from ratings r join service_points p on p.id = r.point_id
        where r.counted and r.day between ${from}::date and ${to}::date
          and ${provinceCode ? sql`p.province_code = ${provinceCode}` : sql`true`}
        group by 1 order by 1`,
  );
}

const asSummary = (row: Direct): Omit<Summary, 'points_rated'> => ({
  count: row.count,
  mean_overall: row.mean,
  distribution: { '1': row.s1, '2': row.s2, '3': row.s3, '4': row.s4, '5': row.s5 },
});

const satisfaction = async (query: string) => {
  const response = await t.app.inject(`/api/v1/satisfaction${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as SatisfactionReport;
};

beforeAll(async () => {
  t = await createTestApp();
  [month] = await rows<typeof month>(
    t.app.db,
    sql`select to_char(date_trunc('month', r.day), 'YYYY-MM-DD') as "from",
          to_char(date_trunc('month', r.day) + interval '1 month' - interval '1 day', 'YYYY-MM-DD') as "to",
          p.province_code as "provinceCode"
        from ratings r join service_points p on p.id = r.point_id
        where r.counted
        group by 1, 2, 3 order by count(*) desc, 1, 3 limit 1`,
  ) as [typeof month];
});
afterAll(() => t.close());

describe('GET /api/v1/satisfaction', () => {
  it('per province equals a direct aggregate of the ratings, over the last 12 months by default', async () => {
    const report = await satisfaction('');
    const today = bangkokDate();
    const [expected] = await rows<{ from: string }>(
      t.app.db,
      sql`select to_char(${today}::date + 1 - interval '12 months', 'YYYY-MM-DD') as "from"`,
    );
    expect({ from: report.from, to: report.to }).toEqual({ from: expected!.from, to: today });
    expect(report.province).toBeNull();

    const byProvince = new Map((await direct('province', report.from, report.to)).map((row) => [row.key, row]));
    const provinces = report.provinces as ProvinceSatisfaction[];
    const [{ n: provinceCount }] = (await rows<{ n: number }>(t.app.db, sql`select count(*)::int as n from provinces`)) as [{ n: number }];
    expect(provinces.length).toBe(provinceCount);
    expect(byProvince.size).toBeGreaterThan(0);
    for (const province of provinces) {
      const row = byProvince.get(province.province_code);
      const expectedSummary = row
        ? { ...asSummary(row), points_rated: row.points }
        : { count: 0, mean_overall: null, distribution: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 }, points_rated: 0 };
      const { province_code: _code, province_th: nameTh, province_en: _en, ...summary } = province;
      expect(summary, province.province_code).toEqual(expectedSummary);
      expect(nameTh).toMatch(/[\u0e00-\u0e7f]/);
    }
    const [all] = await rows<Direct>(
      t.app.db,
      sql`select count(*)::int as count, round(avg(overall)::numeric, 3)::float8 as mean,
            (count(*) filter (where overall = 1))::int as s1, (count(*) filter (where overall = 2))::int as s2,
            (count(*) filter (where overall = 3))::int as s3, (count(*) filter (where overall = 4))::int as s4,
            (count(*) filter (where overall = 5))::int as s5, count(distinct point_id)::int as points
          from ratings where counted and day between ${report.from}::date and ${report.to}::date`,
    );
    expect(report.total).toEqual({ ...asSummary(all!), points_rated: all!.points });
  });

  it('per point of one province, for one month, equals a direct aggregate', async () => {
    const report = await satisfaction(`?province=${month.provinceCode}&from=${month.from}&to=${month.to}`);
    expect(report.province?.code).toBe(month.provinceCode);
    expect(report.provinces).toBeUndefined();
    const points = report.points as PointSatisfaction[];
    const expected = await direct('point', month.from, month.to, month.provinceCode);
    expect(points.map((p) => p.code).sort()).toEqual(expected.map((row) => row.key).sort());
    const byCode = new Map(expected.map((row) => [row.key, row]));
    for (const point of points) {
      const { code, name_th: _th, name_en: _en, district_code: _d, district_th: _dth, district_en: _den, ...summary } = point;
      expect(summary, code).toEqual(asSummary(byCode.get(code)!));
    }
    const [total] = await direct('province', month.from, month.to, month.provinceCode);
    expect(report.total).toEqual({ ...asSummary(total!), points_rated: total!.points });
  });

  it('counts only the days asked for', async () => {
    const day = await satisfaction(`?from=${month.from}&to=${month.from}`);
    const [expected] = await rows<{ count: number }>(
      t.app.db,
      sql`select count(*)::int as count from ratings where counted and day = ${month.from}::date`,
    );
    expect(day.total.count).toBe(expected!.count);
  });

  it('answers zeros and null means for a range without ratings', async () => {
    const report = await satisfaction('?from=2000-01-01&to=2004-12-31');
    const none = { count: 0, mean_overall: null, distribution: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 }, points_rated: 0 };
    expect(report.total).toEqual(none);
    expect(report.provinces?.every(({ province_code: _c, province_th: _th, province_en: _en, ...summary }) => JSON.stringify(summary) === JSON.stringify(none))).toBe(true);
  });

  it('may be cached by clients and proxies for five minutes', async () => {
    const response = await t.app.inject('/api/v1/satisfaction');
    expect(response.headers['cache-control']).toBe('public, max-age=300');
    expect(response.headers['access-control-allow-origin']).toBe('*');
  });

  const bad = [
    ['from=2026-02-30', 'from'],
    ['to=2026-13-01', 'to'],
    ['from=2569-01-01', 'from'],
    ['from=26-01-01', 'from'],
    ['from=2026-1-1', 'from'],
    ['from=yesterday', 'from'],
    ["from=2026-01-01' or 1=1--", 'from'],
    ['from=2026-05-01&to=2026-04-30', 'from'],
    ['from=2000-01-01&to=2026-01-01', 'from'],
    ['province=99', 'province'],
    ['province=5', 'province'],
    ['province=<b>10</b>', 'province'],
  ] as const;

  it.each(bad)('%s → 400 in Thai and English', async (query, field) => {
    const response = await t.app.inject(`/api/v1/satisfaction?${query}`);
    expect(response.statusCode).toBe(400);
    const { error } = response.json() as { error: { code: string; message_th: string; issues: { field: string; message_th: string }[] } };
    expect(error.code).toBe('invalid_input');
    expect(error.message_th).toMatch(/[\u0e00-\u0e7f]/);
    expect(error.issues[0]?.field).toBe(field);
    expect(error.issues[0]?.message_th).toMatch(/[\u0e00-\u0e7f]/);
  });

  it('explains a Buddhist-era year', async () => {
    const response = await t.app.inject('/api/v1/satisfaction?from=2569-10-01&to=2570-09-30');
    expect(response.json()).toMatchObject({
      error: { issues: [{ field: 'from', message: expect.stringContaining('2026-10-01') as string, message_th: expect.stringContaining('ค.ศ.') as string }] },
    });
  });
});

describe('resolveRange', () => {
  it('defaults to the 12 months of Bangkok days that end today', () => {
    expect(resolveRange({}, '2026-11-22')).toEqual({ from: '2025-11-23', to: '2026-11-22' });
    expect(resolveRange({}, '2024-02-29')).toEqual({ from: '2023-03-01', to: '2024-02-29' });
    expect(resolveRange({}, '2026-12-31')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(resolveRange({ to: '2026-09-30' }, '2026-11-22')).toEqual({ from: '2025-10-01', to: '2026-09-30' });
    expect(resolveRange({ from: '2026-11-01' }, '2026-11-22')).toEqual({ from: '2026-11-01', to: '2026-11-22' });
  });

  it('accepts a range of up to five years', () => {
    expect(resolveRange({ from: '2021-11-23', to: '2026-11-22' })).toEqual({ from: '2021-11-23', to: '2026-11-22' });
    expect(() => resolveRange({ from: '2020-01-01', to: '2026-11-22' })).toThrow();
  });
});
