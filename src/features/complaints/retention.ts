/**
 * Keeping personal data no longer than needed (Thai PDPA): once a complaint passes its
 * `retain_until` (set at filing from COMPLAINT_RETENTION_DAYS) the contact details are deleted,
 * with the status e-mails sent to them, and the free text — the description, the address and
 * the officers' internal notes — is removed. What stays: category, target, dates, status history,
 * public answers and the photos (re-encoded without metadata when they were taken in).
 *
 * The job runs daily through the outbox, one job per Bangkok day (its key), enqueued at start
 * and by each run for the next day, so N app nodes still run it once a day.
 */
import { and, eq, inArray, isNull, like, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { complaintEvents, complaints, emails } from '../../db/schema.js';
import { bangkokDate } from '../../i18n/index.js';
import { enqueue, type JobHandler } from '../../jobs/queue.js';
import { openContact } from './contact.js';

export const RETENTION_JOB = 'complaint.retention';
const BATCH = 200;

const nextDay = (date: string): string => {
  const next = new Date(`${date}T12:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
};

/** Enqueues the run of the Bangkok day of `at` (harmless when it is already there). */
export async function scheduleRetention(db: Db, at: Date = new Date(), runAt: Date = at): Promise<void> {
  await enqueue(db, { kind: RETENTION_JOB, payload: {}, key: `complaint-retention:${bangkokDate(at)}`, runAt });
}

/** Removes what has passed its retention; returns how many complaints were anonymised. */
export async function applyRetention(db: Db, piiKey: string, now: Date = new Date()): Promise<number> {
  let total = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const due = await tx
        .select({ id: complaints.id, trackingNumber: complaints.trackingNumber, contactSealed: complaints.contactSealed })
        .from(complaints)
        .where(and(lte(complaints.retainUntil, now), isNull(complaints.anonymisedAt)))
        .limit(BATCH)
        .for('update', { skipLocked: true });
      if (due.length === 0) return 0;
      for (const complaint of due) {
        const email = complaint.contactSealed ? openContact(piiKey, complaint.contactSealed).email : null;
        // The status e-mails held the address and the answers: sent ones go too.
        if (email) await tx.delete(emails).where(and(eq(emails.to, email), like(emails.text, `%${complaint.trackingNumber}%`), sql`${emails.sentAt} is not null`));
      }
      const ids = due.map((c) => c.id);
      await tx
        .update(complaints)
        .set({ contactSealed: null, description: '', addressText: null, anonymisedAt: now })
        .where(inArray(complaints.id, ids));
      await tx.update(complaintEvents).set({ internalNote: null }).where(inArray(complaintEvents.complaintId, ids));
      return due.length;
    });
    total += done;
    if (done < BATCH) return total;
  }
}

export function retentionHandler(db: Db, piiKey: string): JobHandler {
  return async () => {
    const now = new Date();
    await applyRetention(db, piiKey, now);
    // Tomorrow's run at 03:00 Bangkok time, a quiet hour.
    const tomorrow = nextDay(bangkokDate(now));
    await scheduleRetention(db, new Date(`${tomorrow}T03:00:00+07:00`));
  };
}
