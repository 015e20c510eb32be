import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client.js';
import { normaliseForSearch } from '../../i18n/text.js';
import { recordToForm, type FormState } from './office-form.js';
import { storedManual } from './office-store.js';
import type { Agent } from '../../../test/support/agent.js';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { officeCast, type OfficeCast } from '../../../test/support/office-actors.js';

let t: TestApp;
let cast: OfficeCast;
/** a DOPA manual whose documents carry Zero Copy states at some points */
let dopaSlug: string;

const q = <T>(query: ReturnType<typeof sql>) => rows<T>(t.database.db, query);
const versionOf = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? '';

beforeAll(async () => {
  t = await createTestApp();
  cast = await officeCast(t);
  const [manual] = await q<{ slug: string }>(
    sql`select m.slug from manuals m join organisations o on o.id = m.owner_organisation_id
        where o.code = 'dopa' and exists (select 1 from manual_documents d join zero_copy_statuses z on z.document_id = d.id where d.manual_id = m.id)
        order by m.slug limit 1`,
  );
  dopaSlug = manual!.slug;
});
afterAll(() => t.close());

/** A new manual as an officer of a TAO would fill it in. */
const newManual = (slug: string): FormState => ({
  id: slug,
  status: 'draft',
  title_th: 'การขออนุญาตติดตั้งป้ายโฆษณาชั่วคราว',
  title_en: 'Permit for a temporary advertising sign',
  synonyms_th: 'ติดป้าย\nป้ายโฆษณา',
  synonyms_en: 'sign permit',
  owner_agency_th: 'องค์การบริหารส่วนตำบลโป่งแยง',
  owner_agency_en: 'Pong Yaeng TAO',
  offered_at: ['tao'],
  rows_legal_basis: '1',
  'legal_basis.0.th': 'พระราชบัญญัติรักษาความสะอาดและความเป็นระเบียบเรียบร้อยของบ้านเมือง พ.ศ. 2535',
  rows_steps: '2',
  'steps.0.kind': 'document_check',
  'steps.0.title_th': 'ยื่นคำขอและตรวจเอกสาร',
  'steps.0.duration_value': '1',
  'steps.0.duration_unit': 'working_day',
  'steps.1.kind': 'consideration',
  'steps.1.title_th': 'พิจารณาอนุญาต',
  'steps.1.duration_value': '2',
  'steps.1.duration_unit': 'working_day',
  rows_fees: '1',
  'fees.0.description_th': 'ค่าธรรมเนียมป้ายชั่วคราว',
  'fees.0.amount_baht': '1,000',
  rows_documents: '1',
  'documents.0.name_th': 'บัตรประจำตัวประชาชน',
  'documents.0.issuing_agency_th': 'กรมการปกครอง',
  'documents.0.government_issued': 'on',
  'documents.0.identity': 'on',
  'documents.0.originals': '1',
  'documents.0.copies': '1',
  rows_complaint_channels: '1',
  'complaint_channels.0.name_th': 'องค์การบริหารส่วนตำบลโป่งแยง',
  'complaint_channels.0.contact': '053 000 000',
  source_basis: 'ประกาศ อบต.โป่งแยง',
  action: 'save',
});

async function editForm(agent: Agent, slug: string) {
  const page = await agent.get(`/office/manuals/${slug}/edit`);
  const manual = await storedManual(t.database.db, slug);
  return { page, state: { ...recordToForm(manual!.record, manual!.status), version: versionOf(page.body), action: 'save' } as FormState };
}

describe('who may edit a manual', () => {
  it('lets DOPA officers and admins edit a DOPA manual, and nobody else', async () => {
    const url = `/office/manuals/${dopaSlug}/edit`;
    expect((await cast.officerA.get(url)).statusCode).toBe(403);
    expect((await cast.supervisorIn.get(url)).statusCode).toBe(403);
    expect((await cast.admin.get(url)).statusCode).toBe(200);
    const { page, state } = await editForm(cast.dopaOfficer, dopaSlug);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`value="${state.title_th}"`);

    await cast.officerA.get('/office/manuals');
    const refused = await cast.officerA.post(url, { ...state, title_th: 'ถูกแก้โดย อบต.' });
    expect(refused.statusCode).toBe(403);
    expect((await storedManual(t.database.db, dopaSlug))!.record.title_th).toBe(state.title_th);
  });

  it('lists under “mine” exactly the manuals an officer may edit', async () => {
    const [dopa] = await q<{ n: number }>(
      sql`select count(*)::int as n from manuals m join organisations o on o.id = m.owner_organisation_id where o.path like (select path || '%' from organisations where code = 'dopa')`,
    );
    const mine = await cast.dopaOfficer.get('/office/manuals?scope=mine');
    expect(mine.body).toContain(`พบ ${dopa!.n} รายการ`);
    expect(mine.body.match(/>แก้ไข</g)).toHaveLength(dopa!.n);
    expect((await cast.officerA.get('/office/manuals?scope=mine')).body).toContain('พบ 0 รายการ');
    const all = await cast.officerA.get('/office/manuals');
    expect(all.body).not.toContain('>แก้ไข<');
    expect(all.body).toContain('สร้างคู่มือใหม่');
    expect((await cast.supervisorIn.get('/office/manuals')).body).not.toContain('สร้างคู่มือใหม่');
  });
});

describe('creating a manual without JavaScript', () => {
  it('adds rows with submit buttons and shows every problem beside its field, keeping what was typed', async () => {
    const page = await cast.officerA.get('/office/manuals/new');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('value="องค์การบริหารส่วนตำบลโป่งแยง"');

    const added = await cast.officerA.post('/office/manuals/new', { ...newManual('tao-temp-sign'), action: 'add:steps' });
    expect(added.statusCode).toBe(200);
    expect(added.body).toContain('name="steps.2.title_th"');
    expect(added.body).toContain('name="rows_steps" value="3"');
    expect(added.body).toContain('>พิจารณาอนุญาต</textarea>');

    const removed = await cast.officerA.post('/office/manuals/new', { ...newManual('tao-temp-sign'), action: 'remove:steps:0' });
    expect(removed.body).toContain('name="rows_steps" value="1"');
    expect(removed.body).not.toContain('ยื่นคำขอและตรวจเอกสาร');

    const wrong = await cast.officerA.post('/office/manuals/new', {
      ...newManual('tao-temp-sign'),
      title_th: '',
      'steps.1.duration_value': 'สองวัน',
      'documents.0.government_issued': '',
      'documents.0.issuing_agency_th': '',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('<a href="#f-title_th">ชื่อกระบวนงาน (ภาษาไทย) *: กรุณากรอกช่องนี้</a>');
    expect(wrong.body).toContain('“สองวัน” ไม่ใช่ตัวเลข');
    expect(wrong.body).toContain('เอกสารยืนยันตัวตนต้องเป็นเอกสารที่ออกโดยหน่วยงานของรัฐ');
    expect(wrong.body).toContain('value="Permit for a temporary advertising sign"');
    expect(await storedManual(t.database.db, 'tao-temp-sign')).toBeNull();
  });

  it('saves a draft owned by the officer’s organisation, with its search text and total time', async () => {
    const created = await cast.officerA.post('/office/manuals/new', { ...newManual(''), action: 'save' });
    expect(created.statusCode).toBe(303);
    const slug = 'permit-for-a-temporary-advertising-sign';
    expect(created.headers.location).toBe(`/office/manuals/${slug}/edit?saved=created`);
    const [row] = await q<{ owner: number; status: string; searchText: string; totalValue: number; totalUnit: string }>(
      sql`select owner_organisation_id as owner, status, search_text as "searchText", total_time_value as "totalValue", total_time_unit as "totalUnit" from manuals where slug = ${slug}`,
    );
    expect(row).toMatchObject({ owner: cast.organisationA, status: 'draft', totalValue: 3, totalUnit: 'working_day' });
    expect(row!.searchText).toContain(normaliseForSearch('ป้ายโฆษณา'));
    const manual = await storedManual(t.database.db, slug);
    expect(manual!.record.fees[0]!.amount_baht).toBe(1000);
    expect(manual!.record.documents[0]).toMatchObject({ government_issued: true, identity: true, copies: 1 });
    const [audit] = await q<{ organisationId: number }>(sql`select organisation_id as "organisationId" from audit_log where action = 'manual.create' and entity_id = ${String(manual!.id)}`);
    expect(audit!.organisationId).toBe(cast.organisationA);
    expect((await cast.officerA.get(created.headers.location as string)).body).toContain('สร้างคู่มือแล้ว');

    const again = await cast.officerA.post('/office/manuals/new', { ...newManual(slug) });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('รหัสนี้มีคู่มืออื่นใช้แล้ว');
  });

  it('keeps drafts inside the owner’s read scope and off the service points', async () => {
    const slug = 'permit-for-a-temporary-advertising-sign';
    const url = `/office/manuals/${slug}/edit`;
    expect((await cast.officerA.get(url)).statusCode).toBe(200);
    expect((await cast.officerB.get(url)).statusCode).toBe(404);
    expect((await cast.supervisorIn.get(url)).statusCode).toBe(403);
    expect((await cast.supervisorOut.get(url)).statusCode).toBe(404);
    expect((await cast.admin.get(url)).statusCode).toBe(200);
    expect((await cast.officerB.get('/office/manuals?status=draft')).body).not.toContain(slug);
    expect((await cast.officerA.get('/office/manuals?status=draft&scope=mine')).body).toContain(`/office/manuals/${slug}/edit`);

    const [point] = await q<{ code: string }>(sql`select code from service_points where organisation_id = ${cast.organisationA} limit 1`);
    const [manual] = await q<{ id: number }>(sql`select id from manuals where slug = ${slug}`);
    await cast.officerA.get(`/office/points/${point!.code}/manuals`);
    expect((await cast.officerA.post(`/office/points/${point!.code}/manuals/link`, { manual_id: String(manual!.id) })).statusCode).toBe(404);
  });
});

describe('editing a manual', () => {
  it('rewrites the manual and its search text, and keeps its documents with their Zero Copy states', async () => {
    const before = await q<{ id: number }>(sql`select d.id from manual_documents d join manuals m on m.id = d.manual_id where m.slug = ${dopaSlug} order by d.id`);
    const [states] = await q<{ n: number }>(sql`select count(*)::int as n from zero_copy_statuses z join manual_documents d on d.id = z.document_id join manuals m on m.id = d.manual_id where m.slug = ${dopaSlug}`);
    expect(states!.n).toBeGreaterThan(0);

    const { state } = await editForm(cast.dopaOfficer, dopaSlug);
    const firstDuration = Number(state['steps.0.duration_value']);
    const saved = await cast.dopaOfficer.post(`/office/manuals/${dopaSlug}/edit`, {
      ...state,
      synonyms_th: `${state.synonyms_th}\nบัตรใบแรกของลูก`,
      'steps.0.duration_value': String(firstDuration + 5),
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/office/manuals/${dopaSlug}/edit?saved=updated`);

    const after = await q<{ id: number }>(sql`select d.id from manual_documents d join manuals m on m.id = d.manual_id where m.slug = ${dopaSlug} order by d.id`);
    expect(after).toEqual(before);
    const [statesAfter] = await q<{ n: number }>(sql`select count(*)::int as n from zero_copy_statuses z join manual_documents d on d.id = z.document_id join manuals m on m.id = d.manual_id where m.slug = ${dopaSlug}`);
    expect(statesAfter!.n).toBe(states!.n);
    const manual = await storedManual(t.database.db, dopaSlug);
    expect(manual!.record.steps[0]!.duration_value).toBe(firstDuration + 5);
    expect(manual!.record.total_time_value).toBe(manual!.record.steps.reduce((sum, step) => sum + step.duration_value, 0));
    const [row] = await q<{ searchText: string }>(sql`select search_text as "searchText" from manuals where slug = ${dopaSlug}`);
    expect(row!.searchText).toContain('บัตรใบแรกของลูก');
    const [audit] = await q<{ changes: Record<string, unknown> }>(sql`select changes from audit_log where action = 'manual.update' and entity_id = ${String(manual!.id)} order by id desc limit 1`);
    expect(Object.keys(audit!.changes).sort()).toEqual(['steps', 'synonyms_th', 'total_time_value']);
  });

  it('does not overwrite changes someone saved after the form was opened', async () => {
    const first = await editForm(cast.dopaOfficer, dopaSlug);
    const second = await editForm(cast.admin, dopaSlug);
    expect((await cast.dopaOfficer.post(`/office/manuals/${dopaSlug}/edit`, { ...first.state, hours_th: 'จันทร์–ศุกร์ 08.30–16.30 น.' })).statusCode).toBe(303);
    const late = await cast.admin.post(`/office/manuals/${dopaSlug}/edit`, { ...second.state, hours_th: 'ทุกวัน' });
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain('มีผู้บันทึกคู่มือนี้หลังจากที่คุณเปิดแบบฟอร์ม');
    expect(late.body).toContain('ทุกวัน');
    expect((await storedManual(t.database.db, dopaSlug))!.record.hours_th).toBe('จันทร์–ศุกร์ 08.30–16.30 น.');
  });

  it('answers bad input with a 4xx and a message', async () => {
    await cast.officerA.get('/office/manuals');
    expect((await cast.officerA.get('/office/manuals/Not_A_Slug/edit')).statusCode).toBe(400);
    expect((await cast.officerA.get('/office/manuals/no-such-manual/edit')).statusCode).toBe(404);
    expect((await cast.officerA.get('/office/manuals?page=0')).statusCode).toBe(400);
    expect((await cast.officerA.get('/office/manuals?page=999')).statusCode).toBe(404);
    expect((await cast.officerA.get('/office/manuals?status=lost')).statusCode).toBe(400);
    expect((await cast.officerA.get(`/office/manuals?q=${encodeURIComponent("%' or 1=1 --")}`)).statusCode).toBe(200);
    // Fields the form does not have are dropped, not stored.
    expect((await cast.officerA.post('/office/manuals/new', { ...newManual('unknown-field'), '<script>': 'x' })).statusCode).toBe(303);
    expect((await cast.officerA.post('/office/manuals/new', { ...newManual('x'), action: 'explode' })).statusCode).toBe(400);
    const beyond = await cast.officerA.post('/office/manuals/new', { ...newManual('x'), action: 'remove:steps:40' });
    expect(beyond.statusCode).toBe(200);
    expect(beyond.body).toContain('name="rows_steps" value="2"');
    expect((await cast.officerA.post('/office/manuals/new', { ...newManual('x'), title_th: 'ก'.repeat(20001) })).statusCode).toBe(400);
    const tooLong = await cast.officerA.post('/office/manuals/new', { ...newManual('x'), title_th: 'ก'.repeat(301) });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.body).toContain('ยาวเกิน 300 ตัวอักษร');
  });
});
