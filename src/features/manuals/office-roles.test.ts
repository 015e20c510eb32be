/**
 * Who may reach every back-office route of the manuals and Zero Copy features: an officer of the
 * point's organisation (A), an officer of another organisation (B), supervisors inside and outside
 * the area, an admin, and a DOPA officer for a DOPA manual; without a session; without a CSRF token.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client.js';
import { recordToForm } from './office-form.js';
import { storedManual } from './office-store.js';
import type { Agent } from '../../../test/support/agent.js';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { officeCast, type OfficeCast } from '../../../test/support/office-actors.js';

let t: TestApp;
let cast: OfficeCast;
let code: string;
/** manuals linked to the point, one per actor allowed to unlink */
let linked: number[];
let unlinked: number;
let zeroCopy: { group: string; document: string };
let dopaSlug: string;
let draftSlug: string;

const q = <T>(query: ReturnType<typeof sql>) => rows<T>(t.database.db, query);
type Who = 'officerA' | 'officerB' | 'supervisorIn' | 'supervisorOut' | 'admin' | 'dopaOfficer';
const everyone: Who[] = ['officerA', 'officerB', 'supervisorIn', 'supervisorOut', 'admin', 'dopaOfficer'];
const agent = (who: Who): Agent => cast[who];

beforeAll(async () => {
  t = await createTestApp();
  cast = await officeCast(t);
  const [point] = await q<{ id: number; code: string }>(sql`select id, code from service_points where organisation_id = ${cast.organisationA} order by id limit 1`);
  code = point!.code;
  linked = (await q<{ id: number }>(sql`select manual_id as id from point_manuals where point_id = ${point!.id} order by manual_id limit 2`)).map((r) => r.id);
  const [free] = await q<{ id: number }>(
    sql`select id from manuals m where status = 'published' and not exists (select 1 from point_manuals pm where pm.point_id = ${point!.id} and pm.manual_id = m.id) order by id limit 1`,
  );
  unlinked = free!.id;
  const [document] = await q<{ id: number }>(
    sql`select d.id from point_manuals pm join manual_documents d on d.manual_id = pm.manual_id and d.government_issued
        where pm.point_id = ${point!.id} and d.name_th not in (select name_th from manual_documents group by name_th having count(*) > 1) order by d.id limit 1`,
  );
  zeroCopy = { group: String(document!.id), document: String(document!.id) };
  const [dopa] = await q<{ slug: string }>(sql`select m.slug from manuals m join organisations o on o.id = m.owner_organisation_id where o.code = 'dopa' order by m.slug limit 1`);
  dopaSlug = dopa!.slug;
  draftSlug = 'tao-draft-for-roles';
  const record = (await storedManual(t.database.db, dopaSlug))!.record;
  await cast.officerA.get('/office/manuals/new');
  const created = await cast.officerA.post('/office/manuals/new', { ...recordToForm({ ...record, id: draftSlug }, 'draft'), action: 'save' });
  expect(created.statusCode).toBe(303);
});
afterAll(() => t.close());

describe('pages', () => {
  const pages: [string, () => string, Partial<Record<Who, number>>][] = [
    ['the manuals of a point', () => `/office/points/${code}/manuals`, { officerA: 200, officerB: 404, supervisorIn: 200, supervisorOut: 404, admin: 200, dopaOfficer: 404 }],
    ['Zero Copy of a point', () => `/office/points/${code}/zero-copy`, { officerA: 200, officerB: 404, supervisorIn: 200, supervisorOut: 404, admin: 200, dopaOfficer: 404 }],
    ['the catalogue', () => '/office/manuals', { officerA: 200, officerB: 200, supervisorIn: 200, supervisorOut: 200, admin: 200, dopaOfficer: 200 }],
    ['a new manual', () => '/office/manuals/new', { officerA: 200, officerB: 200, supervisorIn: 403, supervisorOut: 403, admin: 200, dopaOfficer: 200 }],
    ['the import', () => '/office/manuals/import', { officerA: 200, officerB: 200, supervisorIn: 403, supervisorOut: 403, admin: 200, dopaOfficer: 200 }],
    ['a DOPA manual', () => `/office/manuals/${dopaSlug}/edit`, { officerA: 403, officerB: 403, supervisorIn: 403, supervisorOut: 403, admin: 200, dopaOfficer: 200 }],
    ['a draft of organisation A', () => `/office/manuals/${draftSlug}/edit`, { officerA: 200, officerB: 404, supervisorIn: 403, supervisorOut: 404, admin: 200, dopaOfficer: 404 }],
    ['the export', () => '/office/manuals/export.json', { officerA: 200, officerB: 200, supervisorIn: 200, supervisorOut: 200, admin: 200, dopaOfficer: 200 }],
    ['the example file', () => '/office/manuals/import/example.csv', { officerA: 200, officerB: 200, supervisorIn: 200, supervisorOut: 200, admin: 200, dopaOfficer: 200 }],
  ];
  for (const [name, url, expected] of pages) {
    it(`${name}: ${JSON.stringify(expected)}`, async () => {
      for (const who of everyone) expect([who, (await agent(who).get(url())).statusCode]).toEqual([who, expected[who]]);
      const anonymous = await t.app.inject(url());
      expect(anonymous.statusCode).toBe(303);
      expect(anonymous.headers.location).toMatch(/^\/office\/sign-in\?next=/);
    });
  }

  it('shows supervisors no forms on a point they may read', async () => {
    const page = await cast.supervisorIn.get(`/office/points/${code}/manuals`);
    expect(page.body).not.toContain(`/office/points/${code}/manuals/confirm`);
    expect(page.body).not.toContain('/unlink');
  });
});

describe('changes', () => {
  // Forbidden actors go first, so the allowed ones act on unchanged data.
  const order: Who[] = ['officerB', 'supervisorIn', 'supervisorOut', 'dopaOfficer', 'officerA', 'admin'];
  const posts: [string, (who: Who) => [string, Record<string, string>], Partial<Record<Who, number>>][] = [
    ['pin a manual', () => [`/office/points/${code}/manuals/link`, { manual_id: String(unlinked) }], { officerA: 303, officerB: 404, supervisorIn: 403, supervisorOut: 404, admin: 303, dopaOfficer: 404 }],
    [
      'write a local note',
      () => [`/office/points/${code}/manuals/${linked[0]}/note`, { local_note_th: 'ช่อง 2', local_note_en: '' }],
      { officerA: 303, officerB: 404, supervisorIn: 403, supervisorOut: 404, admin: 303, dopaOfficer: 404 },
    ],
    ['confirm the list', () => [`/office/points/${code}/manuals/confirm`, {}], { officerA: 303, officerB: 404, supervisorIn: 403, supervisorOut: 404, admin: 303, dopaOfficer: 404 }],
    [
      'remove a manual',
      (who) => [`/office/points/${code}/manuals/${who === 'admin' ? linked[1] : linked[0]}/unlink`, {}],
      { officerA: 303, officerB: 404, supervisorIn: 403, supervisorOut: 404, admin: 303, dopaOfficer: 404 },
    ],
    [
      'declare a Zero Copy state',
      () => [`/office/points/${code}/zero-copy`, { ...zeroCopy, status: 'copy_by_office' }],
      { officerA: 303, officerB: 404, supervisorIn: 403, supervisorOut: 404, admin: 303, dopaOfficer: 404 },
    ],
    [
      'create a manual',
      (who) => ['/office/manuals/new', { id: `roles-${who.toLowerCase()}`, action: 'add:steps' }],
      { officerA: 200, officerB: 200, supervisorIn: 403, supervisorOut: 403, admin: 200, dopaOfficer: 200 },
    ],
  ];
  for (const [name, request, expected] of posts) {
    it(`${name}: ${JSON.stringify(expected)}`, async () => {
      for (const who of order) {
        await agent(who).get('/office/manuals');
        const [url, body] = request(who);
        expect([who, (await agent(who).post(url, body)).statusCode]).toEqual([who, expected[who]]);
      }
    });
  }

  it('edits a DOPA manual only as DOPA or admin', async () => {
    const record = (await storedManual(t.database.db, dopaSlug))!.record;
    for (const who of ['officerA', 'officerB', 'supervisorIn', 'supervisorOut', 'dopaOfficer'] as Who[]) {
      const page = await agent(who).get(`/office/manuals/${dopaSlug}/edit`);
      const version = /name="version" value="(\d+)"/.exec(page.body)?.[1] ?? '0';
      const response = await agent(who).post(`/office/manuals/${dopaSlug}/edit`, { ...recordToForm(record, 'published'), version, hours_th: `แก้โดย ${who}`, action: 'save' });
      expect([who, response.statusCode]).toEqual([who, who === 'dopaOfficer' ? 303 : 403]);
    }
    expect((await storedManual(t.database.db, dopaSlug))!.record.hours_th).toBe('แก้โดย dopaOfficer');
  });

  it('refuses every form without its CSRF token, changing nothing', async () => {
    const before = await q<{ n: number }>(sql`select count(*)::int as n from audit_log`);
    const forms: [string, Record<string, string>][] = [
      [`/office/points/${code}/manuals/link`, { manual_id: String(linked[0]) }],
      [`/office/points/${code}/manuals/${linked[0]}/note`, { local_note_th: 'x', local_note_en: '' }],
      [`/office/points/${code}/manuals/${linked[0]}/unlink`, {}],
      [`/office/points/${code}/manuals/confirm`, {}],
      [`/office/points/${code}/zero-copy`, { ...zeroCopy, status: 'copy_required', reason: 'x', plan_date: '2030-01-01' }],
      ['/office/manuals/new', { id: 'csrf-less', action: 'save' }],
      [`/office/manuals/${draftSlug}/edit`, { action: 'save' }],
    ];
    for (const [url, body] of forms) {
      const response = await cast.officerA.post(url, body, { csrf: null });
      expect([url, response.statusCode]).toEqual([url, 403]);
      expect(response.body).toContain('แบบฟอร์มหมดอายุ');
      const forged = await cast.officerA.post(url, body, { csrf: 'forged-token' });
      expect([url, forged.statusCode]).toEqual([url, 403]);
    }
    expect(await q<{ n: number }>(sql`select count(*)::int as n from audit_log`)).toEqual(before);
  });

  it('refuses changes without a session (the CSRF check comes first)', async () => {
    const response = await t.app.inject({ method: 'POST', url: `/office/points/${code}/manuals/confirm`, payload: {} });
    expect(response.statusCode).toBe(403);
    expect((await q<{ at: Date | null }>(sql`select manuals_confirmed_at as at from service_points where code = ${code}`))[0]!.at).toBeNull();
  });
});
