/**
 * Reading citizen feedback for the back office. Who sees what:
 * - the inbox and one rating: whoever may read the point's organisation (`scopeSql`/`can` with
 *   'read': officers of its subtree, supervisors of its area or line, admins);
 * - replying: the same people — officers of the point's organisation, supervisors in scope, admins;
 * - moderation (held comments, ratings held out of the score): supervisors and admins in scope,
 *   never officers. The text of a comment that is not published is shown only to them: it may
 *   hold the personal data it was held for.
 * A list never shows what the page of one rating would refuse: both use the same rules.
 */
import { sql, type SQL } from 'drizzle-orm';
import { can, hasRole, scopeSql, type Actor, type OrganisationRef } from '../../auth/access.js';
import { rows, type Db } from '../../db/client.js';
import { AppError } from '../../http/errors.js';
import type { Dimension } from './rollups.js';

export const INBOX_PAGE_SIZE = 25;
export const QUEUE_PAGE_SIZE = 50;
/** Counts stop here: a national inbox holds millions of comments, and nobody pages that far. */
export const COUNT_CAP = 1000;
export const COMMENT_STATUSES = ['published', 'held', 'rejected'] as const;
export const REPLY_FILTERS = ['awaiting', 'replied'] as const;

/** The actor with only the grants that moderate: supervisors' and admins'. */
const asModerator = (actor: Actor): Actor => ({ ...actor, grants: actor.grants.filter((grant) => grant.role !== 'officer') });

export const isModerator = (actor: Actor): boolean => hasRole(actor, 'supervisor') || hasRole(actor, 'admin');
export const canModerate = (actor: Actor, organisation: OrganisationRef): boolean => can(asModerator(actor), 'read', organisation);

export interface FeedbackItem {
  id: number;
  createdAt: Date;
  channel: string;
  overall: number;
  dimensions: Record<Dimension, number | null>;
  followedManual: string | null;
  copyDemanded: string | null;
  manualTitleTh: string | null;
  manualTitleEn: string | null;
  /** null when there is none, or when the actor may not read it (not published, not a moderator) */
  comment: string | null;
  commentStatus: string;
  heldReason: string | null;
  reply: string | null;
  replyAt: Date | null;
  replyByName: string | null;
  counted: boolean;
  reviewStatus: string | null;
  pointId: number;
  pointCode: string;
  pointNameTh: string;
  pointNameEn: string | null;
  organisationNameTh: string;
  organisationNameEn: string | null;
  organisation: OrganisationRef;
  canModerate: boolean;
}

type Row = Omit<FeedbackItem, 'dimensions' | 'organisation' | 'canModerate' | 'id'> &
  Record<Dimension, number | null> & { id: number | string; organisationId: number; path: string; provinceCode: string | null; districtCode: string | null };

const SELECT = sql`select r.id, r.created_at as "createdAt", r.channel, r.overall,
    r.ease, r.timeliness, r.courtesy, r.fairness, r.facilities, r.outcome, r.trust,
    r.followed_manual as "followedManual", r.copy_demanded as "copyDemanded",
    m.title_th as "manualTitleTh", m.title_en as "manualTitleEn",
    r.comment, r.comment_status as "commentStatus", r.held_reason as "heldReason",
    r.reply, r.reply_at as "replyAt", case when u.id is null then null else u.first_name || ' ' || u.last_name end as "replyByName",
    r.counted, r.review_status as "reviewStatus",
    p.id as "pointId", p.code as "pointCode", p.name_th as "pointNameTh", p.name_en as "pointNameEn",
    o.id as "organisationId", o.path, o.province_code as "provinceCode", o.district_code as "districtCode",
    o.name_th as "organisationNameTh", o.name_en as "organisationNameEn"`;

const FROM = sql`from ratings r
    join service_points p on p.id = r.point_id
    join organisations o on o.id = p.organisation_id
    left join manuals m on m.id = r.manual_id
    left join users u on u.id = r.reply_by`;

function toItem(actor: Actor, row: Row): FeedbackItem {
  const { organisationId, path, provinceCode, districtCode, ease, timeliness, courtesy, fairness, facilities, outcome, trust, ...rest } = row;
  const organisation: OrganisationRef = { id: organisationId, path, provinceCode, districtCode };
  const moderates = canModerate(actor, organisation);
  const dimensions = { ease, timeliness, courtesy, fairness, facilities, outcome, trust };
  return {
    ...rest,
    // bigint ids come back as strings from `pg`
    id: Number(row.id),
    createdAt: new Date(row.createdAt),
    replyAt: row.replyAt ? new Date(row.replyAt) : null,
    comment: row.commentStatus === 'published' || moderates ? row.comment : null,
    dimensions,
    organisation,
    canModerate: moderates,
  };
}

/** `count(*)` of a condition, stopping at COUNT_CAP + 1. */
async function cappedCount(db: Db, where: SQL): Promise<number> {
  const [row] = await rows<{ total: number }>(db, sql`select count(*)::int as total from (select 1 ${FROM} where ${where} limit ${COUNT_CAP + 1}) c`);
  return row?.total ?? 0;
}

async function page(db: Db, actor: Actor, where: SQL, order: SQL, pageNumber: number, size: number): Promise<{ items: FeedbackItem[]; hasNext: boolean }> {
  const found = await rows<Row>(db, sql`${SELECT} ${FROM} where ${where} order by ${order} limit ${size + 1} offset ${(pageNumber - 1) * size}`);
  return { items: found.slice(0, size).map((row) => toItem(actor, row)), hasNext: found.length > size };
}

export interface InboxFilters {
  pointCode?: string | undefined;
  status?: (typeof COMMENT_STATUSES)[number] | undefined;
  reply?: (typeof REPLY_FILTERS)[number] | undefined;
  score?: number | undefined;
  page: number;
}

export interface Listing {
  items: FeedbackItem[];
  /** at most COUNT_CAP + 1 */
  total: number;
  hasNext: boolean;
}

/** Rated visits with a comment at the points the actor may read, newest first. */
export async function inbox(db: Db, actor: Actor, filters: InboxFilters): Promise<Listing> {
  const conditions: SQL[] = [scopeSql(actor, 'read', 'o'), sql`r.comment_status <> 'none'`];
  if (filters.pointCode) conditions.push(sql`p.code = ${filters.pointCode}`);
  if (filters.status) conditions.push(sql`r.comment_status = ${filters.status}`);
  if (filters.reply === 'awaiting') conditions.push(sql`r.comment_status = 'published' and r.reply is null`);
  if (filters.reply === 'replied') conditions.push(sql`r.reply is not null`);
  if (filters.score) conditions.push(sql`r.overall = ${filters.score}`);
  const where = sql.join(conditions, sql` and `);
  const [listed, total] = await Promise.all([page(db, actor, where, sql`r.created_at desc, r.id desc`, filters.page, INBOX_PAGE_SIZE), cappedCount(db, where)]);
  return { ...listed, total };
}

/** Comments held by the automatic checks, oldest first, in the moderator's scope. */
export async function heldComments(db: Db, actor: Actor, pageNumber: number): Promise<Listing> {
  const where = sql`r.comment_status = 'held' and ${scopeSql(asModerator(actor), 'read', 'o')}`;
  const [listed, total] = await Promise.all([page(db, actor, where, sql`r.created_at, r.id`, pageNumber, INBOX_PAGE_SIZE), cappedCount(db, where)]);
  return { ...listed, total };
}

/** Ratings held out of the score, point by point so that a burst reads as one, in the moderator's scope. */
export async function pendingRatings(db: Db, actor: Actor, pageNumber: number): Promise<Listing> {
  const where = sql`r.review_status = 'pending' and ${scopeSql(asModerator(actor), 'read', 'o')}`;
  const [listed, total] = await Promise.all([page(db, actor, where, sql`p.code, r.created_at, r.id`, pageNumber, QUEUE_PAGE_SIZE), cappedCount(db, where)]);
  return { ...listed, total };
}

/** One rating the actor may read, or a 404 that does not tell whether it exists. */
export async function ratingForOffice(db: Db, actor: Actor, id: number): Promise<FeedbackItem> {
  const [row] = await rows<Row>(db, sql`${SELECT} ${FROM} where r.id = ${id}`);
  if (!row) throw new AppError('not_found');
  const item = toItem(actor, row);
  if (!can(actor, 'read', item.organisation)) throw new AppError('not_found');
  return item;
}

export interface FeedbackCounts {
  awaitingReply: number;
  /** null for those who do not moderate */
  held: number | null;
  pending: number | null;
}

/** What waits for the actor, for the office home; each count stops at COUNT_CAP + 1. */
export async function feedbackCounts(db: Db, actor: Actor): Promise<FeedbackCounts> {
  const moderation = scopeSql(asModerator(actor), 'read', 'o');
  const moderator = isModerator(actor);
  const [awaitingReply, held, pending] = await Promise.all([
    cappedCount(db, sql`r.comment_status = 'published' and r.reply is null and ${scopeSql(actor, 'read', 'o')}`),
    moderator ? cappedCount(db, sql`r.comment_status = 'held' and ${moderation}`) : null,
    moderator ? cappedCount(db, sql`r.review_status = 'pending' and ${moderation}`) : null,
  ]);
  return { awaitingReply, held, pending };
}
