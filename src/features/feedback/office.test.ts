import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client.js';
import { auditLog, ratings } from '../../db/schema.js';
import type { Agent } from '../../../test/support/agent.js';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { officeCast } from '../../../test/support/office-actors.js';
import type { Actor } from '../../auth/access.js';
import { reviewRatings, saveReply } from './office-actions.js';

let t: TestApp;
type Role = 'officerA' | 'officerB' | 'supervisorIn' | 'supervisorOut' | 'admin' | 'dopaOfficer';
const ROLES: Role[] = ['officerA', 'officerB', 'supervisorIn', 'supervisorOut', 'admin', 'dopaOfficer'];
let agents: Record<Role, Agent>;

interface Point {
  id: number;
  code: string;
}
/** A: a point of อบต.โป่งแยง; B: of another Chiang Mai TAO; C: in Bangkok; P: an unrated Chiang Mai point for bursts. */
const points = {} as Record<'a' | 'b' | 'c' | 'p', Point>;

interface NewRating {
  overall?: number;
  comment?: string | null;
  commentStatus?: 'none' | 'published' | 'held' | 'rejected';
  heldReason?: string | null;
  reviewStatus?: 'pending' | null;
  counted?: boolean;
  ease?: number | null;
  courtesy?: number | null;
  followedManual?: string | null;
  copyDemanded?: string | null;
}

async function insertRating(point: Point, values: NewRating = {}): Promise<number> {
  const v = { overall: 4, comment: null, commentStatus: 'none', heldReason: null, reviewStatus: null, counted: true, ease: null, courtesy: null, followedManual: null, copyDemanded: null, ...values };
  const [row] = await rows<{ id: number | string }>(
    t.database.db,
    sql`insert into ratings (point_id, day, channel, overall, ease, courtesy, followed_manual, copy_demanded, comment, comment_status, held_reason, review_status, counted)
        values (${point.id}, (now() at time zone 'Asia/Bangkok')::date, 'qr', ${v.overall}, ${v.ease}, ${v.courtesy}, ${v.followedManual}, ${v.copyDemanded},
                ${v.comment}, ${v.commentStatus}, ${v.heldReason}, ${v.reviewStatus}, ${v.counted})
        returning id`,
  );
  return Number(row!.id);
}

const rating = async (id: number) => (await t.database.db.select().from(ratings).where(eq(ratings.id, id)))[0]!;
const audits = (action: string, id: number) =>
  t.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.entityId, String(id))));

/** Both rollups of a point, as comparable text. */
async function rollups(point: Point): Promise<{ daily: string[]; monthly: string[] }> {
  const daily = await rows<{ row: string }>(
    t.database.db,
    sql`select row(day, count, sum_overall, score_5, dimensions)::text as row from rating_daily where point_id = ${point.id} order by day`,
  );
  const monthly = await rows<{ row: string }>(
    t.database.db,
    sql`select row(month, count, sum_overall, score_5, dimensions)::text as row from rating_monthly where point_id = ${point.id} order by month`,
  );
  return { daily: daily.map((r) => r.row), monthly: monthly.map((r) => r.row) };
}

/** Posts a form after reading `page` (a fresh CSRF token). */
async function post(role: Role, url: string, form: Record<string, string | string[]>, page = '/office/feedback') {
  await agents[role].get(page);
  return agents[role].post(url, form);
}

const ids = {} as Record<'a1' | 'a2' | 'a3' | 'b1' | 'b2' | 'c1' | 'c2', number>;
const TEXT = {
  a1: 'รอคิวนานมาก ความคิดเห็นทดสอบ A1',
  a2: 'ติดต่อกลับที่ 081-234-5678 ความคิดเห็นทดสอบ A2',
  a3: 'ถ้อยคำหยาบ ความคิดเห็นทดสอบ A3',
  b1: 'ที่จอดรถน้อย ความคิดเห็นทดสอบ B1',
  b2: 'อีเมลฉัน someone@example.com ความคิดเห็นทดสอบ B2',
  c1: 'บริการดี ความคิดเห็นทดสอบ C1',
  c2: 'อีเมลฉัน other@example.com ความคิดเห็นทดสอบ C2',
};

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const cast = await officeCast(t);
  agents = cast;
  const pointOf = async (where: ReturnType<typeof sql>) => (await rows<Point>(db, sql`select p.id, p.code from service_points p join organisations o on o.id = p.organisation_id where p.status = 'active' and ${where} order by p.id limit 1`))[0]!;
  points.a = await pointOf(sql`o.id = ${cast.organisationA}`);
  points.b = await pointOf(sql`o.id = ${cast.organisationB}`);
  points.c = await pointOf(sql`o.province_code = '10'`);
  points.p = await pointOf(sql`o.province_code = '50' and o.id not in (${cast.organisationA}, ${cast.organisationB}) and not exists (select 1 from ratings r where r.point_id = p.id)`);

  ids.a1 = await insertRating(points.a, { overall: 2, comment: TEXT.a1, commentStatus: 'published', ease: 2, courtesy: 1, followedManual: 'no', copyDemanded: 'yes' });
  ids.a2 = await insertRating(points.a, { overall: 3, comment: TEXT.a2, commentStatus: 'held', heldReason: 'personal_data' });
  ids.a3 = await insertRating(points.a, { overall: 1, comment: TEXT.a3, commentStatus: 'held', heldReason: 'abuse' });
  ids.b1 = await insertRating(points.b, { overall: 3, comment: TEXT.b1, commentStatus: 'published' });
  ids.b2 = await insertRating(points.b, { overall: 4, comment: TEXT.b2, commentStatus: 'held', heldReason: 'personal_data' });
  ids.c1 = await insertRating(points.c, { overall: 5, comment: TEXT.c1, commentStatus: 'published' });
  ids.c2 = await insertRating(points.c, { overall: 5, comment: TEXT.c2, commentStatus: 'held', heldReason: 'personal_data' });
});
afterAll(() => t.close());

describe('the feedback inbox: who sees what', () => {
  it('needs a session', async () => {
    const response = await t.app.inject('/office/feedback');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/office/sign-in?next=%2Foffice%2Ffeedback');
  });

  it('lists comments to those whose scope covers the point, and opens each only to them', async () => {
    const sees: Record<'a1' | 'b1' | 'c1', Record<Role, boolean>> = {
      a1: { officerA: true, officerB: false, supervisorIn: true, supervisorOut: false, admin: true, dopaOfficer: false },
      b1: { officerA: false, officerB: true, supervisorIn: true, supervisorOut: false, admin: true, dopaOfficer: false },
      c1: { officerA: false, officerB: false, supervisorIn: false, supervisorOut: true, admin: true, dopaOfficer: false },
    };
    for (const role of ROLES) {
      for (const key of ['a1', 'b1', 'c1'] as const) {
        const point = points[key[0] as 'a' | 'b' | 'c'];
        const list = await agents[role].get(`/office/feedback?point=${point.code}`);
        expect(list.statusCode, role).toBe(200);
        expect(list.body.includes(TEXT[key]), `${role} lists ${key}`).toBe(sees[key][role]);
        const page = await agents[role].get(`/office/feedback/${ids[key]}`);
        expect(page.statusCode, `${role} opens ${key}`).toBe(sees[key][role] ? 200 : 404);
        if (sees[key][role]) expect(page.body).toContain(TEXT[key]);
      }
    }
  });

  it('shows the score, the answered aspects and the Citizen’s Manual answers, dates in the Buddhist era', async () => {
    const list = await agents.officerA.get(`/office/feedback?point=${points.a.code}`);
    expect(list.body).toContain('คะแนน 2 จาก 5');
    expect(list.body).toContain('ตอบ 2 จาก 7 ด้าน');
    expect(list.body).toContain('ความง่ายของขั้นตอน: 2/5');
    expect(list.body).toContain('ความสุภาพและการช่วยเหลือของเจ้าหน้าที่: 1/5');
    expect(list.body).toMatch(/ถูกขอสำเนาเอกสารราชการ<\/dt>\s*<dd>ใช่<\/dd>/);
    expect(list.body).toMatch(/ทำตามคู่มือ<\/dt>\s*<dd>ไม่ใช่<\/dd>/);
    const detail = await agents.officerA.get(`/office/feedback/${ids.a1}`);
    expect(detail.body).toMatch(/ถูกขอสำเนาเอกสารที่ราชการออกให้[^<]*<\/dt>\s*<dd>ใช่<\/dd>/);
    expect(detail.body).toMatch(/ทำตามขั้นตอน เวลา และเอกสารตามคู่มือ[^<]*<\/dt>\s*<dd>ไม่ใช่<\/dd>/);
    expect(detail.body).toContain('ความเชื่อมั่นต่อหน่วยงาน: ไม่ได้ตอบ');
    const year = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Bangkok', year: 'numeric' }).format(new Date())) + 543;
    expect(list.body).toContain(String(year));
    const english = await agents.officerA.get(`/en/office/feedback/${ids.a1}`);
    expect(english.statusCode).toBe(200);
    expect(english.body).toContain('Feedback on');
    expect(english.body).toContain('Ease of the process: 2/5');
    expect(english.body).toContain('Trust in the office: Not answered');
  });

  it('shows held comments’ text only to moderators, never to officers', async () => {
    const officer = await agents.officerA.get(`/office/feedback/${ids.a2}`);
    expect(officer.statusCode).toBe(200);
    expect(officer.body).not.toContain('081-234-5678');
    expect(officer.body).toContain('ผู้กำกับดูแลเท่านั้นที่อ่านได้');
    expect(officer.body).toContain('อาจมีข้อมูลส่วนบุคคล');
    const inboxHeld = await agents.officerA.get(`/office/feedback?status=held&point=${points.a.code}`);
    expect(inboxHeld.body).not.toContain('081-234-5678');
    expect(inboxHeld.body).toContain('รอตรวจก่อนเผยแพร่');
    const supervisor = await agents.supervisorIn.get(`/office/feedback/${ids.a2}`);
    expect(supervisor.body).toContain('081-234-5678');
    expect(supervisor.body).toContain('name="decision" value="publish"');
  });

  it('filters by status, reply and score, pages, and answers nonsense with 400', async () => {
    const admin = agents.admin;
    const held = await admin.get(`/office/feedback?status=held&point=${points.a.code.toLowerCase()}`);
    expect(held.body).toContain(TEXT.a2);
    expect(held.body).not.toContain(TEXT.a1);
    const score2 = await admin.get(`/office/feedback?score=2&point=${points.a.code}`);
    expect(score2.body).toContain(TEXT.a1);
    expect(score2.body).not.toContain(TEXT.a3);
    const awaiting = await admin.get(`/office/feedback?reply=awaiting&point=${points.b.code}`);
    expect(awaiting.body).toContain(TEXT.b1);
    expect(awaiting.body).not.toContain(TEXT.b2);
    // The seed gives the admin more than one page of comments, newest first.
    const first = await admin.get('/office/feedback');
    expect(first.body).toContain('rel="next"');
    const second = await admin.get('/office/feedback?page=2');
    expect(second.statusCode).toBe(200);
    expect(second.body).toContain('rel="prev"');
    for (const bad of ['status=none', 'reply=maybe', 'score=6', 'score=5abc', 'page=0', 'page=abc', 'point=%3Cscript%3E']) {
      const response = await admin.get(`/office/feedback?${bad}`);
      expect(response.statusCode, bad).toBe(400);
      expect(response.body).toContain('ข้อมูลที่ส่งมาไม่ถูกต้อง');
    }
    expect((await admin.get('/office/feedback?page=100000')).statusCode).toBe(404);
  });
});

describe('the public reply', () => {
  it('lets only those in scope reply, once, and shows the reply on the point page', async () => {
    for (const role of ['officerB', 'supervisorOut', 'dopaOfficer'] as const) {
      const refused = await post(role, `/office/feedback/${ids.a1}/reply`, { reply: `คำตอบของ ${role}` });
      expect(refused.statusCode, role).toBe(404);
    }
    expect((await rating(ids.a1)).replyTh).toBeNull();

    const answer = '  ขออภัยในความล่าช้า\r\nได้เพิ่มเจ้าหน้าที่ช่วงเช้าแล้ว  ';
    const saved = await post('officerA', `/office/feedback/${ids.a1}/reply`, { reply: answer }, `/office/feedback/${ids.a1}`);
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/office/feedback/${ids.a1}?done=replied`);
    const stored = await rating(ids.a1);
    expect(stored.replyTh).toBe('ขออภัยในความล่าช้า\nได้เพิ่มเจ้าหน้าที่ช่วงเช้าแล้ว');
    expect(stored.replyAt).toBeInstanceOf(Date);
    expect(stored.replyBy).not.toBeNull();
    const logged = await audits('feedback.reply', ids.a1);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ entity: 'rating', pointId: points.a.id, changes: { reply: [null, stored.replyTh] } });

    const again = await post('admin', `/office/feedback/${ids.a1}/reply`, { reply: 'คำตอบที่สอง' }, `/office/feedback/${ids.a1}`);
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('ความคิดเห็นนี้มีคำตอบแล้ว หน่วยงานตอบได้ครั้งเดียว');
    const againEn = await post('officerA', `/en/office/feedback/${ids.a1}/reply`, { reply: 'A second reply' }, `/en/office/feedback/${ids.a1}`);
    expect(againEn.statusCode).toBe(409);
    expect(againEn.body).toContain('This comment already has a reply. The office can reply only once');
    expect((await rating(ids.a1)).replyTh).toBe(stored.replyTh);
    expect(await audits('feedback.reply', ids.a1)).toHaveLength(1);

    const pointPage = await t.app.inject(`/p/${points.a.code}`);
    expect(pointPage.statusCode).toBe(200);
    const commentAt = pointPage.body.indexOf(TEXT.a1);
    const replyAt = pointPage.body.indexOf('ได้เพิ่มเจ้าหน้าที่ช่วงเช้าแล้ว');
    expect(commentAt).toBeGreaterThan(0);
    expect(replyAt).toBeGreaterThan(commentAt);
    expect(pointPage.body.slice(commentAt, replyAt)).toContain('คำตอบจากหน่วยงาน');

    const office = await agents.officerA.get(`/office/feedback/${ids.a1}`);
    expect(office.body).toContain('ตอบเมื่อ');
    expect(office.body).not.toContain('name="reply"');
  });

  it('lets a supervisor in scope and an admin reply too', async () => {
    expect((await post('supervisorIn', `/office/feedback/${ids.b1}/reply`, { reply: 'ขอบคุณครับ สถ.จ. รับทราบ' })).statusCode).toBe(303);
    expect((await post('admin', `/office/feedback/${ids.c1}/reply`, { reply: 'Thank you' })).statusCode).toBe(303);
    expect((await rating(ids.b1)).replyTh).toBe('ขอบคุณครับ สถ.จ. รับทราบ');
    expect((await rating(ids.c1)).replyTh).toBe('Thank you');
  });

  it('refuses to answer a comment that is not published', async () => {
    const response = await post('supervisorIn', `/office/feedback/${ids.a3}/reply`, { reply: 'คำตอบ' });
    expect(response.statusCode).toBe(409);
    expect(response.body).toContain('ความคิดเห็นนี้ไม่ได้เผยแพร่อยู่ จึงตอบไม่ได้');
    expect((await rating(ids.a3)).replyTh).toBeNull();
  });

  it('refuses empty, huge, HTML and unreadable replies with Thai and English messages, saving nothing', async () => {
    const id = await insertRating(points.a, { comment: 'ความคิดเห็นสำหรับทดสอบข้อมูลผิด', commentStatus: 'published' });
    const url = `/office/feedback/${id}/reply`;
    const cases: [Record<string, string>, string, '' | '/en'][] = [
      [{ reply: '' }, 'กรุณาเขียนคำตอบ', ''],
      [{ reply: ' \r\n\t ' }, 'กรุณาเขียนคำตอบ', ''],
      [{}, 'กรุณาเขียนคำตอบ', ''],
      [{ reply: 'ก'.repeat(1001) }, 'คำตอบยาวเกิน 1000 ตัวอักษร', ''],
      [{ reply: 'ก'.repeat(5000) }, 'คำตอบยาวเกิน 1000 ตัวอักษร', ''],
      [{ reply: 'ขอบคุณ <script>alert(1)</script>' }, 'ใส่แท็ก HTML ไม่ได้', ''],
      [{ reply: 'ขอบคุณ\u0000' }, 'อักขระที่อ่านไม่ได้', ''],
      [{ reply: '' }, 'Please write a reply', '/en'],
      [{ reply: 'x'.repeat(1001) }, 'The reply is longer than 1000 characters', '/en'],
      [{ reply: '<b>bold</b>' }, 'HTML tags are not allowed', '/en'],
    ];
    for (const [form, message, prefix] of cases) {
      const response = await post('officerA', `${prefix}${url}`, form, `${prefix}/office/feedback/${id}`);
      expect(response.statusCode, JSON.stringify(form).slice(0, 40)).toBe(400);
      expect(response.body).toContain(message);
    }
    // The form comes back with what was typed, and with a CSRF token that lets the correction through.
    const typed = await post('officerA', url, { reply: '<i>ขอบคุณ</i>' }, `/office/feedback/${id}`);
    expect(typed.body).toContain('&lt;i>ขอบคุณ&lt;/i>');
    expect(typed.body).toContain('name="_csrf"');

    // Malformed UTF-8, percent-encoded and raw.
    await agents.officerA.get(`/office/feedback/${id}`);
    const csrf = agents.officerA.csrf!;
    for (const payload of [`reply=%FF%FE&_csrf=${encodeURIComponent(csrf)}`, Buffer.concat([Buffer.from('reply='), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(`&_csrf=${encodeURIComponent(csrf)}`)])]) {
      const response = await t.app.inject({
        method: 'POST',
        url,
        headers: { cookie: `ci_session=${agents.officerA.cookie('ci_session')}; ci_csrf=${agents.officerA.cookie('ci_csrf')}`, 'content-type': 'application/x-www-form-urlencoded' },
        payload,
      });
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain('อักขระที่อ่านไม่ได้');
    }
    expect((await rating(id)).replyTh).toBeNull();
    expect(await audits('feedback.reply', id)).toHaveLength(0);

    await post('officerA', url, { reply: '' }, `/office/feedback/${id}`);
    expect((await agents.officerA.post(url, { reply: 'ขอบคุณ' })).statusCode).toBe(303);
  });
});

describe('moderating held comments', () => {
  it('keeps the queue and the decisions to supervisors and admins in scope', async () => {
    const queue: Record<Role, number> = { officerA: 403, officerB: 403, supervisorIn: 200, supervisorOut: 200, admin: 200, dopaOfficer: 403 };
    for (const role of ROLES) {
      const page = await agents[role].get('/office/feedback/held');
      expect(page.statusCode, role).toBe(queue[role]);
      if (queue[role] === 403) expect(page.body).toContain('คุณไม่มีสิทธิ์ทำรายการนี้');
    }
    const inScope = await agents.supervisorIn.get('/office/feedback/held');
    expect(inScope.body).toContain(TEXT.a2);
    expect(inScope.body).toContain(TEXT.b2);
    expect(inScope.body).not.toContain(TEXT.c2);
    const outOfScope = await agents.supervisorOut.get('/office/feedback/held');
    expect(outOfScope.body).toContain(TEXT.c2);
    expect(outOfScope.body).not.toContain(TEXT.a2);

    const decide: Record<Role, number> = { officerA: 403, officerB: 403, supervisorIn: 0, supervisorOut: 404, admin: 0, dopaOfficer: 403 };
    for (const role of ROLES.filter((r) => decide[r] !== 0)) {
      const response = await post(role, `/office/feedback/${ids.a2}/moderation`, { decision: 'publish' });
      expect(response.statusCode, role).toBe(decide[role]);
    }
    expect((await rating(ids.a2)).commentStatus).toBe('held');
  });

  it('publishes a comment with the personal data redacted, and audits without copying it', async () => {
    const redacted = 'ติดต่อกลับที่ [ลบเบอร์โทรศัพท์] ความคิดเห็นทดสอบ A2';
    const response = await post('supervisorIn', `/office/feedback/${ids.a2}/moderation`, { decision: 'publish', comment: redacted, from: 'queue' }, '/office/feedback/held');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/office/feedback/held?done=published');
    expect(await rating(ids.a2)).toMatchObject({ commentStatus: 'published', comment: redacted });
    const logged = await audits('feedback.comment_publish', ids.a2);
    expect(logged).toHaveLength(1);
    expect(logged[0]!.changes).toEqual({ commentStatus: ['held', 'published'], redacted: true });
    expect(JSON.stringify(logged)).not.toContain('081');

    const pointPage = await t.app.inject(`/p/${points.a.code}`);
    expect(pointPage.body).toContain(redacted);
    expect(pointPage.body).not.toContain('081-234-5678');
    // Published now: the officer reads it and may answer it.
    const officer = await agents.officerA.get(`/office/feedback/${ids.a2}`);
    expect(officer.body).toContain(redacted);
    expect(officer.body).toContain('name="reply"');
  });

  it('rejects a comment, which is never shown, and refuses a second decision', async () => {
    const response = await post('admin', `/office/feedback/${ids.a3}/moderation`, { decision: 'reject' }, `/office/feedback/${ids.a3}`);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/office/feedback/${ids.a3}?done=rejected`);
    expect((await rating(ids.a3)).commentStatus).toBe('rejected');
    expect(await audits('feedback.comment_reject', ids.a3)).toHaveLength(1);
    expect((await t.app.inject(`/p/${points.a.code}`)).body).not.toContain(TEXT.a3);
    expect((await t.app.inject(`/api/v1/points/${points.a.code}`)).body).not.toContain(TEXT.a3);

    const again = await post('supervisorIn', `/office/feedback/${ids.a3}/moderation`, { decision: 'publish' }, `/office/feedback/${ids.a3}`);
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('ความคิดเห็นนี้ได้รับการตรวจไปแล้ว');
    expect((await rating(ids.a3)).commentStatus).toBe('rejected');
  });

  it('refuses an empty, huge or unreadable redaction and a made-up decision, changing nothing', async () => {
    for (const [form, message] of [
      [{ decision: 'publish', comment: '   ' }, 'ข้อความที่จะเผยแพร่ว่างอยู่'],
      [{ decision: 'publish', comment: 'ก'.repeat(2001) }, 'ข้อความยาวเกิน 2000 ตัวอักษร'],
      [{ decision: 'publish', comment: 'ก'.repeat(4500) }, 'ข้อความยาวเกิน 2000 ตัวอักษร'],
      [{ decision: 'publish', comment: 'ok\u0007' }, 'อักขระที่อ่านไม่ได้'],
      [{ decision: 'approve' }, 'ค่าไม่อยู่ในตัวเลือกที่กำหนด'],
    ] as const) {
      const response = await post('supervisorIn', `/office/feedback/${ids.b2}/moderation`, form, '/office/feedback/held');
      expect(response.statusCode, form.decision).toBe(400);
      expect(response.body).toContain(message);
    }
    const english = await post('supervisorIn', `/en/office/feedback/${ids.b2}/moderation`, { decision: 'publish', comment: '', from: 'queue' }, '/en/office/feedback/held');
    expect(english.statusCode).toBe(400);
    expect(english.body).toContain('The text to publish is empty');
    // The queue shows the form again with the moderator's text.
    const typed = await post('supervisorIn', `/office/feedback/${ids.b2}/moderation`, { decision: 'publish', comment: `${'ข'.repeat(2001)}`, from: 'queue' }, '/office/feedback/held');
    expect(typed.body).toContain(`id="f-comment-${ids.b2}"`);
    expect(typed.body).toContain('ข'.repeat(2001));
    expect(await rating(ids.b2)).toMatchObject({ commentStatus: 'held', comment: TEXT.b2 });
    expect(await audits('feedback.comment_publish', ids.b2)).toHaveLength(0);
  });
});

describe('reviewing ratings held out of the score', () => {
  let burst: number[];
  let outside: number;

  beforeAll(async () => {
    burst = [];
    for (let i = 0; i < 3; i++) burst.push(await insertRating(points.p, { overall: 5, ease: 5, reviewStatus: 'pending', counted: false }));
    outside = await insertRating(points.c, { overall: 1, reviewStatus: 'pending', counted: false });
  });

  it('keeps the queue to supervisors and admins in scope', async () => {
    const queue: Record<Role, number> = { officerA: 403, officerB: 403, supervisorIn: 200, supervisorOut: 200, admin: 200, dopaOfficer: 403 };
    for (const role of ROLES) expect((await agents[role].get('/office/feedback/pending')).statusCode, role).toBe(queue[role]);
    const inScope = await agents.supervisorIn.get('/office/feedback/pending');
    for (const id of burst) expect(inScope.body).toContain(`name="ids" value="${id}"`);
    expect(inScope.body).not.toContain(`name="ids" value="${outside}"`);
    const outOfScope = await agents.supervisorOut.get('/office/feedback/pending');
    expect(outOfScope.body).toContain(`name="ids" value="${outside}"`);
    expect(outOfScope.body).not.toContain(`name="ids" value="${burst[0]}"`);

    const before = await rollups(points.p);
    for (const [role, status] of [['officerA', 403], ['officerB', 403], ['dopaOfficer', 403], ['supervisorOut', 404]] as const) {
      const response = await post(role, '/office/feedback/review', { ids: burst.map(String), decision: 'release' });
      expect(response.statusCode, role).toBe(status);
    }
    // One rating outside the scope spoils the whole selection.
    expect((await post('supervisorIn', '/office/feedback/review', { ids: [String(burst[0]), String(outside)], decision: 'release' }, '/office/feedback/pending')).statusCode).toBe(404);
    expect(await rollups(points.p)).toEqual(before);
    for (const id of burst) expect(await rating(id)).toMatchObject({ reviewStatus: 'pending', counted: false });
  });

  it('releases a burst into the score once: both rollups and the point page change exactly once', async () => {
    const before = await rollups(points.p);
    expect(before.daily).toEqual([]);
    const page = await t.app.inject(`/p/${points.p.code}`);
    expect(page.body).not.toContain('(ผู้ประเมิน 3 คน)');

    const response = await post('supervisorIn', '/office/feedback/review', { ids: burst.map(String), decision: 'release' }, '/office/feedback/pending');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/office/feedback/pending?done=released&n=3');
    for (const id of burst) expect(await rating(id)).toMatchObject({ reviewStatus: 'released', counted: true });
    const after = await rollups(points.p);
    expect(after.daily).toHaveLength(1);
    expect(after.daily[0]).toMatch(/^\(\d{4}-\d{2}-\d{2},3,15,3,/);
    expect(after.monthly).toHaveLength(1);
    expect(after.monthly[0]).toMatch(/^\(\d{4}-\d{2}-01,3,15,3,/);
    expect(after.daily[0]).toContain('""ease"": [15, 3]');
    expect(await audits('feedback.rating_release', burst[0]!)).toHaveLength(1);

    const done = await agents.supervisorIn.get(response.headers.location as string);
    expect(done.body).toContain('ปล่อยให้นับแล้ว 3 คะแนน');
    const pointPage = await t.app.inject(`/p/${points.p.code}`);
    expect(pointPage.body).toContain('(ผู้ประเมิน 3 คน)');
    expect(pointPage.body).toMatch(/class="score">5</);

    // A second release of the same ratings changes nothing.
    const again = await post('admin', '/office/feedback/review', { ids: burst.map(String), decision: 'release' }, '/office/feedback/pending');
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('บางรายการที่เลือกได้รับการตรวจไปแล้ว');
    expect(await rollups(points.p)).toEqual(after);
    expect(await audits('feedback.rating_release', burst[0]!)).toHaveLength(1);
  });

  it('rejects ratings: they stay out of the score and their comments are not shown', async () => {
    const comment = 'ดีมาก ๆ ความคิดเห็นจากคะแนนที่ถูกกันไว้';
    const id = await insertRating(points.p, { overall: 1, comment, commentStatus: 'published', reviewStatus: 'pending', counted: false });
    const released = await insertRating(points.p, { overall: 2, reviewStatus: 'pending', counted: false });
    const before = await rollups(points.p);
    // Mixed with one already decided: nothing of the selection changes.
    expect((await post('supervisorIn', '/office/feedback/review', { ids: [String(id), String(burst[0])], decision: 'reject' }, '/office/feedback/pending')).statusCode).toBe(409);
    expect(await rating(id)).toMatchObject({ reviewStatus: 'pending', commentStatus: 'published' });

    // From the rating's own page, one at a time.
    const detail = await agents.supervisorIn.get(`/office/feedback/${id}`);
    expect(detail.body).toContain('ถูกกันไว้นอกคะแนน รอตรวจ');
    const response = await agents.supervisorIn.post('/office/feedback/review', { ids: String(id), decision: 'reject', from: 'detail' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/office/feedback/${id}?done=dismissed`);
    expect(await rating(id)).toMatchObject({ reviewStatus: 'rejected', counted: false, commentStatus: 'rejected' });
    expect(await rollups(points.p)).toEqual(before);
    expect((await t.app.inject(`/p/${points.p.code}`)).body).not.toContain(comment);
    expect(await audits('feedback.rating_reject', id)).toHaveLength(1);
    expect((await rating(released)).reviewStatus).toBe('pending');
  });

  it('answers a bad selection with 4xx and a message, changing nothing', async () => {
    const id = await insertRating(points.p, { overall: 3, reviewStatus: 'pending', counted: false });
    const before = await rollups(points.p);
    const cases: [Record<string, string | string[]>, number, string][] = [
      [{ decision: 'release' }, 400, 'กรุณาเลือกอย่างน้อยหนึ่งรายการ'],
      [{ ids: 'abc', decision: 'release' }, 400, 'รูปแบบไม่ถูกต้อง'],
      [{ ids: '-1', decision: 'release' }, 400, 'รูปแบบไม่ถูกต้อง'],
      [{ ids: '1e3', decision: 'release' }, 400, 'รูปแบบไม่ถูกต้อง'],
      [{ ids: String(id), decision: 'maybe' }, 400, 'ค่าไม่อยู่ในตัวเลือกที่กำหนด'],
      [{ ids: Array.from({ length: 101 }, (_, i) => String(i + 1)), decision: 'release' }, 400, 'เลือกได้ไม่เกิน 100 รายการ'],
      [{ ids: [String(id), '999999999999'], decision: 'release' }, 404, 'ไม่พบหน้าหรือข้อมูลที่ต้องการ'],
    ];
    for (const [form, status, message] of cases) {
      const response = await post('supervisorIn', '/office/feedback/review', form, '/office/feedback/pending');
      expect(response.statusCode, JSON.stringify(form).slice(0, 60)).toBe(status);
      expect(response.body).toContain(message);
    }
    const english = await post('supervisorIn', '/en/office/feedback/review', { decision: 'reject' }, '/en/office/feedback/pending');
    expect(english.body).toContain('Please select at least one rating');
    expect(await rating(id)).toMatchObject({ reviewStatus: 'pending', counted: false });
    expect(await rollups(points.p)).toEqual(before);
  });
});

describe('decisions made at the same moment', () => {
  it('two replies or two releases at once: one succeeds, the other changes nothing', async () => {
    const [user] = await rows<{ id: number; organisationId: number }>(t.database.db, sql`select id, organisation_id as "organisationId" from users where email = 'admin@demo.citizeninfo.local'`);
    const admin: Actor = { userId: user!.id, email: '', name: '', organisationId: user!.organisationId, grants: [{ role: 'admin', organisationId: null, organisationPath: null, provinceCode: null, districtCode: null }] };
    const id = await insertRating(points.b, { comment: 'ความคิดเห็นทดสอบพร้อมกัน', commentStatus: 'published' });
    const replies = await Promise.all([saveReply(t.database.db, admin, id, 'คำตอบแรก'), saveReply(t.database.db, admin, id, 'คำตอบที่สอง')]);
    expect(replies.sort()).toEqual(['already_replied', 'saved']);
    expect(await audits('feedback.reply', id)).toHaveLength(1);

    const burst = [await insertRating(points.b, { overall: 2, reviewStatus: 'pending', counted: false }), await insertRating(points.b, { overall: 2, reviewStatus: 'pending', counted: false })];
    const before = await rows<{ n: number }>(t.database.db, sql`select coalesce(sum(count), 0)::int as n from rating_monthly where point_id = ${points.b.id}`);
    const releases = await Promise.all([reviewRatings(t.database.db, admin, burst, 'release'), reviewRatings(t.database.db, admin, [...burst].reverse(), 'release')]);
    expect(releases.sort()).toEqual(['already_reviewed', 'saved']);
    const after = await rows<{ n: number }>(t.database.db, sql`select coalesce(sum(count), 0)::int as n from rating_monthly where point_id = ${points.b.id}`);
    expect(after[0]!.n).toBe(before[0]!.n + 2);
    const daily = await rows<{ n: number }>(t.database.db, sql`select coalesce(sum(count), 0)::int as n from rating_daily where point_id = ${points.b.id}`);
    expect(daily[0]!.n).toBe(after[0]!.n);
  });
});

describe('forms and addresses', () => {
  it('refuses every form without its CSRF token, saving nothing', async () => {
    const id = await insertRating(points.a, { comment: 'ความคิดเห็นทดสอบ CSRF', commentStatus: 'held', heldReason: 'abuse' });
    const pending = await insertRating(points.a, { reviewStatus: 'pending', counted: false });
    const published = await insertRating(points.a, { comment: 'ความคิดเห็นทดสอบ CSRF ตอบ', commentStatus: 'published' });
    await agents.supervisorIn.get('/office/feedback');
    for (const [url, form] of [
      [`/office/feedback/${published}/reply`, { reply: 'ขอบคุณ' }],
      [`/office/feedback/${id}/moderation`, { decision: 'publish' }],
      ['/office/feedback/review', { ids: String(pending), decision: 'release' }],
    ] as const) {
      const missing = await agents.supervisorIn.post(url, form, { csrf: null });
      expect(missing.statusCode, url).toBe(403);
      expect(missing.body).toContain('แบบฟอร์มหมดอายุหรือไม่ถูกต้อง');
      expect((await agents.supervisorIn.post(url, form, { csrf: 'forged' })).statusCode, url).toBe(403);
    }
    expect((await rating(published)).replyTh).toBeNull();
    expect((await rating(id)).commentStatus).toBe('held');
    expect(await rating(pending)).toMatchObject({ reviewStatus: 'pending', counted: false });
    const logged = await t.database.db.select().from(auditLog).where(inArray(auditLog.entityId, [String(id), String(pending), String(published)]));
    expect(logged).toHaveLength(0);
  });

  it('answers malformed ids with 400 and unknown ones with 404', async () => {
    for (const path of ['abc', '0', '-1', '1e3', '1.5', '12345678901234567', "1'%20or%201=1"]) {
      const response = await agents.admin.get(`/office/feedback/${path}`);
      expect(response.statusCode, path).toBe(400);
    }
    expect((await agents.admin.get('/office/feedback/999999999')).statusCode).toBe(404);
    expect((await post('admin', '/office/feedback/999999999/reply', { reply: 'ขอบคุณ' })).statusCode).toBe(404);
    expect((await post('admin', '/office/feedback/abc/moderation', { decision: 'reject' })).statusCode).toBe(400);
  });
});

describe('the office home', () => {
  it('shows what waits, scoped, with links to the lists', async () => {
    const count = async (where: ReturnType<typeof sql>) =>
      (await rows<{ n: number }>(t.database.db, sql`select count(*)::int as n from ratings r join service_points p on p.id = r.point_id join organisations o on o.id = p.organisation_id where ${where}`))[0]!.n;
    const awaitingA = await count(sql`o.path like (select path from organisations where id = ${(await rows<{ id: number }>(t.database.db, sql`select id from organisations where name_th = 'องค์การบริหารส่วนตำบลโป่งแยง'`))[0]!.id}) || '%' and r.comment_status = 'published' and r.reply is null`);
    const officer = await agents.officerA.get('/office');
    expect(officer.body).toContain(`${awaitingA} ความคิดเห็นรอคำตอบ`);
    expect(officer.body).toContain('href="/office/feedback?status=published&amp;reply=awaiting"');
    expect(officer.body).not.toContain('/office/feedback/held');

    const held = await count(sql`o.province_code = '50' and r.comment_status = 'held'`);
    const pending = await count(sql`o.province_code = '50' and r.review_status = 'pending'`);
    expect(held).toBeGreaterThan(0);
    const supervisor = await agents.supervisorIn.get('/office');
    expect(supervisor.body).toContain(`${held} ความคิดเห็นรอตรวจ`);
    expect(supervisor.body).toContain(`${pending} คะแนนถูกกันไว้รอตรวจ`);
    expect(supervisor.body).toContain('href="/office/feedback/held"');
    const english = await agents.supervisorIn.get('/en/office');
    expect(english.body).toMatch(/\d+ comments? held for review/);
  });
});
