import { sql } from 'drizzle-orm';
import { cachedPerDb } from '../../db/cache.js';
import { rows } from '../../db/client.js';

export interface Holiday {
  date: string;
  nameTh: string;
  nameEn: string;
}

/** Government days off (a few dozen rows a year), read once per process and refreshed every 10 minutes. */
export const governmentHolidays = cachedPerDb(10 * 60_000, (db) =>
  rows<Holiday>(db, sql`select date::text as date, name_th as "nameTh", name_en as "nameEn" from holidays where government_day_off order by date`),
);

/** The days off from `from` to `to` (YYYY-MM-DD, inclusive) by date. */
export async function holidaysBetween(db: Parameters<typeof governmentHolidays>[0], from: string, to: string): Promise<Map<string, Holiday>> {
  const all = await governmentHolidays(db);
  return new Map(all.filter((h) => h.date >= from && h.date <= to).map((h) => [h.date, h]));
}
