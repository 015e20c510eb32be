import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client.js';
import { bangkokDate } from '../../i18n/index.js';
import { Agent } from '../../../test/support/agent.js';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { LIMITS } from './abuse.js';
import { DEVICE_COOKIE } from './identity.js';

let t: TestApp;
/** an active point that offers services, with no ratings yet (so its numbers are ours alone) */
let point: { id: number; code: string; nameTh: string; manualId: number };
let other: { id: number; code: string };
let closed: { code: string };
let offeredElsewhere: number;
let network = 10;
/** Each agent its own network and device, so limits and replacements do not carry over. */
const agent = (address = `10.2.${Math.floor(network / 250)}.${network++ % 250}`) => new Agent(t.app, { remoteAddress: address });
const today = bangkokDate();

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  [point] = (await rows<typeof point>(
    db,
    sql`select p.id, p.code, p.name_th as "nameTh", min(pm.manual_id)::int as "manualId"
        from service_points p join point_manuals pm on pm.point_id = p.id join manuals m on m.id = pm.manual_id and m.status = 'published'
        where p.status = 'active' and not exists (select 1 from ratings r where r.point_id = p.id)
        group by p.id order by p.code limit 1`,
  )) as [typeof point];
  [other] = (await rows<typeof other>(
    db,
    sql`select id, code from service_points where status = 'active' and id <> ${point.id} and not exists (select 1 from ratings r where r.point_id = service_points.id) order by code limit 1`,
  )) as [typeof other];
  [closed] = (await rows<typeof closed>(db, sql`update service_points set status = 'closed' where id = (select id from service_points where status = 'active' and id not in (${point.id}, ${other.id}) order by code desc limit 1) returning code`)) as [
    typeof closed,
  ];
  [{ id: offeredElsewhere }] = (await rows<{ id: number }>(
    db,
    sql`select id from manuals where status = 'published' and id not in (select manual_id from point_manuals where point_id = ${point.id}) order by id limit 1`,
  )) as [{ id: number }];
});
afterAll(() => t.close());

async function solvedCaptcha(): Promise<string> {
  const challenge = (await t.app.inject('/captcha/challenge')).json<Challenge>();
  const solution = await solveChallenge({ challenge, deriveKey });
  return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
}

interface Stored {
  id: number;
  pointId: number;
  channel: string;
  overall: number;
  ease: number | null;
  counted: boolean;
  replacedBy: number | null;
  reviewStatus: string | null;
  comment: string | null;
  commentStatus: string;
  heldReason: string | null;
  deviceHash: string | null;
  networkHash: string | null;
  proofOfWork: boolean;
  manualId: number | null;
  followedManual: string | null;
  copyDemanded: string | null;
  day: string;
}

async function ratingsOf(pointId: number): Promise<Stored[]> {
  return rows<Stored>(
    t.database.db,
    sql`select id::float8 as id, point_id as "pointId", channel, overall, ease, counted, replaced_by::float8 as "replacedBy", review_status as "reviewStatus",
          comment, comment_status as "commentStatus", held_reason as "heldReason", device_hash as "deviceHash", network_hash as "networkHash",
          proof_of_work as "proofOfWork", manual_id as "manualId", followed_manual as "followedManual", copy_demanded as "copyDemanded", day::text as day
        from ratings where point_id = ${pointId} order by id`,
  );
}

const countRatings = async () => (await rows<{ n: number }>(t.database.db, sql`select count(*)::int as n from ratings`))[0]!.n;

interface Rollup {
  count: number;
  sum: number;
  s5: number;
  ease: [number, number];
  copyYes: number;
  followedNo: number;
}

async function rollups(pointId: number): Promise<{ daily: Rollup; monthly: Rollup }> {
  const read = async (table: 'rating_daily' | 'rating_monthly', column: 'day' | 'month') => {
    const [row] = await rows<{ count: number; sum: number; s5: number; dimensions: Record<string, [number, number]> | null; copyYes: number; followedNo: number }>(
      t.database.db,
      sql`select count, sum_overall as sum, score_5 as s5, dimensions, copy_demanded_yes as "copyYes", followed_manual_no as "followedNo"
          from ${sql.raw(table)} where point_id = ${pointId} and ${sql.raw(column)} = date_trunc(${column === 'day' ? 'day' : 'month'}, ${today}::date)::date`,
    );
    return {
      count: row?.count ?? 0,
      sum: row?.sum ?? 0,
      s5: row?.s5 ?? 0,
      ease: (row?.dimensions?.ease ?? [0, 0]).map(Number) as [number, number],
      copyYes: row?.copyYes ?? 0,
      followedNo: row?.followedNo ?? 0,
    };
  };
  return { daily: await read('rating_daily', 'day'), monthly: await read('rating_monthly', 'month') };
}

/** Rollups hold exactly the counted ratings, for every point and day. */
async function rollupsMatchCountedRatings(): Promise<void> {
  const [mismatch] = await rows<{ n: number }>(
    t.database.db,
    sql`select count(*)::int as n from (
          select point_id, day, count(*)::int as c, sum(overall)::int as s from ratings where counted group by point_id, day
        ) r full join (select point_id, day, count, sum_overall from rating_daily where count <> 0) d using (point_id, day)
        where r.c is distinct from d.count or r.s is distinct from d.sum_overall`,
  );
  expect(mismatch!.n).toBe(0);
  const [monthly] = await rows<{ n: number }>(
    t.database.db,
    sql`select count(*)::int as n from (
          select point_id, date_trunc('month', day)::date as month, count(*)::int as c from ratings where counted group by 1, 2
        ) r full join (select point_id, month, count from rating_monthly where count <> 0) m using (point_id, month)
        where r.c is distinct from m.count`,
  );
  expect(monthly!.n).toBe(0);
}

const rateUrl = (code: string, locale: 'th' | 'en' = 'th') => `${locale === 'en' ? '/en' : ''}/p/${code}/rate`;

describe('the rating form', () => {
  it('is one accessible form in Thai and English: faces and words in a fieldset, the rest optional', async () => {
    const browser = agent();
    const th = await browser.get(rateUrl(point.code));
    expect(th.statusCode).toBe(200);
    expect(th.headers['cache-control']).toBe('no-store');
    expect(th.body).toContain('<legend>โดยรวม คุณพอใจบริการครั้งนี้แค่ไหน</legend>');
    for (const word of ['ไม่พอใจมาก', 'ไม่พอใจ', 'เฉย ๆ', 'พอใจ', 'พอใจมาก']) expect(th.body).toContain(`<span class="face-word">${word}</span>`);
    expect(th.body.match(/<input type="radio" name="overall"/g)).toHaveLength(5);
    expect(th.body.match(/<svg class="face"/g)).toHaveLength(5);
    expect(th.body).toContain('<details class="more">');
    expect(th.body).toContain('เจ้าหน้าที่ทำตามขั้นตอน ระยะเวลา และเอกสารที่คู่มือสำหรับประชาชนของหน่วยงานประกาศไว้หรือไม่');
    expect(th.body).toContain('คุณถูกขอสำเนาเอกสารที่รัฐออกให้ เช่น สำเนาบัตรประชาชนหรือสำเนาทะเบียนบ้าน หรือไม่');
    expect(th.body).toContain(`<option value="${point.manualId}">`);
    expect(th.body).toContain('maxlength="1000"');
    expect(th.body).toContain('name="_csrf"');
    expect(th.body).toContain('data-module="proof-of-work"');
    // No referrer: the poster was scanned.
    expect(th.body).toContain('name="channel" value="qr"');
    const device = th.cookies.find((c) => c.name === DEVICE_COOKIE);
    expect(device).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(device!.value).toMatch(/^[A-Za-z0-9_-]{22}$/);
    // The cookie is kept: the next page does not issue another.
    expect((await browser.get(rateUrl(point.code))).cookies.find((c) => c.name === DEVICE_COOKIE)).toBeUndefined();

    const en = await agent().get(rateUrl(point.code, 'en'), { referer: 'http://localhost:80/en/p/X' });
    expect(en.body).toContain('Overall, how satisfied are you with the service today?');
    expect(en.body).toContain('Did the office follow the steps, time and documents its Citizen’s Manual publishes?');
    expect(en.body).toContain('Were you asked for a photocopy of a document the state issued, such as your ID card or house registration?');
    expect(en.body).toContain('name="channel" value="web"');
  });

  it('redirects a code typed in lower case, and answers unknown, malformed and closed points clearly', async () => {
    expect((await t.app.inject(`/p/${point.code.toLowerCase()}/rate`)).headers.location).toBe(`/p/${point.code}/rate`);
    expect((await t.app.inject(`/en/p/${point.code.toLowerCase()}/kiosk`)).headers.location).toBe(`/en/p/${point.code}/kiosk`);
    const unknown = await t.app.inject('/p/ZZZZZZ/rate');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('ไม่พบหน้าหรือข้อมูลที่ต้องการ');
    expect((await t.app.inject('/p/A1!/rate')).statusCode).toBe(400);
    expect((await t.app.inject('/p/ABCDEFG/rate')).statusCode).toBe(400);
    const gone = await t.app.inject(`/en/p/${closed.code}/rate`);
    expect(gone.statusCode).toBe(410);
    expect(gone.body).toContain('This service point has closed, so it can no longer be rated');
    // Tracking parameters of shared links do not break the page.
    expect((await t.app.inject(`/p/${point.code}/rate?fbclid=abc`)).statusCode).toBe(200);
  });
});

describe('sending a rating', () => {
  let first: Stored;

  it('stores it once, counts it in the daily and monthly rollups exactly once, and changes the point page', async () => {
    const before = await rollups(point.id);
    const pageBefore = await t.app.inject(`/en/p/${point.code}`);
    expect(pageBefore.body).toContain('No ratings in the last 12 months yet');
    const browser = agent('10.9.0.1');
    await browser.get(rateUrl(point.code));
    const response = await browser.post(rateUrl(point.code), {
      channel: 'qr',
      overall: '5',
      ease: '4',
      courtesy: '5',
      manual: String(point.manualId),
      followed_manual: 'no',
      copy_demanded: 'yes',
      comment: 'เจ้าหน้าที่ช่วยกรอกแบบฟอร์มให้ ขอบคุณมากค่ะ',
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/p/${point.code}/rate/thanks`);
    [first] = (await ratingsOf(point.id)) as [Stored];
    expect(first).toMatchObject({
      channel: 'qr',
      overall: 5,
      ease: 4,
      counted: true,
      replacedBy: null,
      reviewStatus: null,
      commentStatus: 'published',
      heldReason: null,
      proofOfWork: false,
      manualId: point.manualId,
      followedManual: 'no',
      copyDemanded: 'yes',
      day: today,
    });
    // Hashes, never the address or the device id.
    expect(first.networkHash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.deviceHash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.networkHash).not.toContain('10.9.0.1');
    expect(first.deviceHash).not.toContain(browser.cookie(DEVICE_COOKIE));

    const after = await rollups(point.id);
    for (const period of ['daily', 'monthly'] as const) {
      expect(after[period].count - before[period].count).toBe(1);
      expect(after[period].sum - before[period].sum).toBe(5);
      expect(after[period].s5 - before[period].s5).toBe(1);
      expect(after[period].ease).toEqual([before[period].ease[0] + 4, before[period].ease[1] + 1]);
      expect(after[period].copyYes - before[period].copyYes).toBe(1);
      expect(after[period].followedNo - before[period].followedNo).toBe(1);
    }
    await rollupsMatchCountedRatings();

    const thanks = await browser.get(response.headers.location as string);
    expect(thanks.statusCode).toBe(200);
    expect(thanks.body).toContain('ขอบคุณสำหรับการประเมิน');
    expect(thanks.body).toContain('มีเรื่องที่ต้องการร้องเรียนหรือไม่');
    expect(thanks.body).toContain(`href="/p/${point.code}/complain"`);

    const page = await t.app.inject(`/en/p/${point.code}`);
    expect(page.body).toContain('(1 rating)');
    expect(page.body).toContain('เจ้าหน้าที่ช่วยกรอกแบบฟอร์มให้ ขอบคุณมากค่ะ');
  });

  it('replaces the same device’s earlier rating of the point that day: old one uncounted, rollups −1 +1', async () => {
    const browser = agent('10.9.0.2');
    await browser.get(rateUrl(point.code));
    expect((await browser.post(rateUrl(point.code), { overall: '4', ease: '5', comment: 'ตอนแรกคิดว่าดี' })).statusCode).toBe(303);
    expect((await t.app.inject(`/p/${point.code}`)).body).toContain('ตอนแรกคิดว่าดี');
    const before = await rollups(point.id);
    const [, earlier] = (await ratingsOf(point.id)) as [Stored, Stored];
    await browser.get(rateUrl(point.code));
    const again = await browser.post(rateUrl(point.code), { overall: '1', comment: 'คิดใหม่แล้ว รอนานเกินไป' });
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe(`/p/${point.code}/rate/thanks?replaced=1`);
    const [, old, replacement] = (await ratingsOf(point.id)) as [Stored, Stored, Stored];
    expect(old.id).toBe(earlier.id);
    expect(old).toMatchObject({ counted: false, replacedBy: replacement.id });
    expect(replacement).toMatchObject({ counted: true, overall: 1, replacedBy: null });
    const after = await rollups(point.id);
    for (const period of ['daily', 'monthly'] as const) {
      expect(after[period].count).toBe(before[period].count);
      expect(after[period].sum).toBe(before[period].sum - 4 + 1);
      expect(after[period].ease).toEqual([before[period].ease[0] - 5, before[period].ease[1] - 1]);
    }
    expect((await browser.get(again.headers.location as string)).body).toContain('คำตอบนี้ใช้แทนคำตอบเดิม');
    // The replaced rating's comment is not shown; the new one is.
    const page = await t.app.inject(`/p/${point.code}`);
    expect(page.body).toContain('คิดใหม่แล้ว รอนานเกินไป');
    expect(page.body).not.toContain('ตอนแรกคิดว่าดี');
    // Another point is another rating.
    await browser.get(rateUrl(other.code));
    expect((await browser.post(rateUrl(other.code), { overall: '3' })).headers.location).toBe(`/p/${other.code}/rate/thanks`);
    await rollupsMatchCountedRatings();
  });

  it('takes a proof of work and marks the rating; refuses a forged or replayed one with a message, saving nothing', async () => {
    const browser = agent();
    await browser.get(rateUrl(other.code));
    const altcha = await solvedCaptcha();
    expect((await browser.post(rateUrl(other.code), { overall: '4', altcha })).statusCode).toBe(303);
    expect((await ratingsOf(other.id)).at(-1)).toMatchObject({ proofOfWork: true, overall: 4 });

    const before = await countRatings();
    await browser.get(rateUrl(other.code));
    const replay = await browser.post(rateUrl(other.code), { overall: '2', comment: 'ส่งซ้ำ', altcha });
    expect(replay.statusCode).toBe(400);
    expect(replay.body).toContain('การตรวจสอบอัตโนมัติไม่ผ่าน หรือถูกใช้ไปแล้ว');
    expect(replay.body).toContain('ส่งซ้ำ</textarea>');
    const forged = JSON.parse(Buffer.from(await solvedCaptcha(), 'base64').toString()) as { solution: { counter: number } };
    forged.solution.counter += 1;
    const wrong = await browser.post(rateUrl(other.code, 'en'), { overall: '2', altcha: Buffer.from(JSON.stringify(forged)).toString('base64') });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('The automatic check failed or was already used');
    expect((await browser.post(rateUrl(other.code), { overall: '2', altcha: 'bm90IGpzb24=' })).statusCode).toBe(400);
    expect(await countRatings()).toBe(before);
  });

  it('holds comments with personal data or abuse out of the page, and says so', async () => {
    const cases = [
      { comment: 'โทรกลับที่ 081-234-5678 นะคะ', reason: 'phone' },
      { comment: 'บัตรเลข 1103702345679 ตกหล่นที่นี่', reason: 'national_id' },
      { comment: 'ส่งผลมาที่ somchai@example.com', reason: 'email' },
      { comment: 'เจ้าหน้าที่เหี้ยมาก', reason: 'abuse' },
    ];
    for (const { comment, reason } of cases) {
      const browser = agent();
      await browser.get(rateUrl(other.code));
      const response = await browser.post(rateUrl(other.code), { overall: '2', comment });
      expect(response.headers.location).toBe(`/p/${other.code}/rate/thanks?held=1`);
      expect((await ratingsOf(other.id)).at(-1)).toMatchObject({ comment, commentStatus: 'held', heldReason: reason, counted: true });
      expect((await browser.get(response.headers.location as string)).body).toContain('ความคิดเห็นของคุณจะแสดงหลังเจ้าหน้าที่ตรวจ');
    }
    const page = await t.app.inject(`/p/${other.code}`);
    for (const { comment } of cases) expect(page.body).not.toContain(comment);
  });
});

describe('kiosk mode', () => {
  it('tags the channel, counts every visitor on the one tablet, and comes back to a fresh form with thanks', async () => {
    const tablet = agent();
    const form = await tablet.get(`/p/${other.code}/kiosk`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('data-module="kiosk"');
    expect(form.body).not.toContain('name="channel"');
    expect(form.body).not.toContain('http-equiv="refresh"');
    const before = (await rollups(other.id)).daily.count;
    for (const overall of ['5', '4', '3']) {
      const response = await tablet.post(`/p/${other.code}/kiosk`, { overall });
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe(`/p/${other.code}/kiosk?thanks=1`);
      const next = await tablet.get(response.headers.location as string);
      expect(next.body).toContain('ผู้รับบริการท่านถัดไปเริ่มประเมินได้เลย');
      expect(next.body).toContain('<input type="radio" name="overall" value="1" id="f-overall"/>');
    }
    const kiosk = (await ratingsOf(other.id)).slice(-3);
    expect(kiosk.map((r) => [r.channel, r.counted, r.overall])).toEqual([
      ['kiosk', true, 5],
      ['kiosk', true, 4],
      ['kiosk', true, 3],
    ]);
    expect((await rollups(other.id)).daily.count).toBe(before + 3);
    // A channel field cannot make a web rating into a kiosk one or back.
    const sneaky = await tablet.post(`/p/${other.code}/kiosk`, { overall: '5', channel: 'web' });
    expect(sneaky.statusCode).toBe(303);
    expect((await ratingsOf(other.id)).at(-1)!.channel).toBe('kiosk');
    expect((await t.app.inject(`/en/p/${other.code}/kiosk?thanks=1`)).body).toContain('The next visitor can start now');
  });
});

describe('abuse resistance', () => {
  it(`holds a burst — more than ${LIMITS.burst.perNetwork} ratings of one point from one network in ${LIMITS.burst.minutes} minutes — out of the score`, async () => {
    const [target] = (await rows<{ id: number; code: string }>(
      t.database.db,
      sql`select id, code from service_points where status = 'active' and id not in (${point.id}, ${other.id}) and not exists (select 1 from ratings r where r.point_id = service_points.id) order by code limit 1 offset 1`,
    )) as [{ id: number; code: string }];
    const before = await rollups(target.id);
    for (let i = 0; i <= LIMITS.burst.perNetwork; i++) {
      const device = agent('10.8.8.8');
      await device.get(rateUrl(target.code));
      expect((await device.post(rateUrl(target.code), { overall: '5', comment: `ดีมาก ${i === LIMITS.burst.perNetwork ? 'ท้ายสุด' : 'ก่อน'}` })).statusCode).toBe(303);
    }
    const stored = await ratingsOf(target.id);
    expect(stored).toHaveLength(LIMITS.burst.perNetwork + 1);
    expect(stored.slice(0, -1).every((r) => r.counted && r.reviewStatus === null)).toBe(true);
    expect(stored.at(-1)).toMatchObject({ counted: false, reviewStatus: 'pending' });
    expect((await rollups(target.id)).daily.count - before.daily.count).toBe(LIMITS.burst.perNetwork);
    // Its comment waits with it.
    const page = await t.app.inject(`/p/${target.code}`);
    expect(page.body).toContain('ดีมาก ก่อน');
    expect(page.body).not.toContain('ดีมาก ท้ายสุด');
    // Another network is not part of the burst.
    const elsewhere = agent('10.8.8.9');
    await elsewhere.get(rateUrl(target.code));
    await elsewhere.post(rateUrl(target.code), { overall: '5' });
    expect((await ratingsOf(target.id)).at(-1)).toMatchObject({ counted: true, reviewStatus: null });
    await rollupsMatchCountedRatings();
  });

  it(`limits one device to ${LIMITS.devicePerHour.plain} posts an hour without proof of work`, async () => {
    const browser = agent();
    await browser.get(rateUrl(other.code));
    const statuses: number[] = [];
    for (let i = 0; i <= LIMITS.devicePerHour.plain; i++) statuses.push((await browser.post(rateUrl(other.code), { overall: i === 0 ? '' : '3' })).statusCode);
    expect(statuses).toEqual([400, ...Array<number>(LIMITS.devicePerHour.plain - 1).fill(303), 429]);
    const limited = await browser.post(rateUrl(other.code, 'en'), { overall: '3' });
    expect(limited.statusCode).toBe(429);
    expect(limited.body).toContain('Too many requests');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it(`limits one network to ${LIMITS.networkPerHour.plain} posts an hour without proof of work, whatever the devices`, async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= LIMITS.networkPerHour.plain; i++) {
      const device = agent('10.7.7.7');
      await device.get(rateUrl(other.code));
      statuses.push((await device.post(rateUrl(other.code), { overall: '' })).statusCode);
    }
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.slice(0, -1).every((s) => s === 400)).toBe(true);
  });

  it('writes concurrent ratings in batches without losing or double-counting any, replacing within a batch', async () => {
    const browsers = Array.from({ length: 24 }, (_, i) => agent(`10.6.${i}.1`));
    for (const browser of browsers) await browser.get(rateUrl(point.code));
    const twice = browsers[0]!;
    const before = await countRatings();
    const responses = await Promise.all([
      ...browsers.map((browser, i) => browser.post(rateUrl(point.code), { overall: String((i % 5) + 1), ease: String(((i + 2) % 5) + 1) })),
      twice.post(rateUrl(point.code), { overall: '2' }),
    ]);
    expect(responses.map((r) => r.statusCode)).toEqual(Array<number>(25).fill(303));
    expect(await countRatings()).toBe(before + 25);
    const mine = (await ratingsOf(point.id)).slice(-25);
    expect(mine.filter((r) => !r.counted)).toHaveLength(1);
    expect(mine.filter((r) => r.replacedBy !== null)).toHaveLength(1);
    await rollupsMatchCountedRatings();
  });
});

describe('bad input', () => {
  async function refused(form: Record<string, string | string[]>, expected: { status: number; th?: string; en?: string; kept?: string }) {
    const before = await countRatings();
    for (const locale of ['th', 'en'] as const) {
      const browser = agent();
      await browser.get(rateUrl(point.code, locale));
      const response = await browser.post(rateUrl(point.code, locale), form);
      expect(response.statusCode, JSON.stringify(form)).toBe(expected.status);
      const message = locale === 'th' ? expected.th : expected.en;
      if (message) expect(response.body).toContain(message);
      if (expected.kept) expect(response.body).toContain(expected.kept);
    }
    expect(await countRatings()).toBe(before);
  }

  it('refuses overall scores of 0, 6, "5abc", several at once, or none, keeping the other answers', async () => {
    for (const overall of ['0', '6', '5abc', '', ' 5', '5.0', '-1']) {
      await refused({ overall, comment: 'ขั้นตอนชัดเจน' }, { status: 400, th: 'กรุณาเลือกระดับความพึงพอใจโดยรวม 1 ถึง 5', en: 'Please choose how satisfied you are overall', kept: 'ขั้นตอนชัดเจน</textarea>' });
    }
    await refused({ overall: ['5', '4'], comment: 'สองค่า' }, { status: 400, th: 'กรุณาเลือกระดับความพึงพอใจโดยรวม', kept: 'สองค่า</textarea>' });
    await refused({ ease: '4', comment: 'ไม่ได้เลือกคะแนน' }, { status: 400, th: 'กรุณาเลือกระดับความพึงพอใจโดยรวม', en: 'Please choose how satisfied', kept: '<option value="4" selected>' });
  });

  it('links each problem to its field and opens the optional part when a problem is there', async () => {
    const browser = agent();
    await browser.get(rateUrl(point.code));
    const response = await browser.post(rateUrl(point.code), { overall: '7', trust: '9', followed_manual: 'maybe', copy_demanded: 'yes' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('<a href="#f-overall">');
    expect(response.body).toContain('<a href="#f-trust">คำตอบต้องเป็นระดับ 1 ถึง 5 หรือไม่ตอบ</a>');
    expect(response.body).toContain('<a href="#f-followed_manual">คำตอบต้องเป็น ใช่ ไม่ใช่ หรือ ไม่แน่ใจ</a>');
    expect(response.body).toContain('<details class="more" open>');
    expect(response.body).toMatch(/name="copy_demanded" value="yes"[^>]*checked/);
    expect(response.body).toContain('aria-invalid="true"');
  });

  it('refuses a comment longer than 1,000 characters (line breaks count once), and any field sent twice', async () => {
    await refused({ overall: '4', comment: 'ก'.repeat(1001) }, { status: 400, th: 'ความคิดเห็นยาวเกิน 1,000 ตัวอักษร', en: 'The comment is longer than 1,000 characters' });
    await refused({ overall: '4', comment: 'x'.repeat(5000) }, { status: 400, th: 'ความคิดเห็นยาวเกิน 1,000 ตัวอักษร' });
    await refused({ overall: '4', comment: ['a', 'b'] }, { status: 400, th: 'ความคิดเห็นยาวเกิน' });
    const browser = agent();
    await browser.get(rateUrl(point.code));
    expect((await browser.post(rateUrl(point.code), { overall: '4', comment: `${'ก\r\n'.repeat(499)}ก` })).statusCode).toBe(303);
  });

  it('refuses text that is not UTF-8 with a Thai and English message, saving nothing', async () => {
    const before = await countRatings();
    for (const comment of ['%E0%B8', '%FF%FEabc', '100%']) {
      const browser = agent();
      await browser.get(rateUrl(point.code));
      const response = await t.app.inject({
        method: 'POST',
        url: rateUrl(point.code),
        remoteAddress: '10.5.5.5',
        headers: { cookie: `ci_csrf=${browser.cookie('ci_csrf')}; ${DEVICE_COOKIE}=${browser.cookie(DEVICE_COOKIE)}`, 'content-type': 'application/x-www-form-urlencoded' },
        payload: `_csrf=${encodeURIComponent(browser.csrf!)}&overall=4&ease=3&comment=${comment}`,
      });
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain('ข้อความที่ส่งมาเข้ารหัสไม่ถูกต้อง (ไม่ใช่ UTF-8)');
    }
    const browser = agent();
    await browser.get(rateUrl(point.code));
    const raw = await t.app.inject({
      method: 'POST',
      url: rateUrl(point.code, 'en'),
      remoteAddress: '10.5.5.6',
      headers: { cookie: `ci_csrf=${browser.cookie('ci_csrf')}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: Buffer.concat([Buffer.from(`_csrf=${encodeURIComponent(browser.csrf!)}&overall=4&comment=`), Buffer.from([0xc3, 0x28, 0xff])]),
    });
    expect(raw.statusCode).toBe(400);
    expect(raw.body).toContain('The text sent is not valid UTF-8');
    expect(await countRatings()).toBe(before);
  });

  it('refuses a service the point does not offer, unknown answers and a tampered form', async () => {
    await refused({ overall: '4', manual: String(offeredElsewhere) }, { status: 400, th: 'จุดบริการนี้ไม่มีบริการที่เลือก', en: 'This service point does not offer the chosen service' });
    await refused({ overall: '4', manual: '12x' }, { status: 400, th: 'จุดบริการนี้ไม่มีบริการที่เลือก' });
    await refused({ overall: '4', copy_demanded: 'YES' }, { status: 400, en: 'The answer must be yes, no or not sure' });
    await refused({ overall: '4', channel: 'kiosk' }, { status: 400, th: 'แบบฟอร์มไม่ตรงกับที่ระบบส่งให้', en: 'The form is not the one we sent' });
  });

  it('refuses posts to unknown, malformed and closed points, and posts without the CSRF token', async () => {
    const before = await countRatings();
    const browser = agent();
    await browser.get(rateUrl(point.code));
    const unknown = await browser.post('/p/ZZZZZZ/rate', { overall: '5' });
    expect(unknown.statusCode).toBe(404);
    expect((await browser.post('/p/<script>/rate', { overall: '5' })).statusCode).toBe(400);
    expect((await browser.post('/en/p/AB/rate', { overall: '5' })).statusCode).toBe(400);
    const gone = await browser.post(`/p/${closed.code}/rate`, { overall: '5' });
    expect(gone.statusCode).toBe(410);
    expect(gone.body).toContain('จุดบริการนี้ปิดให้บริการแล้ว');
    expect((await browser.post(`/p/${closed.code}/kiosk`, { overall: '5' })).statusCode).toBe(410);
    const noToken = await browser.post(rateUrl(point.code), { overall: '5' }, { csrf: null });
    expect(noToken.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: rateUrl(point.code), payload: { overall: '5' } })).statusCode).toBe(403);
    expect(await countRatings()).toBe(before);
  });
});
