/**
 * What the office changes in feedback, each in one transaction with its audit rows: the public
 * reply (once), the decision on a held comment, and the review of ratings held out of the score.
 * Every write locks its rows and re-checks their state, so two people deciding at once never
 * both succeed, and a rating enters the rollups exactly once.
 */
import { sql } from 'drizzle-orm';
import { can, type Actor, type OrganisationRef } from '../../auth/access.js';
import { audit } from '../../auth/audit.js';
import { rows, type Db } from '../../db/client.js';
import { AppError } from '../../http/errors.js';
import { canModerate } from './office-queries.js';
import { countReleased } from './release.js';
import { countInRollups } from './rollups.js';

export const REPLY_MAX = 1000;
export const COMMENT_MAX = 2000;
/** Selections of the review queue; a page holds fewer. */
export const REVIEW_MAX = 100;

export type TextProblem = 'empty' | 'tooLong' | 'html' | 'unreadable';

// U+FFFD is what undecodable bytes (malformed UTF-8) become; control characters other than
// tab and line breaks have no place in a public text.
const UNREADABLE = /[^\P{Cc}\n\t]|\uFFFD/u;
const HTML_TAG = /<\/?[a-z!][^>]*>/i;

/** A public text as it will be stored: line breaks normalised, trimmed; or why it cannot be. */
export function checkText(value: string | undefined, max: number, options: { html: boolean }): { text: string } | { problem: TextProblem } {
  const text = (value ?? '').replace(/\r\n?/g, '\n').normalize('NFC').trim();
  if (!text) return { problem: 'empty' };
  if (UNREADABLE.test(text)) return { problem: 'unreadable' };
  if (!options.html && HTML_TAG.test(text)) return { problem: 'html' };
  if (text.length > max) return { problem: 'tooLong' };
  return { text };
}

interface LockedRating {
  id: number;
  pointId: number;
  comment: string | null;
  commentStatus: string;
  reply: string | null;
  reviewStatus: string | null;
  counted: boolean;
  replacedBy: number | null;
  organisation: OrganisationRef;
}

async function lockRatings(tx: Db, ids: number[]): Promise<LockedRating[]> {
  const list = sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );
  const found = await rows<Omit<LockedRating, 'organisation' | 'id' | 'replacedBy'> & { id: number | string; replacedBy: number | string | null; organisationId: number; path: string; provinceCode: string | null; districtCode: string | null }>(
    tx,
    sql`select r.id, r.point_id as "pointId", r.comment, r.comment_status as "commentStatus", r.reply, r.review_status as "reviewStatus",
          r.counted, r.replaced_by as "replacedBy",
          o.id as "organisationId", o.path, o.province_code as "provinceCode", o.district_code as "districtCode"
        from ratings r join service_points p on p.id = r.point_id join organisations o on o.id = p.organisation_id
        where r.id in (${list})
        order by r.id
        for update of r`,
  );
  return found.map(({ organisationId, path, provinceCode, districtCode, ...rating }) => ({
    ...rating,
    id: Number(rating.id),
    replacedBy: rating.replacedBy === null ? null : Number(rating.replacedBy),
    organisation: { id: organisationId, path, provinceCode, districtCode },
  }));
}

/** The one public reply to a published comment, by anyone who may read the point's feedback. */
export async function saveReply(db: Db, actor: Actor, ratingId: number, text: string): Promise<'saved' | 'already_replied' | 'not_published'> {
  return db.transaction(async (tx) => {
    const [rating] = await lockRatings(tx, [ratingId]);
    if (!rating || !can(actor, 'read', rating.organisation)) throw new AppError('not_found');
    if (rating.reply !== null) return 'already_replied';
    if (rating.commentStatus !== 'published') return 'not_published';
    await tx.execute(sql`update ratings set reply = ${text}, reply_at = now(), reply_by = ${actor.userId} where id = ${rating.id}`);
    await audit(tx, actor, { action: 'feedback.reply', entity: 'rating', entityId: rating.id, organisationId: rating.organisation.id, pointId: rating.pointId, changes: { reply: [null, text] } });
    return 'saved';
  });
}

/**
 * Publishes a held comment (as the moderator redacted it, if they did) or rejects it. The audit
 * entry records the decision and whether the text was changed, never the text: it was held for
 * the personal data it may contain.
 */
export async function moderateComment(db: Db, actor: Actor, ratingId: number, decision: 'publish' | 'reject', redacted: string | null): Promise<'saved' | 'already_moderated'> {
  return db.transaction(async (tx) => {
    const [rating] = await lockRatings(tx, [ratingId]);
    if (!rating || !canModerate(actor, rating.organisation)) throw new AppError('not_found');
    if (rating.commentStatus !== 'held') return 'already_moderated';
    const status = decision === 'publish' ? 'published' : 'rejected';
    const changed = decision === 'publish' && redacted !== null && redacted !== rating.comment;
    if (changed) await tx.execute(sql`update ratings set comment_status = ${status}, comment = ${redacted} where id = ${rating.id}`);
    else await tx.execute(sql`update ratings set comment_status = ${status} where id = ${rating.id}`);
    await audit(tx, actor, {
      action: decision === 'publish' ? 'feedback.comment_publish' : 'feedback.comment_reject',
      entity: 'rating',
      entityId: rating.id,
      organisationId: rating.organisation.id,
      pointId: rating.pointId,
      changes: { commentStatus: ['held', status], redacted: changed },
    });
    return 'saved';
  });
}

/**
 * Releases ratings held out of the score into it, or rejects them — all of the selection or
 * none. A released rating counts unless a newer rating from the same device replaced it
 * meanwhile (or is newer than the device's counted rating that day, which it then replaces:
 * `countReleased`); it enters both rollups in this transaction. A rejected rating is not counted and
 * its comment is not shown: a rating judged not genuine does not speak on the public page.
 */
export async function reviewRatings(db: Db, actor: Actor, ids: number[], decision: 'release' | 'reject'): Promise<'saved' | 'already_reviewed'> {
  return db.transaction(async (tx) => {
    const locked = await lockRatings(tx, ids);
    // Unknown ids and ratings outside the moderator's scope look the same from outside.
    if (locked.length !== ids.length || locked.some((rating) => !canModerate(actor, rating.organisation))) throw new AppError('not_found');
    if (locked.some((rating) => rating.reviewStatus !== 'pending')) return 'already_reviewed';
    const list = sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    );
    if (decision === 'release') {
      await tx.execute(sql`update ratings set review_status = 'released' where id in (${list})`);
      // One counted rating per device, point and day: the newest of them counts.
      await countReleased(
        tx,
        locked.filter((rating) => !rating.counted && rating.replacedBy === null).map((rating) => rating.id),
      );
    } else {
      // Held ratings are not counted; should one be, it leaves the rollups with its count.
      const leaving = locked.filter((rating) => rating.counted).map((rating) => rating.id);
      await countInRollups(tx, leaving, -1);
      await tx.execute(sql`update ratings set review_status = 'rejected', counted = false,
          comment_status = case when comment_status in ('published', 'held') then 'rejected' else comment_status end
        where id in (${list})`);
    }
    for (const rating of locked) {
      await audit(tx, actor, {
        action: decision === 'release' ? 'feedback.rating_release' : 'feedback.rating_reject',
        entity: 'rating',
        entityId: rating.id,
        organisationId: rating.organisation.id,
        pointId: rating.pointId,
        changes: { reviewStatus: ['pending', decision === 'release' ? 'released' : 'rejected'] },
      });
    }
    return 'saved';
  });
}
