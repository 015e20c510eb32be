/**
 * Forwarding to the national complaint centre against a real HTTP receiver (node:http): it fails
 * for a while, loses one answer, then recovers — every complaint arrives, none is accepted twice,
 * every signature verifies. Then dead letters and their retry, and the centre's signed callback.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FormatRegistry } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client.js';
import { complaintEvents, complaints, emails, jobs } from '../../db/schema.js';
import { runDueJobs } from '../../jobs/queue.js';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { signIn } from '../../../test/support/office-actors.js';
import { DEMO_ACCOUNTS, ensureDemoAccounts } from '../accounts/demo.js';
import { FORWARD_MAX_ATTEMPTS, ForwardDocument } from './forward.js';
import type { CheckedContent } from './input.js';
import { checkSignature, signBody } from './signature.js';
import { createComplaint } from './store.js';

// The formats the document's schema names, as its receiver would check them.
FormatRegistry.Set('uri', (value) => URL.canParse(value));
FormatRegistry.Set('date-time', (value) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value));

const FORWARD_SECRET = 'forward-secret-for-tests-0123456789abcdef';
const CALLBACK_SECRET = 'callback-secret-for-tests-0123456789abcdef';

interface Received {
  key: string;
  signatureOk: boolean;
  document: ForwardDocument;
  answered: number | 'dropped';
}

/** The centre: answers per `mode`, remembers what it accepted by Idempotency-Key. */
class Centre {
  server: Server;
  received: Received[] = [];
  accepted = new Map<string, string>();
  mode: 'down' | 'up' | 'reject' = 'down';
  /** drop the connection after accepting the next new complaint (its answer is lost) */
  dropNext = false;
  failuresLeft = 0;

  constructor() {
    this.server = createServer((request, response) => {
      void this.handle(request).then(({ status, body }) => {
        if (status === 'dropped') {
          request.socket.destroy();
          return;
        }
        response.writeHead(status, { 'content-type': 'application/json' }).end(body);
      });
    });
  }

  private async handle(request: IncomingMessage): Promise<{ status: number | 'dropped'; body: string }> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const key = String(request.headers['idempotency-key']);
    const signatureOk = checkSignature(FORWARD_SECRET, { timestamp: request.headers['x-citizeninfo-timestamp'], signature: request.headers['x-citizeninfo-signature'] }, body).ok;
    const record: Received = { key, signatureOk, document: JSON.parse(body) as ForwardDocument, answered: 500 };
    this.received.push(record);
    let status: number | 'dropped';
    if (!signatureOk) status = 401;
    else if (this.mode === 'reject') status = 422;
    else if (this.mode === 'down' || this.failuresLeft > 0) {
      this.failuresLeft = Math.max(0, this.failuresLeft - 1);
      status = 500;
    } else {
      // Idempotent by key: the same complaint again gets the same answer, and is not stored twice.
      if (!this.accepted.has(key)) this.accepted.set(key, `C1111-${this.accepted.size + 1}`);
      status = this.dropNext ? 'dropped' : 200;
      this.dropNext = false;
    }
    record.answered = status;
    return { status, body: JSON.stringify({ id: this.accepted.get(key) ?? null }) };
  }
}

let t: TestApp;
let centre: Centre;
let point: { id: number; organisationId: number };
const settings = () => ({ piiKey: t.config.piiKey, retentionDays: 365 });
const content = (overrides: Partial<CheckedContent> = {}): CheckedContent => ({
  category: 'corruption',
  description: 'มีการเรียกเงินเพิ่ม 500 บาทเพื่อให้ได้ใบอนุญาตเร็วขึ้น',
  addressText: null,
  lat: 18.9,
  lng: 98.95,
  contact: null,
  ...overrides,
});

beforeAll(async () => {
  centre = new Centre();
  await new Promise<void>((resolve) => centre.server.listen(0, '127.0.0.1', resolve));
  const { port } = centre.server.address() as AddressInfo;
  t = await createTestApp({
    COMPLAINT_FORWARD_URL: `http://127.0.0.1:${port}/complaints`,
    COMPLAINT_FORWARD_SECRET: FORWARD_SECRET,
    COMPLAINT_CALLBACK_SECRET: CALLBACK_SECRET,
  });
  await ensureDemoAccounts(t.database.db, t.config.piiKey);
  [point] = (await rows<typeof point>(
    t.database.db,
    sql`select id, organisation_id as "organisationId" from service_points where status = 'active' order by code limit 1`,
  )) as [typeof point];
});
afterAll(async () => {
  await t.close();
  await new Promise((resolve) => centre.server.close(resolve));
});

const errors: unknown[] = [];
/** Runs the queue as the worker would, then lets the backoff pass (as if time went by). */
async function runRound(): Promise<number> {
  const ran = await runDueJobs(t.database.db, t.app.jobHandlers, (_job, error) => errors.push(error), 50);
  await t.database.db.execute(sql`update jobs set run_at = now() where status = 'pending' and kind = 'complaint.forward'`);
  return ran;
}

async function file(overrides: Partial<CheckedContent> = {}, pointId: number | null = point.id): Promise<string> {
  const created = await createComplaint(t.database.db, settings(), {
    pointId,
    organisationId: point.organisationId,
    content: content(overrides),
    locale: 'th',
    channel: 'web',
    apiKeyId: null,
    photos: [],
    internalNote: null,
  });
  return created.trackingNumber;
}

const forwardJob = async (number: string) => (await t.database.db.select().from(jobs).where(eq(jobs.idempotencyKey, `complaint-forward:${number}`)))[0]!;
const complaintRow = async (number: string) => (await t.database.db.select().from(complaints).where(eq(complaints.trackingNumber, number)))[0]!;

describe('forwarding to the national complaint centre', () => {
  it('delivers every complaint once the centre is back — none lost, none accepted twice, all signed', async () => {
    centre.mode = 'down';
    const filed: string[] = [];
    for (let i = 0; i < 5; i++) filed.push(await file(i === 0 ? { contact: { name: 'ผู้ร้อง', phone: '0812345678', email: 'a@example.com' } } : {}, i === 4 ? null : point.id));

    // While the centre is down: every attempt fails, and the queue backs off.
    await runDueJobs(t.database.db, t.app.jobHandlers, () => undefined, 50);
    const waiting = await forwardJob(filed[0]!);
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1, maxAttempts: FORWARD_MAX_ATTEMPTS });
    expect(waiting.lastError).toBe('the centre answered HTTP 500');
    expect(waiting.runAt.getTime() - Date.now()).toBeGreaterThan(5_000);
    await t.database.db.execute(sql`update jobs set run_at = now() where status = 'pending' and kind = 'complaint.forward'`);
    await runRound();
    expect((await complaintRow(filed[0]!)).forwardStatus).toBe('pending');

    // Back, after three more failures; the first answer after that is lost on the way.
    centre.mode = 'up';
    centre.failuresLeft = 3;
    centre.dropNext = true;
    for (let round = 0; round < 10; round++) {
      await runRound();
      const left = await rows<{ n: number }>(t.database.db, sql`select count(*)::int as n from jobs where kind = 'complaint.forward' and status <> 'done'`);
      if (left[0]!.n === 0) break;
    }

    for (const number of filed) {
      const row = await complaintRow(number);
      expect(row.forwardStatus, number).toBe('delivered');
      expect(row.forwardedAt).toBeInstanceOf(Date);
      expect(row.externalId).toBe(centre.accepted.get(number));
      expect((await forwardJob(number)).status).toBe('done');
    }
    // Each complaint accepted exactly once, under its own tracking number as Idempotency-Key.
    expect([...centre.accepted.keys()].sort()).toEqual([...filed].sort());
    const okAnswers = centre.received.filter((r) => r.answered === 200).map((r) => r.key);
    expect(okAnswers.sort()).toEqual([...filed].sort());
    // The lost answer was retried with the same key and recognised.
    const dropped = centre.received.find((r) => r.answered === 'dropped')!;
    expect(centre.received.filter((r) => r.key === dropped.key && r.answered === 200)).toHaveLength(1);
    expect(centre.received.every((r) => r.signatureOk)).toBe(true);

    // The document: valid against its schema, with what the centre needs and no more.
    for (const { document } of centre.received) expect(Value.Check(ForwardDocument, document), JSON.stringify([...Value.Errors(ForwardDocument, document)])).toBe(true);
    const first = centre.received.find((r) => r.key === filed[0])!.document;
    expect(first).toMatchObject({ id: filed[0], status: 'received', category: { code: 'corruption' }, contact: { name: 'ผู้ร้อง', phone: '0812345678', email: 'a@example.com' } });
    expect(first.url).toBe(`${t.config.publicUrl}/track/${filed[0]}`);
    expect(centre.received.find((r) => r.key === filed[1])!.document.contact).toBeNull();
    expect(centre.received.find((r) => r.key === filed[4])!.document.service_point).toBeNull();
  });

  it('signs over timestamp and body: a changed body or another key does not verify', () => {
    const body = JSON.stringify({ a: 1 });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = signBody(FORWARD_SECRET, timestamp, body);
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(checkSignature(FORWARD_SECRET, { timestamp, signature }, body).ok).toBe(true);
    expect(checkSignature(FORWARD_SECRET, { timestamp, signature }, `${body} `)).toEqual({ ok: false, reason: 'mismatch' });
    expect(checkSignature('another-secret-another-secret-another', { timestamp, signature }, body)).toEqual({ ok: false, reason: 'mismatch' });
    expect(checkSignature(FORWARD_SECRET, { timestamp: String(Number(timestamp) - 301), signature: signBody(FORWARD_SECRET, String(Number(timestamp) - 301), body) }, body)).toEqual({
      ok: false,
      reason: 'stale',
    });
  });

  it('gives up after the last attempt: a dead letter an admin sees and retries', async () => {
    centre.mode = 'down';
    const number = await file();
    for (let round = 0; round < FORWARD_MAX_ATTEMPTS + 2; round++) await runRound();
    const job = await forwardJob(number);
    expect(job).toMatchObject({ status: 'dead', attempts: FORWARD_MAX_ATTEMPTS });
    expect((await complaintRow(number)).forwardStatus).toBe('dead');
    // The public status is apart from the delivery.
    expect((await complaintRow(number)).status).toBe('received');

    const demo = DEMO_ACCOUNTS.find((a) => a.role === 'admin')!;
    const admin = await signIn(t.app, { email: demo.email, password: demo.password, totp: true });
    const list = await admin.get('/office/admin/dead-letters');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`complaint-forward:${number}`);
    expect(list.body).toContain('the centre answered HTTP 500');
    const office = await admin.get(`/office/complaints/${number}`);
    expect(office.body).toContain('ส่งไม่สำเร็จ');

    centre.mode = 'up';
    const retried = await admin.post(`/office/admin/dead-letters/${job.id}/retry`, {});
    expect(retried.statusCode).toBe(303);
    expect(retried.headers.location).toBe('/office/admin/dead-letters?done=retried');
    expect((await complaintRow(number)).forwardStatus).toBe('pending');
    await runRound();
    expect((await complaintRow(number)).forwardStatus).toBe('delivered');
    expect((await admin.get('/office/admin/dead-letters')).body).not.toContain(`complaint-forward:${number}`);
    // Retrying what is no longer dead changes nothing.
    await admin.get('/office/admin/dead-letters');
    expect((await admin.post(`/office/admin/dead-letters/${job.id}/retry`, {})).headers.location).toBe('/office/admin/dead-letters?done=gone');
  });

  it('stops at once when the centre refuses the document (4xx): no point in retrying', async () => {
    centre.mode = 'reject';
    const number = await file();
    await runRound();
    expect(await forwardJob(number)).toMatchObject({ status: 'dead', attempts: 1, lastError: 'the centre answered HTTP 422' });
    expect((await complaintRow(number)).forwardStatus).toBe('dead');
    centre.mode = 'up';
  });
});

describe('the centre’s signed callback', () => {
  let number: string;
  const callback = (body: string, headers: Record<string, string>) =>
    t.app.inject({ method: 'POST', url: '/api/v1/complaints/callback', headers: { 'content-type': 'application/json', ...headers }, payload: body });
  const signed = (body: string, timestamp = String(Math.floor(Date.now() / 1000)), secret = CALLBACK_SECRET) => ({
    'x-citizeninfo-timestamp': timestamp,
    'x-citizeninfo-signature': signBody(secret, timestamp, body),
  });

  beforeAll(async () => {
    number = await file({ contact: { name: null, phone: null, email: 'callback@example.com' } });
  });

  it('updates the status and public answer, as the centre, and e-mails the complainant', async () => {
    const body = JSON.stringify({ tracking_number: number, status: 'in_progress', public_answer: 'ศูนย์ 1111 ประสานหน่วยงานแล้ว', external_id: 'C1111-99' });
    const response = await callback(body, signed(body));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ tracking_number: number, status: 'in_progress', updated: true, status_name: { th: 'กำลังดำเนินการ' } });
    const row = await complaintRow(number);
    expect(row).toMatchObject({ status: 'in_progress', publicAnswer: 'ศูนย์ 1111 ประสานหน่วยงานแล้ว', externalId: 'C1111-99' });
    const events = await t.database.db.select().from(complaintEvents).where(eq(complaintEvents.complaintId, row.id));
    expect(events.at(-1)).toMatchObject({ source: 'centre', status: 'in_progress', byUserId: null });
    const [mail] = await t.database.db.select().from(emails).where(eq(emails.to, 'callback@example.com'));
    expect(mail?.subject).toContain('กำลังดำเนินการ');
    const track = await t.app.inject(`/track/${number}`);
    expect(track.body).toContain('ศูนย์บริการประชาชน 1111');
    expect(track.body).toContain('ศูนย์ 1111 ประสานหน่วยงานแล้ว');
  });

  it('refuses a replay, a stale or future timestamp, a wrong or missing signature, a changed body', async () => {
    const body = JSON.stringify({ tracking_number: number, status: 'resolved', public_answer: 'แก้ไขแล้ว' });
    const headers = signed(body);
    expect((await callback(body, headers)).statusCode).toBe(200);
    const replay = await callback(body, headers);
    expect(replay.statusCode).toBe(409);
    expect(replay.json().error.issues[0].message).toContain('already used');

    const later = JSON.stringify({ tracking_number: number, status: 'in_progress', public_answer: 'เปิดเรื่องใหม่' });
    const now = Math.floor(Date.now() / 1000);
    expect((await callback(later, signed(later, String(now - 301)))).statusCode).toBe(401);
    expect((await callback(later, signed(later, String(now + 301)))).statusCode).toBe(401);
    expect((await callback(later, signed(later, undefined, 'not-the-callback-secret-not-the-secret'))).statusCode).toBe(401);
    expect((await callback(later, signed(later.replace('in_progress', 'accepted')))).statusCode).toBe(401);
    expect((await callback(later.replace('เปิดเรื่องใหม่', 'แก้'), signed(later))).statusCode).toBe(401);
    expect((await callback(later, {})).statusCode).toBe(401);
    expect((await callback(later, { 'x-citizeninfo-timestamp': 'yesterday', 'x-citizeninfo-signature': 'md5=abc' })).statusCode).toBe(401);
    expect((await complaintRow(number)).status).toBe('resolved');
  });

  it('answers bad documents with 4xx, and an unknown complaint with 404', async () => {
    const cases: [string, number][] = [
      [JSON.stringify({ tracking_number: number, status: 'rejected' }), 400],
      [JSON.stringify({ tracking_number: number, status: 'received' }), 400],
      [JSON.stringify({ tracking_number: number, status: 'resolved', extra: "'; drop table complaints; --" }), 200],
      [JSON.stringify({ tracking_number: 'CI-2569-2222-22', status: 'resolved' }), 404],
      [JSON.stringify({ tracking_number: 'nonsense', status: 'resolved' }), 400],
      ['{not json', 400],
    ];
    for (const [body, status] of cases) expect((await callback(body, signed(body))).statusCode, body).toBe(status);
    const tooBig = JSON.stringify({ tracking_number: number, status: 'resolved', public_answer: 'ก'.repeat(70_000) });
    expect((await callback(tooBig, signed(tooBig))).statusCode).toBe(413);
  });
});

describe('without a configured centre', () => {
  it('records forwarding as not configured, without an error, and refuses callbacks', async () => {
    const bare = await createTestApp();
    try {
      const [p] = await rows<{ id: number; organisationId: number }>(bare.database.db, sql`select id, organisation_id as "organisationId" from service_points order by code limit 1`);
      const { trackingNumber } = await createComplaint(bare.database.db, { piiKey: bare.config.piiKey, retentionDays: 365 }, {
        pointId: p!.id,
        organisationId: p!.organisationId,
        content: content(),
        locale: 'th',
        channel: 'web',
        apiKeyId: null,
        photos: [],
        internalNote: null,
      });
      const failures: unknown[] = [];
      await runDueJobs(bare.database.db, bare.app.jobHandlers, (_job, error) => failures.push(error), 50);
      expect(failures).toEqual([]);
      const [row] = await bare.database.db.select().from(complaints).where(eq(complaints.trackingNumber, trackingNumber));
      expect(row?.forwardStatus).toBe('not_configured');
      const [job] = await bare.database.db.select().from(jobs).where(inArray(jobs.idempotencyKey, [`complaint-forward:${trackingNumber}`]));
      expect(job?.status).toBe('done');
      const body = JSON.stringify({ tracking_number: trackingNumber, status: 'resolved' });
      const response = await bare.app.inject({ method: 'POST', url: '/api/v1/complaints/callback', headers: { 'content-type': 'application/json' }, payload: body });
      expect(response.statusCode).toBe(503);
    } finally {
      await bare.close();
    }
  });
});
