/** Reading one service point with everything its public page and API show. */
import { sql } from 'drizzle-orm';
import { cachedPerDb } from '../../db/cache.js';
import { rows, type Db } from '../../db/client.js';
import type { WeeklyHours } from '../../db/schema.js';
import { pointDocumentsJson, type PointDocument } from '../zero-copy/queries.js';
import type { Interval } from './hours.js';

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

/** What the point page reads besides the point: the windows of days it shows. */
export interface PointPageWindow {
  /** exceptions to the hours from this Bangkok day … */
  from: string;
  /** … to this one (inclusive) */
  to: string;
  /** the first day of the satisfaction window (a first of a month) */
  since: string;
}

export interface PointPageRecords {
  point: PointRecord;
  exceptions: { date: string; intervals: Interval[]; noteTh: string | null; noteEn: string | null }[];
  photos: PhotoRecord[];
  services: ServiceRecord[];
  documents: PointDocument[];
  satisfaction: SatisfactionSummary;
  comments: PublishedComment[];
}

/**
 * The point and everything its page shows, in one statement: each part is a JSON subquery, so the
 * page costs one round trip to the database instead of seven (on PostgreSQL the round trips, not
 * the queries, were most of the page's database time).
 */
export async function readPointPage(db: Db, code: string, window: PointPageWindow): Promise<PointPageRecords | null> {
  const [found] = await rows<
    PointRecord & {
      exceptions: PointPageRecords['exceptions'];
      photos: PhotoRecord[];
      services: ServiceRecord[];
      documents: PointDocument[];
      satisfaction: { count: number; total: number; s1: number; s2: number; s3: number; s4: number; s5: number };
      comments: (Omit<PublishedComment, 'createdAt' | 'replyAt'> & { createdAt: string; replyAt: string | null })[];
    }
  >(
    db,
    sql`select p.id, p.code, p.name_th as "nameTh", p.name_en as "nameEn", p.address_th as "addressTh", p.address_en as "addressEn",
          p.postal_code as "postalCode", p.province_code as "provinceCode", pr.name_th as "provinceTh", pr.name_en as "provinceEn",
          p.district_code as "districtCode", d.name_th as "districtTh", d.name_en as "districtEn",
          s.name_th as "subdistrictTh", s.name_en as "subdistrictEn",
          p.lat, p.lng, p.pin_accuracy_m as "pinAccuracyM", p.pin_method as "pinMethod", p.verification,
          p.phones, p.website, p.email, p.hours, p.closed_on_holidays as "closedOnHolidays", p.status,
          p.manuals_confirmed_at as "manualsConfirmedAt",
          o.code as "organisationCode", o.path as "organisationPath", o.kind as "organisationKind",
          o.name_th as "organisationNameTh", o.name_en as "organisationNameEn",
          (select coalesce(json_agg(json_build_object('date', e.date::text, 'intervals', e.intervals, 'noteTh', e.note_th, 'noteEn', e.note_en)), '[]')
            from hours_exceptions e where e.point_id = p.id and e.date between ${window.from}::date and ${window.to}::date) as exceptions,
          (select coalesce(json_agg(json_build_object('id', ph.id, 'altTh', ph.alt_th, 'altEn', ph.alt_en, 'width', ph.width, 'height', ph.height)
                    order by ph.position, ph.id), '[]')
            from photos ph where ph.point_id = p.id) as photos,
          (select coalesce(json_agg(json_build_object('manualId', m.id, 'slug', m.slug, 'titleTh', m.title_th, 'titleEn', m.title_en,
                    'categoryTh', m.category_th, 'categoryEn', m.category_en, 'localNoteTh', pm.local_note_th, 'localNoteEn', pm.local_note_en)
                    order by m.title_th, m.id), '[]')
            from point_manuals pm join manuals m on m.id = pm.manual_id
            where pm.point_id = p.id and m.status = 'published') as services,
          ${pointDocumentsJson(sql`p.id`)} as documents,
          (select json_build_object('count', coalesce(sum(count), 0), 'total', coalesce(sum(sum_overall), 0),
                    's1', coalesce(sum(score_1), 0), 's2', coalesce(sum(score_2), 0), 's3', coalesce(sum(score_3), 0),
                    's4', coalesce(sum(score_4), 0), 's5', coalesce(sum(score_5), 0))
            from rating_monthly where point_id = p.id and month >= ${window.since}::date) as satisfaction,
          (select coalesce(json_agg(c order by c."createdAt" desc), '[]') from (
              select created_at as "createdAt", overall, comment, reply, reply_at as "replyAt"
              from ratings
              where point_id = p.id and comment_status = 'published' and comment is not null
                -- not the comments of ratings replaced by the same visitor that day, nor of bursts held for review
                and replaced_by is null and (review_status is null or review_status = 'released')
              order by created_at desc
              limit ${RECENT_COMMENTS}) c) as comments
        from service_points p
        join organisations o on o.id = p.organisation_id
        join provinces pr on pr.code = p.province_code
        join districts d on d.code = p.district_code
        left join subdistricts s on s.code = p.subdistrict_code
        where p.code = ${code}`,
  );
  if (!found) return null;
  const { exceptions, photos, services, documents, satisfaction, comments, ...point } = found;
  const count = Number(satisfaction.count);
  return {
    // Timestamps come back as Date from one driver and as text from the other in some set-ups.
    point: { ...point, manualsConfirmedAt: point.manualsConfirmedAt ? new Date(point.manualsConfirmedAt) : null },
    exceptions,
    photos,
    services,
    documents,
    satisfaction: {
      since: window.since,
      count,
      average: count > 0 ? Math.round((Number(satisfaction.total) / count) * 10) / 10 : null,
      distribution: [satisfaction.s1, satisfaction.s2, satisfaction.s3, satisfaction.s4, satisfaction.s5].map(Number) as SatisfactionSummary['distribution'],
    },
    comments: comments.map((c) => ({ ...c, createdAt: new Date(c.createdAt), replyAt: c.replyAt ? new Date(c.replyAt) : null })),
  };
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

export interface PhotoRecord {
  id: number;
  altTh: string;
  altEn: string | null;
  width: number;
  height: number;
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

export interface SatisfactionSummary {
  /** first day counted (YYYY-MM-01) */
  since: string;
  count: number;
  /** average overall score, one decimal; null without ratings */
  average: number | null;
  /** number of ratings with each overall score, index 0 = score 1 */
  distribution: [number, number, number, number, number];
}

/** How many of the newest published comments the page shows. */
const RECENT_COMMENTS = 5;

export interface PublishedComment {
  createdAt: Date;
  overall: number;
  comment: string;
  reply: string | null;
  replyAt: Date | null;
}
