/**
 * Changing a complaint: its status, its public answer, the officers' internal notes. Officers
 * and the national complaint centre (its signed callback) go through the same function, which
 * locks the row, writes the history entry and the audit row, and queues an e-mail to the
 * complainant when they left an address — all in the caller's transaction.
 */
import { sql } from 'drizzle-orm';
import type { Actor } from '../../auth/access.js';
import { audit } from '../../auth/audit.js';
import { rows, type Db } from '../../db/client.js';
import { complaintEvents } from '../../db/schema.js';
import { localePrefix } from '../../i18n/index.js';
import { queueMail } from '../../jobs/mail.js';
import { openContact } from './contact.js';
import { complaintMessages } from './messages.js';
import { statusName, type Status } from './status.js';

export interface LockedComplaint {
  id: number;
  trackingNumber: string;
  status: Status;
  organisationId: number;
  pointId: number | null;
  publicAnswer: string | null;
  contactSealed: string | null;
}

/** The complaint's row, locked until the transaction ends (two officers never both move it). */
export async function lockComplaint(tx: Db, where: { id: number } | { trackingNumber: string }): Promise<LockedComplaint | null> {
  const condition = 'id' in where ? sql`id = ${where.id}` : sql`tracking_number = ${where.trackingNumber}`;
  const [row] = await rows<LockedComplaint>(
    tx,
    sql`select id, tracking_number as "trackingNumber", status, organisation_id as "organisationId", point_id as "pointId",
          public_answer as "publicAnswer", contact_sealed as "contactSealed"
        from complaints where ${condition} for update`,
  );
  return row ?? null;
}

export interface Change {
  /** the new status; the same status records an answer or a note only */
  to: Status;
  publicNote: string | null;
  internalNote: string | null;
  source: 'office' | 'centre';
  actor: Actor | null;
  externalId?: string | null;
}

export interface MailSettings {
  piiKey: string;
  publicUrl: string;
}

export async function recordChange(tx: Db, settings: MailSettings, complaint: LockedComplaint, change: Change): Promise<void> {
  const moved = change.to !== complaint.status;
  const answer = change.publicNote ?? complaint.publicAnswer;
  await tx.execute(sql`
    update complaints set
      status = ${change.to},
      public_answer = ${answer},
      ${moved ? sql`status_changed_at = now(),` : sql``}
      external_id = coalesce(${change.externalId ?? null}, external_id)
    where id = ${complaint.id}`);
  await tx.insert(complaintEvents).values({
    complaintId: complaint.id,
    status: change.to,
    publicNote: change.publicNote,
    internalNote: change.internalNote,
    byUserId: change.actor?.userId ?? null,
    source: change.source,
  });
  const changes: Record<string, unknown> = {};
  if (moved) changes.status = [complaint.status, change.to];
  if (change.publicNote !== null && change.publicNote !== complaint.publicAnswer) changes.publicAnswer = [complaint.publicAnswer, change.publicNote];
  // The note's text stays in the history; the audit says that one was written.
  if (change.internalNote !== null) changes.internalNote = 'added';
  if (change.source === 'centre') changes.source = 'centre';
  await audit(tx, change.actor, {
    action: moved ? 'complaint.status' : 'complaint.note',
    entity: 'complaint',
    entityId: complaint.trackingNumber,
    organisationId: complaint.organisationId,
    pointId: complaint.pointId,
    changes,
  });
  if (moved && complaint.contactSealed) {
    const contact = openContact(settings.piiKey, complaint.contactSealed);
    if (contact.email) {
      const m = complaintMessages.for(contact.locale);
      const status = statusName(change.to, contact.locale);
      const url = `${settings.publicUrl}${localePrefix(contact.locale)}/track/${complaint.trackingNumber}`;
      await queueMail(tx, {
        to: contact.email,
        subject: m.mailSubject(complaint.trackingNumber, status),
        text: m.mailBody(contact.name ?? '', complaint.trackingNumber, status, change.publicNote ?? '', url),
      });
    }
  }
}
