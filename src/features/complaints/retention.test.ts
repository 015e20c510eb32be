import { eq, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client.js';
import { complaintEvents, complaintPhotos, complaints, emails, jobs } from '../../db/schema.js';
import { bangkokDate } from '../../i18n/index.js';
import { queueMail } from '../../jobs/mail.js';
import { runDueJobs } from '../../jobs/queue.js';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { processPhoto } from './photos.js';
import { RETENTION_JOB, scheduleRetention } from './retention.js';
import { createComplaint } from './store.js';

let t: TestApp;
let point: { id: number; organisationId: number };

beforeAll(async () => {
  t = await createTestApp({ COMPLAINT_RETENTION_DAYS: '30' });
  [point] = (await rows<typeof point>(t.database.db, sql`select id, organisation_id as "organisationId" from service_points where status = 'active' order by code limit 1`)) as [typeof point];
});
afterAll(() => t.close());

async function file(phone: string, email: string): Promise<string> {
  const photo = await processPhoto(await sharp({ create: { width: 30, height: 30, channels: 3, background: '#a33' } }).png().toBuffer());
  const { trackingNumber } = await createComplaint(t.database.db, { piiKey: t.config.piiKey, retentionDays: t.config.complaintRetentionDays }, {
    pointId: point.id,
    organisationId: point.organisationId,
    content: {
      category: 'staff_conduct',
      description: `ผมชื่อสมปอง โทร ${phone} เจ้าหน้าที่ไม่ให้บริการ`,
      addressText: 'บ้านเลขที่ 12 หมู่ 3',
      lat: 18.9,
      lng: 98.9,
      contact: { name: 'สมปอง', phone, email },
    },
    locale: 'th',
    channel: 'web',
    apiKeyId: null,
    photos: [photo],
    internalNote: 'ผู้ร้องเป็นญาติของเจ้าหน้าที่',
  });
  return trackingNumber;
}

describe('personal data of complainants', () => {
  it('keeps contact details encrypted: the raw column holds neither the phone nor the e-mail', async () => {
    const number = await file('0891112222', 'sompong@example.com');
    const [sealed] = await rows<{ contact: string }>(t.database.db, sql`select contact_sealed as contact from complaints where tracking_number = ${number}`);
    expect(sealed!.contact).not.toContain('0891112222');
    expect(sealed!.contact).not.toContain('sompong');
    expect(sealed!.contact).toMatch(/^complaint-contact\./);
  });

  it('sets retention from COMPLAINT_RETENTION_DAYS, then removes contact and free text once it has passed, keeping the rest', async () => {
    const due = await file('0893334444', 'due@example.com');
    const kept = await file('0895556666', 'kept@example.com');
    const [row] = await t.database.db.select().from(complaints).where(eq(complaints.trackingNumber, due));
    expect(Math.round((row!.retainUntil.getTime() - row!.createdAt.getTime()) / 86_400_000)).toBe(30);
    // A status e-mail was sent to the complainant; it holds the address.
    await queueMail(t.database.db, { to: 'due@example.com', subject: `เรื่องร้องเรียน ${due}: ดำเนินการแล้ว`, text: `เรื่อง ${due}` });
    await t.database.db.execute(sql`update emails set sent_at = now() where "to" = 'due@example.com'`);
    await t.database.db.execute(sql`update complaints set retain_until = now() - interval '1 minute' where tracking_number = ${due}`);

    // The daily job: enqueued at start (once per Bangkok day, whatever the number of starts).
    await scheduleRetention(t.database.db);
    await scheduleRetention(t.database.db);
    const today = `complaint-retention:${bangkokDate()}`;
    expect(await t.database.db.select().from(jobs).where(eq(jobs.idempotencyKey, today))).toHaveLength(1);
    await runDueJobs(t.database.db, t.app.jobHandlers, () => undefined, 50);
    expect((await t.database.db.select().from(jobs).where(eq(jobs.idempotencyKey, today)))[0]?.status).toBe('done');

    const [gone] = await t.database.db.select().from(complaints).where(eq(complaints.trackingNumber, due));
    expect(gone).toMatchObject({ contactSealed: null, description: '', addressText: null, category: 'staff_conduct', status: 'received' });
    expect(gone!.anonymisedAt).toBeInstanceOf(Date);
    const [raw] = await rows<{ text: string }>(t.database.db, sql`select c::text as text from complaints c where tracking_number = ${due}`);
    for (const personal of ['สมปอง', '0893334444', 'บ้านเลขที่']) expect(raw!.text).not.toContain(personal);
    const events = await t.database.db.select().from(complaintEvents).where(eq(complaintEvents.complaintId, gone!.id));
    expect(events).toHaveLength(1);
    expect(events[0]!.internalNote).toBeNull();
    expect(await t.database.db.select().from(complaintPhotos).where(eq(complaintPhotos.complaintId, gone!.id))).toHaveLength(1);
    expect(await t.database.db.select().from(emails).where(eq(emails.to, 'due@example.com'))).toHaveLength(0);
    // Still trackable, without the text.
    expect((await t.app.inject(`/track/${due}`)).statusCode).toBe(200);

    const [untouched] = await t.database.db.select().from(complaints).where(eq(complaints.trackingNumber, kept));
    expect(untouched!.contactSealed).not.toBeNull();
    expect(untouched!.description).toContain('สมปอง');

    // Each run enqueues the next day's, at 03:00 Bangkok time.
    const next = await t.database.db.select().from(jobs).where(eq(jobs.kind, RETENTION_JOB));
    const tomorrow = next.find((job) => job.idempotencyKey !== today)!;
    expect(tomorrow.status).toBe('pending');
    expect(tomorrow.idempotencyKey).toBe(`complaint-retention:${bangkokDate(new Date(Date.now() + 86_400_000))}`);
    expect(tomorrow.runAt.toISOString()).toBe(new Date(`${tomorrow.idempotencyKey.slice(-10)}T03:00:00+07:00`).toISOString());
  });
});
