import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client.js';
import { apiKeys, complaints, jobs } from '../../db/schema.js';
import type { Agent } from '../../../test/support/agent.js';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { signIn } from '../../../test/support/office-actors.js';
import { DEMO_ACCOUNTS, ensureDemoAccounts } from '../accounts/demo.js';
import { COMPLAINT_CATEGORIES } from '../complaints/categories.js';
import { openContact } from '../complaints/contact.js';

let t: TestApp;
let admin: Agent;
let key: string;
let point: { id: number; code: string; organisationId: number; lat: number; lng: number };
let organisation: { id: number; code: string };

const BASE = '/open311/v2';
const count = async () => (await rows<{ n: number }>(t.database.db, sql`select count(*)::int as n from complaints`))[0]!.n;

async function createKey(name: string): Promise<string> {
  await admin.get('/office/admin/api-keys');
  const page = await admin.post('/office/admin/api-keys', { name });
  expect(page.statusCode).toBe(200);
  return /<code class="secret">(ci311_[\w-]+)<\/code>/.exec(page.body)![1]!;
}

function post(format: 'json' | 'xml', form: Record<string, string>) {
  return t.app.inject({ method: 'POST', url: `${BASE}/requests.${format}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(form).toString() });
}

const valid = () => ({ api_key: key, service_code: 'zero_copy', description: 'ขอสำเนาทะเบียนบ้านทั้งที่มีระบบเชื่อมโยงข้อมูล', 'attribute[point]': point.code });

beforeAll(async () => {
  t = await createTestApp();
  await ensureDemoAccounts(t.database.db, t.config.piiKey);
  const demo = DEMO_ACCOUNTS.find((a) => a.role === 'admin')!;
  admin = await signIn(t.app, { email: demo.email, password: demo.password, totp: true });
  key = await createKey('แอปเทศบาลทดสอบ');
  [point] = (await rows<typeof point>(
    t.database.db,
    sql`select id, code, organisation_id as "organisationId", lat, lng from service_points where status = 'active' and province_code = '50' order by code limit 1`,
  )) as [typeof point];
  [organisation] = (await rows<typeof organisation>(t.database.db, sql`select id, code from organisations where province_code = '10' order by code limit 1`)) as [typeof organisation];
});
afterAll(() => t.close());

describe('Open311 API keys', () => {
  it('are shown once and stored only as a hash', async () => {
    const [stored] = await t.database.db.select().from(apiKeys).where(eq(apiKeys.name, 'แอปเทศบาลทดสอบ'));
    expect(stored!.keyHash).toBe(createHash('sha256').update(key).digest('hex'));
    expect(JSON.stringify(stored)).not.toContain(key);
    const again = await admin.get('/office/admin/api-keys');
    expect(again.body).toContain('แอปเทศบาลทดสอบ');
    expect(again.body).not.toContain(key);
    await admin.get('/office/admin/api-keys');
    expect((await admin.post('/office/admin/api-keys', { name: '  ' })).statusCode).toBe(400);
  });
});

describe('Open311 GeoReport v2: discovery and services', () => {
  it('describes itself in JSON and XML', async () => {
    const json = await t.app.inject(`${BASE}/discovery.json`);
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-type']).toContain('application/json');
    expect(json.json()).toMatchObject({ endpoints: [{ specification: 'http://wiki.open311.org/GeoReport_v2', url: `${t.config.publicUrl}/open311/v2`, formats: ['text/xml', 'application/json'] }] });
    expect(json.json().changeset).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/);
    const xml = await t.app.inject(`${BASE}/discovery.xml`);
    expect(xml.headers['content-type']).toContain('text/xml');
    expect(xml.body).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<discovery>/);
    expect(xml.body).toContain('<endpoints><endpoint><specification>http://wiki.open311.org/GeoReport_v2</specification>');
    expect(xml.body).toContain('<formats><format>text/xml</format><format>application/json</format></formats>');
  });

  it('lists one service per complaint category', async () => {
    const json = await t.app.inject(`${BASE}/services.json`);
    const services = json.json<{ service_code: string; service_name: string; metadata: boolean; type: string }[]>();
    expect(services.map((s) => s.service_code)).toEqual(COMPLAINT_CATEGORIES.map((c) => c.code));
    expect(services[0]).toMatchObject({ service_name: 'บริการล่าช้า', metadata: true, type: 'realtime' });
    expect((await t.app.inject(`${BASE}/services.json?locale=en`)).json()[0].service_name).toBe('Service delay');
    const xml = await t.app.inject(`${BASE}/services.xml`);
    expect(xml.body).toContain('<services><service><service_code>service_delay</service_code><service_name>บริการล่าช้า</service_name>');
    expect(xml.body.match(/<service>/g)).toHaveLength(COMPLAINT_CATEGORIES.length);
  });

  it('defines each service’s attributes, and answers an unknown one in the spec’s error format', async () => {
    const json = await t.app.inject(`${BASE}/services/zero_copy.json`);
    expect(json.json()).toMatchObject({ service_code: 'zero_copy', attributes: [{ code: 'point', datatype: 'string', required: false, variable: true, order: 1 }] });
    const xml = await t.app.inject(`${BASE}/services/zero_copy.xml`);
    expect(xml.body).toContain('<service_definition><service_code>zero_copy</service_code><attributes><attribute><variable>true</variable><code>point</code>');
    const missing = await t.app.inject(`${BASE}/services/parking_fines.json`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual([{ code: 404, description: expect.stringContaining('service_code') }]);
    const missingXml = await t.app.inject(`${BASE}/services/parking_fines.xml`);
    expect(missingXml.statusCode).toBe(404);
    expect(missingXml.body).toMatch(/<errors><error><code>404<\/code><description>service_code: [^<]+<\/description><\/error><\/errors>$/);
    expect((await t.app.inject(`${BASE}/services.csv`)).statusCode).toBe(404);
    expect((await t.app.inject(`${BASE}/services.json?jurisdiction_id=nowhere`)).statusCode).toBe(400);
    expect((await t.app.inject(`${BASE}/services.json?jurisdiction_id=localhost`)).statusCode).toBe(200);
  });
});

describe('Open311 GeoReport v2: service requests', () => {
  const created: Record<string, string> = {};

  it('takes a request for a service point, with contact details, and makes it a complaint like any other', async () => {
    const response = await post('json', { ...valid(), first_name: 'วิไล', last_name: 'ใจงาม', phone: '0823334444', email: 'wilai@example.org', device_id: 'device-1', media_url: 'https://example.org/p/1.jpg' });
    expect(response.statusCode).toBe(201);
    const [answer] = response.json<{ service_request_id: string; service_notice: string; account_id: null }[]>();
    expect(answer!.service_request_id).toMatch(/^CI-\d{4}-[2-9A-HJ-KM-NP-Z]{4}-[2-9A-HJ-KM-NP-Z]{2}$/);
    expect(answer!.service_notice).toContain(`/track/${answer!.service_request_id}`);
    created.point = answer!.service_request_id;
    const [row] = await t.database.db.select().from(complaints).where(eq(complaints.trackingNumber, created.point));
    expect(row).toMatchObject({ channel: 'open311', pointId: point.id, organisationId: point.organisationId, category: 'zero_copy', forwardStatus: 'pending' });
    expect(row!.apiKeyId).toEqual(expect.any(Number));
    expect(openContact(t.config.piiKey, row!.contactSealed!)).toMatchObject({ name: 'วิไล ใจงาม', phone: '0823334444', email: 'wilai@example.org' });
    expect(row!.contactSealed).not.toContain('0823334444');
    expect(await t.database.db.select().from(jobs).where(eq(jobs.idempotencyKey, `complaint-forward:${created.point}`))).toHaveLength(1);
    expect((await t.app.inject(`/track/${created.point}`)).statusCode).toBe(200);
  });

  it('routes by coordinates to the nearest point’s organisation, or by jurisdiction_id to an organisation (XML answers)', async () => {
    const near = await post('xml', { api_key: key, service_code: 'facilities', description: 'ทางลาดชำรุด', lat: String(point.lat + 0.0005), long: String(point.lng) });
    expect(near.statusCode).toBe(201);
    expect(near.headers['content-type']).toContain('text/xml');
    const id = /<service_requests><request><service_request_id>([^<]+)<\/service_request_id>/.exec(near.body)![1]!;
    created.near = id;
    const [byPlace] = await t.database.db.select().from(complaints).where(eq(complaints.trackingNumber, id));
    expect(byPlace).toMatchObject({ pointId: null, organisationId: point.organisationId, contactSealed: null });

    const named = await post('json', { api_key: key, service_code: 'fees', description: 'เก็บค่าธรรมเนียมเกิน', address_string: 'สำนักงาน อบต.', jurisdiction_id: organisation.code });
    expect(named.statusCode).toBe(201);
    created.named = named.json()[0].service_request_id;
    const [byCode] = await t.database.db.select().from(complaints).where(eq(complaints.trackingNumber, created.named!));
    expect(byCode).toMatchObject({ pointId: null, organisationId: organisation.id, addressText: 'สำนักงาน อบต.' });
  });

  it('refuses missing fields and bad values in the spec’s format, JSON and XML, saving nothing', async () => {
    const before = await count();
    const cases: [Record<string, string>, number, string][] = [
      [{ ...valid(), service_code: '' }, 400, 'service_code'],
      [{ ...valid(), service_code: 'parking' }, 400, 'service_code'],
      [{ api_key: key, description: 'x', 'attribute[point]': point.code }, 400, 'service_code'],
      [{ api_key: key, service_code: 'fees', description: 'x' }, 400, 'lat'],
      [{ api_key: key, service_code: 'fees', description: 'x', lat: '18.8' }, 400, 'long'],
      [{ api_key: key, service_code: 'fees', description: 'x', lat: '51.5', long: '-0.12' }, 400, 'lat'],
      [{ api_key: key, service_code: 'fees', description: 'x', lat: 'north', long: '98' }, 400, 'lat'],
      [{ api_key: key, service_code: 'fees', description: 'x', address_string: 'ตลาด' }, 400, 'address_string'],
      [{ ...valid(), 'attribute[point]': 'ZZZZZZ' }, 400, 'attribute[point]'],
      [{ ...valid(), 'attribute[point]': "'; drop table complaints; --" }, 400, 'attribute[point]'],
      [{ ...valid(), jurisdiction_id: 'somewhere.example' }, 400, 'jurisdiction_id'],
      [{ ...valid(), email: 'not an email' }, 400, 'email'],
      [{ ...valid(), description: '' }, 400, 'description'],
      [{ ...valid(), description: 'ก'.repeat(3001) }, 400, 'description'],
      [{ ...valid(), media_url: 'javascript:alert(1)' }, 400, 'media_url'],
      [{ ...valid(), api_key: '' }, 403, 'api_key'],
      [{ ...valid(), api_key: 'ci311_wrong' }, 403, 'api_key'],
      [{ service_code: 'fees', description: 'x', 'attribute[point]': point.code }, 403, 'api_key'],
    ];
    for (const [form, status, field] of cases) {
      const json = await post('json', form);
      expect(json.statusCode, JSON.stringify(form)).toBe(status);
      const errors = json.json<{ code: number; description: string }[]>();
      expect(errors[0]!.code).toBe(status);
      expect(errors.some((error) => error.description.startsWith(`${field}:`)), `${field}: ${json.body}`).toBe(true);
      const xml = await post('xml', form);
      expect(xml.statusCode).toBe(status);
      expect(xml.body).toMatch(new RegExp(`^<\\?xml version="1.0" encoding="utf-8"\\?>\\n<errors><error><code>${status}</code><description>`));
    }
    expect(await count()).toBe(before);
  });

  it('refuses a revoked key', async () => {
    const revocable = await createKey('คีย์ที่จะยกเลิก');
    expect((await post('json', { ...valid(), api_key: revocable })).statusCode).toBe(201);
    const [stored] = await t.database.db.select().from(apiKeys).where(eq(apiKeys.name, 'คีย์ที่จะยกเลิก'));
    await admin.get('/office/admin/api-keys');
    expect((await admin.post(`/office/admin/api-keys/${stored!.id}/revoke`, {})).statusCode).toBe(303);
    const before = await count();
    const refused = await post('xml', { ...valid(), api_key: revocable });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('<code>403</code>');
    expect(await count()).toBe(before);
    expect((await t.app.inject(`${BASE}/requests.json?api_key=${revocable}`)).statusCode).toBe(403);
  });

  it('lists requests with the GeoReport fields, hiding the description from all but the key that sent it', async () => {
    const list = await t.app.inject(`${BASE}/requests.json`);
    expect(list.statusCode).toBe(200);
    const requests = list.json<Record<string, unknown>[]>();
    const mine = requests.find((r) => r.service_request_id === created.point)!;
    expect(mine).toMatchObject({
      status: 'open',
      status_notes: null,
      service_code: 'zero_copy',
      service_name: 'เรียกสำเนาเอกสารที่รัฐออกให้ (Zero Copy)',
      description: null,
      lat: point.lat,
      long: point.lng,
      media_url: null,
    });
    expect(mine.requested_datetime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/);
    expect(mine.updated_datetime).toMatch(/\+07:00$/);
    expect(Object.keys(mine).sort()).toEqual(
      ['address', 'address_id', 'agency_responsible', 'description', 'expected_datetime', 'lat', 'long', 'media_url', 'requested_datetime', 'service_code', 'service_name', 'service_notice', 'service_request_id', 'status', 'status_notes', 'updated_datetime', 'zipcode'].sort(),
    );
    expect(list.body).not.toContain('วิไล');
    expect(list.body).not.toContain('0823334444');
    const withKey = (await t.app.inject(`${BASE}/requests.json?api_key=${key}&service_request_id=${created.point},${created.near}`)).json<Record<string, unknown>[]>();
    expect(withKey).toHaveLength(2);
    expect(withKey.find((r) => r.service_request_id === created.point)!.description).toContain('ขอสำเนาทะเบียนบ้าน');
    const exact = withKey.find((r) => r.service_request_id === created.near)!;
    expect(exact.lat).toBeCloseTo(point.lat + 0.0005, 6);
    const rough = (await t.app.inject(`${BASE}/requests.json?service_request_id=${created.near}`)).json<Record<string, number>[]>()[0]!;
    expect(rough.lat).toBe(Math.round((point.lat + 0.0005) * 1000) / 1000);

    const xml = await t.app.inject(`${BASE}/requests.xml?service_request_id=${created.point}`);
    expect(xml.body).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<service_requests><request><service_request_id>CI-/);
    expect(xml.body).toContain('<status>open</status>');
    expect(xml.body).toContain('<description/>');
  });

  it('filters by service code, status, dates and pages', async () => {
    const ids = (response: { json: <T>() => T }) => response.json<{ service_request_id: string }[]>().map((r) => r.service_request_id);
    expect(ids(await t.app.inject(`${BASE}/requests.json?service_code=facilities`))).toEqual([created.near]);
    expect(ids(await t.app.inject(`${BASE}/requests.json?service_code=facilities,fees`)).sort()).toEqual([created.near, created.named].sort());
    expect(ids(await t.app.inject(`${BASE}/requests.json?status=closed`))).toEqual([]);
    await t.database.db.execute(sql`update complaints set status = 'resolved', public_answer = 'แก้ไขแล้ว' where tracking_number = ${created.near!}`);
    const closed = (await t.app.inject(`${BASE}/requests.json?status=closed`)).json<Record<string, unknown>[]>();
    expect(closed.map((r) => r.service_request_id)).toEqual([created.near]);
    expect(closed[0]).toMatchObject({ status: 'closed', status_notes: 'แก้ไขแล้ว' });
    expect(ids(await t.app.inject(`${BASE}/requests.json?status=open,closed`)).length).toBeGreaterThanOrEqual(4);
    expect(ids(await t.app.inject(`${BASE}/requests.json?start_date=2030-01-01T00:00:00Z`))).toEqual([]);
    expect(ids(await t.app.inject(`${BASE}/requests.json?end_date=2020-01-01`))).toEqual([]);
    expect(ids(await t.app.inject(`${BASE}/requests.json?start_date=2020-01-01&end_date=${encodeURIComponent('2030-12-31T23:59:59+07:00')}`)).length).toBeGreaterThanOrEqual(4);
    expect(ids(await t.app.inject(`${BASE}/requests.json?jurisdiction_id=${organisation.code}`))).toEqual([created.named]);
    const first = ids(await t.app.inject(`${BASE}/requests.json?page_size=2&page=1`));
    const second = ids(await t.app.inject(`${BASE}/requests.json?page_size=2&page=2`));
    expect(first).toHaveLength(2);
    expect(second.length).toBeGreaterThan(0);
    expect(first.filter((id) => second.includes(id))).toEqual([]);
    expect(ids(await t.app.inject(`${BASE}/requests.json?page=1000`))).toEqual([]);

    for (const bad of ['status=pending', 'start_date=yesterday', 'end_date=2026-13-45', 'start_date=2026-02-01&end_date=2026-01-01', 'page=0', 'page=1001', 'page_size=500', 'service_request_id=abc', 'service_code=parking', 'jurisdiction_id=x']) {
      const response = await t.app.inject(`${BASE}/requests.json?${bad}`);
      expect(response.statusCode, bad).toBe(400);
      expect(response.json()[0].code).toBe(400);
      expect((await t.app.inject(`${BASE}/requests.xml?${bad}`)).body).toContain('<errors><error><code>400</code>');
    }
  });

  it('answers one request in JSON and XML, and an unknown or malformed id in the spec’s format', async () => {
    const json = await t.app.inject(`${BASE}/requests/${created.point}.json`);
    expect(json.json()).toEqual([expect.objectContaining({ service_request_id: created.point, agency_responsible: expect.any(String) })]);
    const xml = await t.app.inject(`${BASE}/requests/${created.point}.xml`);
    expect(xml.body).toContain(`<service_requests><request><service_request_id>${created.point}</service_request_id>`);
    const unknown = await t.app.inject(`${BASE}/requests/CI-2569-2222-22.xml`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('<errors><error><code>404</code>');
    const malformed = await t.app.inject(`${BASE}/requests/%3Cscript%3E.json`);
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()[0].code).toBe(400);
  });
});

describe('the OpenAPI description', () => {
  it('documents Open311 in JSON and XML, the signed callback and the forwarded document', async () => {
    const document = (await t.app.inject('/api/openapi.json')).json<{
      tags: { name: string }[];
      paths: Record<string, Record<string, { tags?: string[]; callbacks?: Record<string, Record<string, { post: { requestBody: { content: Record<string, { schema: { properties: Record<string, unknown> } }> } } }>> }>>;
    }>();
    expect(document.tags.map((tag) => tag.name)).toEqual(expect.arrayContaining(['open311', 'complaints']));
    for (const format of ['json', 'xml']) {
      for (const path of ['discovery', 'services', 'services/{service_code}', 'requests', 'requests/{service_request_id}']) {
        expect(document.paths[`/open311/v2/${path}.${format}`], `${path}.${format}`).toBeDefined();
      }
      expect(document.paths[`/open311/v2/requests.${format}`]!.post!.tags).toEqual(['open311']);
    }
    const callback = document.paths['/api/v1/complaints/callback']!.post!;
    expect(callback.tags).toEqual(['complaints']);
    const forwarded = callback.callbacks!.complaintForwarded!['{COMPLAINT_FORWARD_URL}']!.post.requestBody.content['application/json']!.schema;
    expect(Object.keys(forwarded.properties)).toEqual(expect.arrayContaining(['id', 'category', 'description', 'organisation', 'service_point', 'contact']));
  });
});
