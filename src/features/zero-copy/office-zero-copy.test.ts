import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client.js';
import { addDays } from './office-rules.js';
import { bangkokDate } from '../../i18n/index.js';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { officeCast, type OfficeCast } from '../../../test/support/office-actors.js';

let t: TestApp;
let cast: OfficeCast;
let point: { id: number; code: string };
/** the state-issued document asked as a copy in the most manuals at the point */
let group: { nameTh: string; ids: number[]; all: number[] };

const q = <T>(query: ReturnType<typeof sql>) => rows<T>(t.database.db, query);
const url = () => `/office/points/${point.code}/zero-copy`;

/** The count rule in SQL, independent of the page's code. */
async function stillDemanded(): Promise<number> {
  const [row] = await q<{ n: number }>(
    sql`select count(*)::int as n from point_manuals pm
        join manual_documents d on d.manual_id = pm.manual_id and d.government_issued and d.copies > 0
        left join zero_copy_statuses z on z.point_id = pm.point_id and z.document_id = d.id
        where pm.point_id = ${point.id} and coalesce(z.status, 'none') not in ('verified_at_source', 'copy_by_office')`,
  );
  return row!.n;
}
const statuses = (ids: number[]) =>
  q<{ documentId: number; status: string; method: string | null; reason: string | null; planDate: string | null; updatedBy: number | null }>(
    sql`select document_id as "documentId", status, method, reason, plan_date::text as "planDate", updated_by as "updatedBy" from zero_copy_statuses
        where point_id = ${point.id} and document_id in (${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )}) order by document_id`,
  );
const form = (fields: Record<string, string | string[]>) => ({ group: String(group.all[0]), ...fields });

beforeAll(async () => {
  t = await createTestApp();
  cast = await officeCast(t);
  const [first] = await q<{ id: number; code: string }>(sql`select id, code from service_points where organisation_id = ${cast.organisationA} order by id limit 1`);
  point = first!;
  // Start from an office that has declared nothing.
  await t.database.db.execute(sql`delete from zero_copy_statuses where point_id = ${point.id}`);
  const [top] = await q<{ nameTh: string; ids: number[] }>(
    sql`select d.name_th as "nameTh", array_agg(d.id order by m.title_th, d.position, d.id) as ids
        from point_manuals pm join manuals m on m.id = pm.manual_id
        join manual_documents d on d.manual_id = m.id and d.government_issued and d.copies > 0
        where pm.point_id = ${point.id} group by d.name_th order by count(*) desc, d.name_th limit 1`,
  );
  // The page's group also holds the manuals that ask no copy of it; its first document names the group.
  const [all] = await q<{ ids: number[] }>(
    sql`select array_agg(d.id order by m.title_th, d.position, d.id) as ids from point_manuals pm join manuals m on m.id = pm.manual_id
        join manual_documents d on d.manual_id = m.id and d.government_issued where pm.point_id = ${point.id} and d.name_th = ${top!.nameTh}`,
  );
  group = { nameTh: top!.nameTh, ids: top!.ids.map(Number), all: all!.ids.map(Number) };
  expect(group.ids.length).toBeGreaterThan(1);
});
afterAll(() => t.close());

describe('Zero Copy at a point', () => {
  it('shows every state-issued document once per name, and the count of copies still demanded', async () => {
    const page = await cast.officerA.get(url());
    expect(page.statusCode).toBe(200);
    const count = await stillDemanded();
    expect(count).toBeGreaterThan(0);
    expect(page.body).toContain(`ยังขอสำเนาจากประชาชน ${count} รายการ`);
    expect(page.body.split(`<h4>${group.nameTh}</h4>`)).toHaveLength(2);
    expect(page.body).toContain(`ใช้ใน ${group.all.length} คู่มือ`);
    for (const id of group.ids) expect(page.body).toContain(`name="document" value="${id}"`);
  });

  it('sets one state for the same document in all its manuals, stored and audited per document', async () => {
    const before = await stillDemanded();
    await cast.officerA.get(url());
    const response = await cast.officerA.post(url(), form({ document: group.ids.map(String), status: 'verified_at_source', method: 'smart_card' }));
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`${url()}?done=saved#g${group.all[0]}`);
    const stored = await statuses(group.ids);
    expect(stored).toHaveLength(group.ids.length);
    expect(stored.every((s) => s.status === 'verified_at_source' && s.method === 'smart_card' && s.reason === null)).toBe(true);
    expect(await stillDemanded()).toBe(before - group.ids.length);
    const audits = await q<{ entityId: string; changes: Record<string, unknown> }>(
      sql`select entity_id as "entityId", changes from audit_log where point_id = ${point.id} and action = 'zero_copy.set' order by id`,
    );
    expect(audits.map((a) => a.entityId)).toEqual(group.ids.map((id) => `${point.id}:${id}`));
    expect(audits[0]!.changes).toMatchObject({ status: [null, 'verified_at_source'], method: [null, 'smart_card'], document: group.nameTh });

    const page = await cast.officerA.get(`${url()}?done=saved`);
    expect(page.body).toContain('บันทึกสถานะแล้ว');
    expect(page.body).toContain(`ยังขอสำเนาจากประชาชน ${before - group.ids.length} รายการ`);

    // Saving the same state again writes nothing new.
    await cast.officerA.post(url(), form({ document: group.ids.map(String), status: 'verified_at_source', method: 'smart_card' }));
    expect(await q(sql`select 1 from audit_log where point_id = ${point.id} and action = 'zero_copy.set'`)).toHaveLength(group.ids.length);
  });

  it('changes one manual of the group only, and counts a copy still demanded as demanded', async () => {
    const [first, second] = group.ids;
    const before = await stillDemanded();
    const planDate = addDays(bangkokDate(), 200);
    await cast.officerA.get(url());
    const response = await cast.officerA.post(url(), form({ document: String(second), status: 'copy_required', reason: 'ยังไม่มีเครื่องอ่านบัตร', plan_date: planDate }));
    expect(response.statusCode).toBe(303);
    const [a, b] = await statuses([first!, second!]);
    expect(a!.status).toBe('verified_at_source');
    expect(b).toMatchObject({ status: 'copy_required', method: null, reason: 'ยังไม่มีเครื่องอ่านบัตร', planDate });
    expect(await stillDemanded()).toBe(before + 1);
    const page = await cast.officerA.get(url());
    expect(page.body).toContain('สถานะแตกต่างกันในแต่ละคู่มือ');

    await cast.officerA.post(url(), form({ document: String(second), status: 'copy_by_office' }));
    expect((await statuses([second!]))[0]).toMatchObject({ status: 'copy_by_office', reason: null, planDate: null });
    expect(await stillDemanded()).toBe(before);
  });

  it('asks for a reason, a future plan date within five years, and the way of verifying', async () => {
    await cast.officerA.get(url());
    const ids = [String(group.ids[0])];
    const missing = await cast.officerA.post(url(), form({ document: ids, status: 'copy_required', reason: '  ', plan_date: '' }));
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('กรุณาระบุเหตุผลที่ยังขอสำเนา');
    expect(missing.body).toContain('กรุณาระบุวันที่วางแผนจะเลิกขอสำเนา');
    expect(missing.body).toMatch(/<details class="zc-edit" open[ =>]/);

    const past = await cast.officerA.post(url(), form({ document: ids, status: 'copy_required', reason: 'ระเบียบเดิม', plan_date: bangkokDate() }));
    expect(past.body).toContain('วันที่วางแผนต้องเป็นวันในอนาคต');
    expect(past.body).toContain('ระเบียบเดิม');
    const buddhistYear = await cast.officerA.post(url(), form({ document: ids, status: 'copy_required', reason: 'ระเบียบเดิม', plan_date: '2570-01-31' }));
    expect(buddhistYear.body).toContain('ใช้ปี ค.ศ. ไม่ใช่ พ.ศ.');
    const badDate = await cast.officerA.post(url(), form({ document: ids, status: 'copy_required', reason: 'ระเบียบเดิม', plan_date: '2027-02-30' }));
    expect(badDate.body).toContain('วันที่ไม่ถูกต้อง');
    const noMethod = await cast.officerA.post(url(), form({ document: ids, status: 'verified_at_source' }));
    expect(noMethod.body).toContain('กรุณาเลือกวิธีตรวจสอบจากต้นทาง');
    const noStatus = await cast.officerA.post(url(), form({ document: ids }));
    expect(noStatus.body).toContain('กรุณาเลือกสถานะ');
    const noDocuments = await cast.officerA.post(url(), form({ status: 'copy_by_office' }));
    expect(noDocuments.statusCode).toBe(400);
    expect(noDocuments.body).toContain('กรุณาเลือกคู่มืออย่างน้อย 1 รายการ');
    expect((await statuses([group.ids[0]!]))[0]!.status).toBe('verified_at_source');
  });

  it('refuses documents that are not state-issued documents of this point’s manuals', async () => {
    const [elsewhere] = await q<{ id: number }>(
      sql`select d.id from manual_documents d where d.government_issued
          and not exists (select 1 from point_manuals pm where pm.point_id = ${point.id} and pm.manual_id = d.manual_id) limit 1`,
    );
    const [citizenMade] = await q<{ id: number }>(
      sql`select d.id from manual_documents d join point_manuals pm on pm.manual_id = d.manual_id and pm.point_id = ${point.id} where not d.government_issued limit 1`,
    );
    await cast.officerA.get(url());
    expect((await cast.officerA.post(url(), form({ document: [String(group.ids[0]), String(elsewhere!.id)], status: 'copy_by_office' }))).statusCode).toBe(404);
    expect((await cast.officerA.post(url(), { group: String(citizenMade!.id), document: String(citizenMade!.id), status: 'copy_by_office' })).statusCode).toBe(404);
    expect((await cast.officerA.post(url(), form({ document: 'abc', status: 'copy_by_office' }))).statusCode).toBe(400);
    expect((await cast.officerA.post(url(), form({ document: String(group.ids[0]), status: 'shredded' }))).statusCode).toBe(400);
    expect((await cast.officerA.post(url(), form({ document: String(group.ids[0]), status: 'copy_required', reason: 'x'.repeat(2001) }))).statusCode).toBe(400);
  });

  it('shows supervisors the states without the forms, and speaks English', async () => {
    const page = await cast.supervisorIn.get(url());
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('คุณดูข้อมูลนี้ได้อย่างเดียว');
    expect(page.body).not.toContain('class="zc-form"');
    const english = await cast.officerA.get(`/en${url()}`);
    expect(english.body).toContain('Copies still demanded from citizens');
  });
});
