/** Reading one service point with everything its public page and API show. */
import { sql } from 'drizzle-orm';
import { cachedPerDb } from '../../db/cache.js';
import { holidaysBetween } from '../geography/holidays.js';
import { rows, type Db } from '../../db/client.js';
import type { WeeklyHours } from '../../db/schema.js';
import type { HoursContext, Interval } from './hours.js';

export interface PointRecord {
  id: number;
  code: string;
  nameTh: string;
  nameEn: string | null;
  addressTh: string | null;
  addressEn: string | null;
  postalCode: string | null;
  provinceCode: string;
  provinceTh: string;
  provinceEn: string;
  districtCode: string;
  districtTh: string;
  districtEn: string;
  subdistrictTh: string | null;
  subdistrictEn: string | null;
  lat: number;
  lng: number;
  pinAccuracyM: number | null;
  pinMethod: string;
  verification: string;
  phones: string[];
  website: string | null;
  email: string | null;
  hours: WeeklyHours;
  closedOnHolidays: boolean;
  status: string;
  manualsConfirmedAt: Date | null;
  organisationCode: string;
  organisationPath: string;
  organisationKind: string;
  organisationNameTh: string;
  organisationNameEn: string | null;
}

export async function findPoint(db: Db, code: string): Promise<PointRecord | null> {
  const [point] = await rows<PointRecord>(
    db,
    sql`select p.id, p.code, p.name_th as "nameTh", p.name_en as "nameEn", p.address_th as "addressTh", p.address_en as "addressEn",
          p.postal_code as "postalCode", p.province_code as "provinceCode", pr.name_th as "provinceTh", pr.name_en as "provinceEn",
          p.district_code as "districtCode", d.name_th as "districtTh", d.name_en as "districtEn",
          s.name_th as "subdistrictTh", s.name_en as "subdistrictEn",
          p.lat, p.lng, p.pin_accuracy_m as "pinAccuracyM", p.pin_method as "pinMethod", p.verification,
          p.phones, p.website, p.email, p.hours, p.closed_on_holidays as "closedOnHolidays", p.status,
          p.manuals_confirmed_at as "manualsConfirmedAt",
          o.code as "organisationCode", o.path as "organisationPath", o.kind as "organisationKind",
          o.name_th as "organisationNameTh", o.name_en as "organisationNameEn"
        from service_points p
        join organisations o on o.id = p.organisation_id
        join provinces pr on pr.code = p.province_code
        join districts d on d.code = p.district_code
        left join subdistricts s on s.code = p.subdistrict_code
        where p.code = ${code}`,
  );
  if (!point) return null;
  // Timestamps come back as Date from one driver and as text from the other in some set-ups.
  return { ...point, manualsConfirmedAt: point.manualsConfirmedAt ? new Date(point.manualsConfirmedAt) : null };
}

export interface OrganisationLink {
  code: string;
  nameTh: string;
  nameEn: string | null;
  kind: string;
}

/** Every organisation's link facts by id (tens of thousands of short rows), refreshed every 5 minutes. */
const organisationLinks = cachedPerDb(5 * 60_000, async (db) => {
  const all = await rows<OrganisationLink & { id: number }>(db, sql`select id, code, name_th as "nameTh", name_en as "nameEn", kind from organisations`);
  return new Map(all.map(({ id, ...link }) => [id, link]));
});

/** The organisation and its ancestors, top first, read from the materialised path `/1/4/97/`. */
export async function organisationChain(db: Db, path: string): Promise<OrganisationLink[]> {
  const links = await organisationLinks(db);
  return path
    .split('/')
    .filter(Boolean)
    .map((id) => links.get(Number(id)))
    .filter((link): link is OrganisationLink => link !== undefined);
}

/** Exceptions and government days off from `from` to `to` (YYYY-MM-DD, inclusive). */
export async function hoursContext(
  db: Db,
  point: Pick<PointRecord, 'id' | 'hours' | 'closedOnHolidays'>,
  from: string,
  to: string,
): Promise<HoursContext & { exceptionNotes: Map<string, { th: string | null; en: string | null }> }> {
  const [exceptions, holidays] = await Promise.all([
    rows<{ date: string; intervals: Interval[]; noteTh: string | null; noteEn: string | null }>(
      db,
      sql`select date::text as date, intervals, note_th as "noteTh", note_en as "noteEn"
          from hours_exceptions where point_id = ${point.id} and date between ${from}::date and ${to}::date`,
    ),
    holidaysBetween(db, from, to),
  ]);
  return {
    weekly: point.hours,
    closedOnHolidays: point.closedOnHolidays,
    exceptions: new Map(exceptions.map((e) => [e.date, e.intervals])),
    exceptionNotes: new Map(exceptions.map((e) => [e.date, { th: e.noteTh, en: e.noteEn }])),
    holidays,
  };
}

export interface PhotoRecord {
  id: number;
  altTh: string;
  altEn: string | null;
  width: number;
  height: number;
}

export function pointPhotos(db: Db, pointId: number): Promise<PhotoRecord[]> {
  return rows<PhotoRecord>(
    db,
    sql`select id, alt_th as "altTh", alt_en as "altEn", width, height from photos where point_id = ${pointId} order by position, id`,
  );
}

/** The image bytes of a photo of an active point. */
export async function photoImage(db: Db, id: number): Promise<Uint8Array | null> {
  const [photo] = await rows<{ image: Uint8Array }>(
    db,
    sql`select ph.image from photos ph join service_points p on p.id = ph.point_id where ph.id = ${id} and p.status = 'active'`,
  );
  return photo?.image ?? null;
}

export interface ServiceRecord {
  manualId: number;
  slug: string;
  titleTh: string;
  titleEn: string | null;
  categoryTh: string | null;
  categoryEn: string | null;
  localNoteTh: string | null;
  localNoteEn: string | null;
}

export function pointServices(db: Db, pointId: number): Promise<ServiceRecord[]> {
  return rows<ServiceRecord>(
    db,
    sql`select m.id as "manualId", m.slug, m.title_th as "titleTh", m.title_en as "titleEn",
          m.category_th as "categoryTh", m.category_en as "categoryEn",
          pm.local_note_th as "localNoteTh", pm.local_note_en as "localNoteEn"
        from point_manuals pm join manuals m on m.id = pm.manual_id
        where pm.point_id = ${pointId} and m.status = 'published'
        order by m.title_th, m.id`,
  );
}

export interface SatisfactionSummary {
  /** first day counted (YYYY-MM-01) */
  since: string;
  count: number;
  /** average overall score, one decimal; null without ratings */
  average: number | null;
  /** number of ratings with each overall score, index 0 = score 1 */
  distribution: [number, number, number, number, number];
}

/** From the monthly rollups, never the ratings themselves: twelve rows at most. `since` is a first of a month. */
export async function satisfactionSummary(db: Db, pointId: number, since: string): Promise<SatisfactionSummary> {
  const [row] = await rows<{ count: number; total: number; s1: number; s2: number; s3: number; s4: number; s5: number }>(
    db,
    sql`select coalesce(sum(count), 0)::int as count, coalesce(sum(sum_overall), 0)::int as total,
          coalesce(sum(score_1), 0)::int as s1, coalesce(sum(score_2), 0)::int as s2, coalesce(sum(score_3), 0)::int as s3,
          coalesce(sum(score_4), 0)::int as s4, coalesce(sum(score_5), 0)::int as s5
        from rating_monthly where point_id = ${pointId} and month >= ${since}::date`,
  );
  const count = row?.count ?? 0;
  return {
    since,
    count,
    average: count > 0 && row ? Math.round((row.total / count) * 10) / 10 : null,
    distribution: [row?.s1 ?? 0, row?.s2 ?? 0, row?.s3 ?? 0, row?.s4 ?? 0, row?.s5 ?? 0],
  };
}

export interface PublishedComment {
  createdAt: Date;
  overall: number;
  comment: string;
  reply: string | null;
  replyAt: Date | null;
}

/**
 * The newest published comments, read through `ratings_comments_idx` (point, status, time); not
 * those of ratings replaced by the same visitor later that day, nor of bursts held for review.
 */
export async function recentComments(db: Db, pointId: number, limit = 5): Promise<PublishedComment[]> {
  const found = await rows<PublishedComment>(
    db,
    sql`select created_at as "createdAt", overall, comment, reply, reply_at as "replyAt"
        from ratings
        where point_id = ${pointId} and comment_status = 'published' and comment is not null
          and replaced_by is null and (review_status is null or review_status = 'released')
        order by created_at desc
        limit ${limit}`,
  );
  return found.map((c) => ({ ...c, createdAt: new Date(c.createdAt), replyAt: c.replyAt ? new Date(c.replyAt) : null }));
}
