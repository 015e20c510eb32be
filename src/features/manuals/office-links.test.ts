import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client.js';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { officeCast, type OfficeCast } from '../../../test/support/office-actors.js';

let t: TestApp;
let cast: OfficeCast;
let point: { id: number; code: string; nameTh: string };
let officerAId: number;

const q = <T>(query: ReturnType<typeof sql>) => rows<T>(t.database.db, query);
const linkedCount = async () => (await q<{ n: number }>(sql`select count(*)::int as n from point_manuals where point_id = ${point.id}`))[0]!.n;
const confirmedAt = async () => (await q<{ at: Date | null }>(sql`select manuals_confirmed_at as at from service_points where id = ${point.id}`))[0]!.at;
const auditRows = (action: string) =>
  q<{ userId: number; changes: Record<string, unknown>; entityId: string }>(
    sql`select user_id as "userId", changes, entity_id as "entityId" from audit_log where point_id = ${point.id} and action = ${action} order by id`,
  );
const base = () => `/office/points/${point.code}/manuals`;

beforeAll(async () => {
  t = await createTestApp();
  cast = await officeCast(t);
  const [first] = await q<{ id: number; code: string; nameTh: string }>(sql`select id, code, name_th as "nameTh" from service_points where organisation_id = ${cast.organisationA} order by id limit 1`);
  point = first!;
  const [officer] = await q<{ id: number }>(sql`select id from users where email = 'officer@demo.citizeninfo.local'`);
  officerAId = officer!.id;
});
afterAll(() => t.close());

/** A published manual not linked to the point, whose Thai title contains `word` inside an unspaced word. */
async function unlinkedManual(word: string) {
  const [manual] = await q<{ id: number; slug: string; titleTh: string }>(
    sql`select id, slug, title_th as "titleTh" from manuals m where status = 'published' and title_th like ${`%${word}%`}
        and not exists (select 1 from point_manuals pm where pm.point_id = ${point.id} and pm.manual_id = m.id) order by id limit 1`,
  );
  return manual!;
}

describe('the manuals of a point', () => {
  it('lists the linked manuals and finds others by a Thai word inside unspaced text', async () => {
    const page = await cast.officerA.get(base());
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`<h1>${point.nameTh}</h1>`);
    expect(page.body).toContain('<h2>คู่มือประชาชนที่จุดนี้</h2>');
    expect(page.body).toContain(`<a href="/office/points/${point.code}/manuals" aria-current="page">คู่มือประชาชน</a>`);
    expect(page.body).toContain(`บริการที่จุดนี้ (${await linkedCount()})`);

    // "ประจำตัว" sits inside "บัตรประจำตัวประชาชน" with no spaces around it.
    const manual = await unlinkedManual('บัตรประจำตัวประชาชน');
    const found = await cast.officerA.get(`${base()}?q=${encodeURIComponent('ประจำตัว')}`);
    expect(found.statusCode).toBe(200);
    expect(found.body).toContain(manual.titleTh);
    expect(found.body).toContain(`name="manual_id" value="${manual.id}"`);

    const nothing = await cast.officerA.get(`${base()}?q=${encodeURIComponent('qwertyuiop')}`);
    expect(nothing.body).toContain('ไม่พบคู่มือที่ตรงกับ “qwertyuiop”');
  });

  it('pins a manual, withdraws an earlier confirmation, and audits both', async () => {
    await cast.officerA.get(base());
    const confirmed = await cast.officerA.post(`${base()}/confirm`, {});
    expect(confirmed.statusCode).toBe(303);
    expect(confirmed.headers.location).toBe(`${base()}?done=confirmed`);
    expect(await confirmedAt()).not.toBeNull();
    expect((await auditRows('service_point.manuals_confirm')).at(-1)!.userId).toBe(officerAId);

    const before = await linkedCount();
    const manual = await unlinkedManual('บัตร');
    const linked = await cast.officerA.post(`${base()}/link`, { manual_id: String(manual.id), q: 'บัตร' });
    expect(linked.statusCode).toBe(303);
    expect(linked.headers.location).toBe(`${base()}?done=reconfirm&q=${encodeURIComponent('บัตร')}`);
    expect(await linkedCount()).toBe(before + 1);
    expect(await confirmedAt()).toBeNull();
    const [row] = await q<{ linkedBy: number }>(sql`select linked_by as "linkedBy" from point_manuals where point_id = ${point.id} and manual_id = ${manual.id}`);
    expect(row!.linkedBy).toBe(officerAId);
    const audit = (await auditRows('point_manual.link')).at(-1)!;
    expect(audit.entityId).toBe(`${point.id}:${manual.id}`);
    expect(audit.changes.manual).toBe(manual.slug);
    expect(audit.changes.manualsConfirmedAt).toHaveLength(2);

    const page = await cast.officerA.get(`${base()}?done=reconfirm`);
    expect(page.body).toContain('รายการเปลี่ยนไปหลังการยืนยันเมื่อ');
    expect(page.body).toContain('ยืนยันว่ารายการนี้ครบถ้วน');

    // Pinning again changes nothing.
    const again = await cast.officerA.post(`${base()}/link`, { manual_id: String(manual.id) });
    expect(again.headers.location).toBe(`${base()}?done=linked`);
    expect(await linkedCount()).toBe(before + 1);
    expect(await auditRows('point_manual.link')).toHaveLength(1);
  });

  it('keeps local notes in Thai and English, and shows a too-long note again with its message', async () => {
    const [manual] = await q<{ id: number }>(sql`select manual_id as id from point_manuals where point_id = ${point.id} order by manual_id limit 1`);
    await cast.officerA.get(base());
    const saved = await cast.officerA.post(`${base()}/${manual!.id}/note`, { local_note_th: 'ติดต่อช่องบริการที่ 3', local_note_en: 'Counter 3' });
    expect(saved.statusCode).toBe(303);
    const [row] = await q<{ th: string; en: string }>(sql`select local_note_th as th, local_note_en as en from point_manuals where point_id = ${point.id} and manual_id = ${manual!.id}`);
    expect(row).toEqual({ th: 'ติดต่อช่องบริการที่ 3', en: 'Counter 3' });
    expect((await auditRows('point_manual.note')).at(-1)!.changes).toEqual({ localNoteTh: [null, 'ติดต่อช่องบริการที่ 3'], localNoteEn: [null, 'Counter 3'] });
    expect((await cast.officerA.get(base())).body).toContain('ติดต่อช่องบริการที่ 3');

    const long = await cast.officerA.post(`${base()}/${manual!.id}/note`, { local_note_th: 'ก'.repeat(501), local_note_en: 'still here' });
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain('ยาวเกิน 500 ตัวอักษร');
    expect(long.body).toContain('still here');
    const [unchanged] = await q<{ en: string }>(sql`select local_note_en as en from point_manuals where point_id = ${point.id} and manual_id = ${manual!.id}`);
    expect(unchanged!.en).toBe('Counter 3');
  });

  it('removes a manual, which also asks for a new confirmation', async () => {
    await cast.officerA.get(base());
    await cast.officerA.post(`${base()}/confirm`, {});
    const [manual] = await q<{ id: number }>(sql`select manual_id as id from point_manuals where point_id = ${point.id} order by manual_id limit 1`);
    const before = await linkedCount();
    const removed = await cast.officerA.post(`${base()}/${manual!.id}/unlink`, {});
    expect(removed.headers.location).toBe(`${base()}?done=reconfirm`);
    expect(await linkedCount()).toBe(before - 1);
    expect(await confirmedAt()).toBeNull();
    expect((await auditRows('point_manual.unlink')).at(-1)!.changes).toMatchObject({ localNoteTh: 'ติดต่อช่องบริการที่ 3', localNoteEn: 'Counter 3' });
    expect((await cast.officerA.post(`${base()}/${manual!.id}/unlink`, {})).statusCode).toBe(404);
  });

  it('refuses to confirm an empty list', async () => {
    const [other] = await q<{ code: string; id: number }>(sql`select code, id from service_points where organisation_id = ${cast.organisationB} order by id limit 1`);
    await t.database.db.execute(sql`delete from point_manuals where point_id = ${other!.id}`);
    await cast.officerB.get(`/office/points/${other!.code}/manuals`);
    const response = await cast.officerB.post(`/office/points/${other!.code}/manuals/confirm`, {});
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('กรุณาเพิ่มคู่มืออย่างน้อย 1 รายการก่อนยืนยัน');
    expect(await q(sql`select 1 from service_points where id = ${other!.id} and manuals_confirmed_at is not null`)).toHaveLength(0);
  });

  it('answers bad input with a 4xx and a message, never a 500', async () => {
    const [draft] = await q<{ id: number }>(sql`update manuals set status = 'draft' where id = (select min(id) from manuals where owner_organisation_id is not null) returning id`);
    await cast.officerA.get(base());
    expect((await cast.officerA.post(`${base()}/link`, { manual_id: String(draft!.id) })).statusCode).toBe(404);
    expect((await cast.officerA.post(`${base()}/link`, { manual_id: '999999999' })).statusCode).toBe(404);
    const nonsense = await cast.officerA.post(`${base()}/link`, { manual_id: "1; drop table manuals" });
    expect(nonsense.statusCode).toBe(400);
    expect(nonsense.body).toContain('ข้อมูลที่ส่งมาไม่ถูกต้อง');
    await t.database.db.execute(sql`update manuals set status = 'published' where id = ${draft!.id}`);
    expect((await cast.officerA.get('/office/points/abc/manuals')).statusCode).toBe(400);
    expect((await cast.officerA.get('/office/points/ZZZZZZ/manuals')).statusCode).toBe(404);
    expect((await cast.officerA.get(`${base()}?done=hacked`)).statusCode).toBe(400);
    expect((await cast.officerA.get(`${base()}?q=${'ก'.repeat(201)}`)).statusCode).toBe(400);
    expect((await cast.officerA.get(`${base()}?q=${encodeURIComponent("' or 1=1 --")}`)).statusCode).toBe(200);
    expect((await cast.officerA.post(`${base()}/abc/unlink`, {})).statusCode).toBe(400);
  });

  it('speaks English at /en', async () => {
    const page = await cast.officerA.get(`/en${base()}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Citizen’s Manuals at this point');
    expect(page.body).toContain('Confirm this list is complete');
  });
});
