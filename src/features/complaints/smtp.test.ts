/**
 * The status e-mail through real SMTP: an in-process `smtp-server` receives what `mailHandler`
 * sends when an officer moves a complaint (SMTP_URL=smtp://127.0.0.1:PORT).
 */
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client.js';
import { runDueJobs } from '../../jobs/queue.js';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { signIn } from '../../../test/support/office-actors.js';
import { DEMO_ACCOUNTS, ensureDemoAccounts } from '../accounts/demo.js';
import { createComplaint } from './store.js';

interface Delivered {
  from: string;
  to: string[];
  raw: string;
}

let t: TestApp;
let server: SMTPServer;
const delivered: Delivered[] = [];

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        delivered.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  t = await createTestApp({ SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'CitizenInfo <no-reply@citizeninfo.test>' });
  await ensureDemoAccounts(t.database.db, t.config.piiKey);
});
afterAll(async () => {
  await t.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('status e-mail over SMTP', () => {
  it('reaches the complainant when an officer changes the status', async () => {
    const [point] = await rows<{ id: number; organisationId: number }>(
      t.database.db,
      sql`select p.id, p.organisation_id as "organisationId" from service_points p join organisations o on o.id = p.organisation_id
          where o.name_th = 'องค์การบริหารส่วนตำบลโป่งแยง' and o.province_code = '50' and p.status = 'active' order by p.id limit 1`,
    );
    const { trackingNumber } = await createComplaint(t.database.db, { piiKey: t.config.piiKey, retentionDays: 365 }, {
      pointId: point!.id,
      organisationId: point!.organisationId,
      content: { category: 'service_delay', description: 'รอใบอนุญาตนานเกินกำหนด', addressText: null, lat: null, lng: null, contact: { name: 'ชูใจ', phone: null, email: 'chujai@example.net' } },
      locale: 'th',
      channel: 'web',
      apiKeyId: null,
      photos: [],
      internalNote: null,
    });

    const demo = DEMO_ACCOUNTS.find((a) => a.role === 'officer')!;
    const officer = await signIn(t.app, { email: demo.email, password: demo.password, totp: false });
    await officer.get(`/office/complaints/${trackingNumber}`);
    const moved = await officer.post(`/office/complaints/${trackingNumber}`, { from: 'received', to: 'accepted', public_note: 'รับเรื่องแล้ว' });
    expect(moved.statusCode).toBe(303);

    const failures: unknown[] = [];
    for (let round = 0; round < 5 && delivered.length === 0; round++) await runDueJobs(t.database.db, t.app.jobHandlers, (_job, error) => failures.push(error), 50);
    expect(failures).toEqual([]);
    expect(delivered).toHaveLength(1);
    const [mail] = delivered;
    expect(mail!.from).toBe('no-reply@citizeninfo.test');
    expect(mail!.to).toEqual(['chujai@example.net']);
    // Thai text travels base64-encoded: the subject as encoded words, the body as one block.
    const [head, ...rest] = mail!.raw.split(/\r?\n\r?\n/);
    const subject = [...head!.matchAll(/=\?UTF-8\?B\?([^?]+)\?=/g)].map((m) => Buffer.from(m[1]!, 'base64').toString('utf8')).join('');
    expect(subject).toBe(`เรื่องร้องเรียน ${trackingNumber}: รับเรื่องไว้พิจารณา`);
    expect(head).toContain('Content-Transfer-Encoding: base64');
    const body = Buffer.from(rest.join('').replace(/\s/g, ''), 'base64').toString('utf8');
    expect(body).toContain('เรียน คุณชูใจ');
    expect(body).toContain('รับเรื่องแล้ว');
    expect(body).toContain(`/track/${trackingNumber}`);
    const [sent] = await rows<{ sent: boolean }>(t.database.db, sql`select sent_at is not null as sent from emails where "to" = 'chujai@example.net'`);
    expect(sent!.sent).toBe(true);
  });
});
