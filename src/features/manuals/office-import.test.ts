import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client.js';
import { readCatalogue, type ManualRecord } from './catalogue.js';
import { recordsToCsv } from './import.js';
import { storedManual } from './office-store.js';
import type { Agent } from '../../../test/support/agent.js';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { officeCast, type OfficeCast } from '../../../test/support/office-actors.js';

let t: TestApp;
let cast: OfficeCast;
const q = <T>(query: ReturnType<typeof sql>) => rows<T>(t.database.db, query);

beforeAll(async () => {
  t = await createTestApp();
  cast = await officeCast(t);
});
afterAll(() => t.close());

/** Posts a file the way a browser does (multipart/form-data), with the agent's cookies and CSRF token. */
async function upload(agent: Agent, file: Buffer | null, fields: Record<string, string> = {}, options: { csrf?: boolean; url?: string } = {}) {
  const boundary = '----citizeninfo-test-boundary';
  const parts: Buffer[] = [];
  const all = { ...(options.csrf === false ? {} : { _csrf: agent.csrf ?? '' }), ...fields };
  for (const [name, value] of Object.entries(all)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="manuals.csv"\r\nContent-Type: text/csv\r\n\r\n`), file, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  const cookie = ['ci_session', 'ci_csrf'].map((name) => `${name}=${agent.cookie(name) ?? ''}`).join('; ');
  return t.app.inject({
    method: 'POST',
    url: options.url ?? '/office/manuals/import',
    headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat(parts),
  });
}

/** Catalogue manuals under new ids, as an agency would write its own. */
const ownRecords = (prefix: string, count: number): ManualRecord[] =>
  readCatalogue()
    .filter((r) => r.owner_agency === 'lao')
    .slice(0, count)
    .map((record, i) => ({ ...record, id: `${prefix}-${i + 1}` }));
const existing = async (slugs: string[]) =>
  q<{ slug: string; owner: number; status: string }>(
    sql`select slug, owner_organisation_id as owner, status from manuals where slug in (${sql.join(
      slugs.map((s) => sql`${s}`),
      sql`, `,
    )}) order by slug`,
  );

describe('bulk import', () => {
  it('imports nothing when one row is wrong, and names the row, the field and the problem in Thai and English', async () => {
    const records = ownRecords('tao-import', 3);
    const broken = records.map((r, i) => (i === 1 ? { ...r, steps: [{ ...r.steps[0]!, kind: 'teleport' as 'other' }, ...r.steps.slice(1)] } : r));
    const csv = recordsToCsv(broken);
    await cast.officerA.get('/office/manuals/import');
    const response = await upload(cast.officerA, Buffer.from(csv));
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('ไม่ได้นำเข้าคู่มือใดเลย: พบปัญหา 1 รายการ ใน 1 แถว');
    expect(response.body).toMatch(/>แถว 3<\/th><td[^>]*><code>steps › #1 › kind<\/code><\/td><td[^>]* lang="th"[^>]*>ต้องเป็นค่าใดค่าหนึ่งต่อไปนี้: document_check/);
    expect(response.body).toMatch(/<td[^>]* lang="en"[^>]*>Must be one of: document_check/);
    expect(await existing(records.map((r) => r.id))).toEqual([]);
  });

  it('imports every row in one go: new manuals belong to the importer, existing ones are updated', async () => {
    const records = ownRecords('tao-import', 3);
    await cast.officerA.get('/office/manuals/import');
    const created = await upload(cast.officerA, Buffer.from(recordsToCsv(records)), { status: 'published' });
    expect(created.statusCode).toBe(200);
    expect(created.body).toContain('นำเข้าแล้ว 3 รายการ');
    expect(await existing(records.map((r) => r.id))).toEqual(records.map((r) => ({ slug: r.id, owner: cast.organisationA, status: 'published' })));
    expect(await q(sql`select 1 from audit_log where action = 'manual.create' and changes->>'via' = 'import'`)).toHaveLength(3);

    // The same manuals again as JSON, one changed: updated in place, status kept although "draft" was chosen.
    const changed = records.map((r, i) => (i === 0 ? { ...r, title_th: `${r.title_th} (ฉบับปรับปรุง)` } : r));
    await cast.officerA.get('/office/manuals/import');
    const updated = await upload(cast.officerA, Buffer.from(JSON.stringify({ manuals: changed })), { status: 'draft' });
    expect(updated.statusCode).toBe(200);
    expect(updated.body).toContain('ปรับปรุง 3 รายการ');
    expect((await storedManual(t.database.db, records[0]!.id))!.record.title_th).toContain('(ฉบับปรับปรุง)');
    expect((await existing([records[0]!.id]))[0]!.status).toBe('published');
  });

  it('treats the id of another agency’s manual as an error, and then imports none of the file', async () => {
    const [dopa] = await q<{ slug: string }>(sql`select m.slug from manuals m join organisations o on o.id = m.owner_organisation_id where o.code = 'dopa' limit 1`);
    const records = [...ownRecords('tao-other', 1), { ...ownRecords('x', 1)[0]!, id: dopa!.slug }];
    await cast.officerA.get('/office/manuals/import');
    const response = await upload(cast.officerA, Buffer.from(JSON.stringify(records)));
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain(`รหัส “${dopa!.slug}” เป็นคู่มือของหน่วยงานอื่น`);
    expect(response.body).toMatch(/>แถว 2<\/th><td[^>]*><code>id<\/code>/);
    expect(await existing(['tao-other-1'])).toEqual([]);
    // The same id twice in one file.
    const twice = await upload(cast.officerA, Buffer.from(JSON.stringify([records[0], records[0]])));
    expect(twice.body).toContain('ซ้ำกับแถวที่ 1');
  });

  it('refuses unreadable files with a clear message and a 4xx', async () => {
    await cast.officerA.get('/office/manuals/import');
    const malformed = await upload(cast.officerA, Buffer.from('id,title_th\n"never closed,x\n'));
    expect(malformed.statusCode).toBe(400);
    expect(malformed.body).toContain('อ่านไฟล์ CSV ไม่ได้');
    const utf16 = await upload(cast.officerA, Buffer.from(`\ufeff${recordsToCsv(ownRecords('u', 1))}`, 'utf16le'));
    expect(utf16.statusCode).toBe(415);
    expect(utf16.body).toContain('UTF-16');
    const thaiWindows = await upload(cast.officerA, Buffer.from([0x69, 0x64, 0x0a, 0xb7, 0xb4, 0xca, 0xcd, 0xba, 0x0a]));
    expect(thaiWindows.statusCode).toBe(415);
    expect(thaiWindows.body).toContain('TIS-620');
    const badJson = await upload(cast.officerA, Buffer.from('{"manuals": [}'));
    expect(badJson.statusCode).toBe(400);
    expect(badJson.body).toContain('ไฟล์ JSON ไม่ถูกต้อง');
    const huge = await upload(cast.officerA, Buffer.alloc(2 * 1024 * 1024 + 10, 'a'));
    expect(huge.statusCode).toBe(413);
    expect(huge.body).toContain('ไฟล์ใหญ่เกิน 2 MB');
    const none = await upload(cast.officerA, null);
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('กรุณาเลือกไฟล์');
    const nonsense = await upload(cast.officerA, Buffer.from(recordsToCsv(ownRecords('n', 1))), { status: 'archived' });
    expect(nonsense.statusCode).toBe(400);
    expect(await existing(['u-1', 'n-1'])).toEqual([]);
  });

  it('checks the CSRF token and the role before reading a file', async () => {
    await cast.officerA.get('/office/manuals/import');
    const forged = await upload(cast.officerA, Buffer.from(recordsToCsv(ownRecords('forged', 1))), {}, { csrf: false });
    expect(forged.statusCode).toBe(403);
    await cast.supervisorIn.get('/office/manuals');
    expect((await upload(cast.supervisorIn, Buffer.from(recordsToCsv(ownRecords('sup', 1))))).statusCode).toBe(403);
    const anonymous = await t.app.inject({ method: 'POST', url: '/office/manuals/import', headers: { 'content-type': 'multipart/form-data; boundary=x' }, payload: '--x--\r\n' });
    expect(anonymous.statusCode).toBe(401);
    expect(await existing(['forged-1', 'sup-1'])).toEqual([]);
  });
});

describe('export and examples', () => {
  it('exports the manuals the actor may edit, in a file the import takes back unchanged', async () => {
    const exported = await cast.dopaOfficer.get('/office/manuals/export.json');
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-disposition']).toMatch(/^attachment; filename="citizeninfo-manuals-\d{4}-\d{2}-\d{2}\.json"$/);
    const { manuals } = JSON.parse(exported.body) as { manuals: ManualRecord[] };
    const [dopa] = await q<{ n: number }>(
      sql`select count(*)::int as n from manuals m join organisations o on o.id = m.owner_organisation_id where o.path like (select path || '%' from organisations where code = 'dopa')`,
    );
    expect(manuals).toHaveLength(dopa!.n);
    expect(new Set(manuals.map((m) => m.owner_agency))).toEqual(new Set(['dopa']));
    const documentsBefore = await q<{ id: number }>(sql`select id from manual_documents order by id`);

    await cast.dopaOfficer.get('/office/manuals/import');
    const reimported = await upload(cast.dopaOfficer, Buffer.from(exported.body));
    expect(reimported.statusCode).toBe(200);
    expect(reimported.body).toContain(`ปรับปรุง ${dopa!.n} รายการ`);
    expect(await q<{ id: number }>(sql`select id from manual_documents order by id`)).toEqual(documentsBefore);

    const csv = await cast.dopaOfficer.get('/office/manuals/export.csv');
    expect(csv.body.startsWith('\ufeffid,title_th')).toBe(true);
    expect((await cast.supervisorIn.get('/office/manuals/export.json')).json()).toEqual({ manuals: [] });
  });

  it('offers an example CSV that imports as it is', async () => {
    const example = await cast.officerB.get('/office/manuals/import/example.csv');
    expect(example.statusCode).toBe(200);
    expect(example.headers['content-type']).toBe('text/csv; charset=utf-8');
    await cast.officerB.get('/office/manuals/import');
    const imported = await upload(cast.officerB, Buffer.from(example.body));
    expect(imported.statusCode).toBe(200);
    expect(imported.body).toContain('สร้างใหม่ 2 รายการ');
    const json = await cast.officerB.get('/office/manuals/import/example.json');
    expect((JSON.parse(json.body) as { manuals: unknown[] }).manuals).toHaveLength(2);
  });
});
