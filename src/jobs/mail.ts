/**
 * E-mail goes through the outbox: `queueMail` stores the message and a job in the caller's
 * transaction; the job sends it by SMTP (SMTP_URL) with retries. Without SMTP (the embedded
 * default) messages stay in the database, readable at the development mailbox.
 */
import { eq } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type { Db } from '../db/client.js';
import { emails } from '../db/schema.js';
import { enqueue, PermanentJobError, type JobHandler } from './queue.js';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export const MAIL_JOB = 'email.send';

export async function queueMail(db: Db, mail: Mail): Promise<number> {
  const [row] = await db.insert(emails).values({ to: mail.to, subject: mail.subject, text: mail.text, html: mail.html ?? null }).returning({ id: emails.id });
  if (!row) throw new Error('e-mail not stored');
  await enqueue(db, { kind: MAIL_JOB, payload: { emailId: row.id }, key: `email:${row.id}` });
  return row.id;
}

export function mailHandler(db: Db, smtpUrl: string | null, from: string): JobHandler {
  const transport = smtpUrl ? nodemailer.createTransport(smtpUrl) : null;
  return async (job) => {
    const { emailId } = job.payload as { emailId: number };
    const [mail] = await db.select().from(emails).where(eq(emails.id, emailId));
    if (!mail) throw new PermanentJobError(`e-mail ${emailId} not found`);
    if (mail.sentAt || !transport) return;
    await transport.sendMail({
      from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      ...(mail.html ? { html: mail.html } : {}),
      // The same Message-ID on a retry lets mail servers drop a duplicate.
      messageId: `<citizeninfo-email-${mail.id}@${from.split('@')[1]?.replace(/>$/, '') ?? 'localhost'}>`,
    });
    await db.update(emails).set({ sentAt: new Date() }).where(eq(emails.id, emailId));
  };
}
