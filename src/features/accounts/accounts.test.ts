import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTotp } from '../../auth/totp.js';
import { rows } from '../../db/client.js';
import { emails, users } from '../../db/schema.js';
import { Agent } from '../../../test/support/agent.js';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { DEMO_ACCOUNTS, DEMO_TOTP_SECRET, ensureDemoAccounts } from './demo.js';
import { safeNext } from './sign-in.js';

let t: TestApp;
let organisationId: number;
beforeAll(async () => {
  t = await createTestApp();
  await ensureDemoAccounts(t.database.db, t.config.piiKey);
  // A TAO in Chiang Mai, inside the demo supervisor's province.
  const [tao] = await rows<{ id: number }>(t.database.db, sql`select id from organisations where kind = 'tao' and province_code = '50' order by code limit 1`);
  organisationId = tao!.id;
});
afterAll(() => t.close());

const demo = (role: 'officer' | 'supervisor' | 'admin') => DEMO_ACCOUNTS.find((a) => a.role === role)!;

async function solvedCaptcha(): Promise<string> {
  const challenge = (await t.app.inject('/captcha/challenge')).json<Challenge>();
  const solution = await solveChallenge({ challenge, deriveKey });
  return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
}

async function lastMailTo(address: string) {
  const [mail] = await t.database.db.select().from(emails).where(eq(emails.to, address)).orderBy(desc(emails.id)).limit(1);
  return mail;
}

const linkIn = (text: string) => new URL(/https?:\/\/\S+/.exec(text)![0]).pathname;

async function signIn(agent: Agent, email: string, password: string) {
  await agent.get('/office/sign-in');
  return agent.post('/office/sign-in', { email, password });
}

describe('registration, approval and sign-in', () => {
  const email = 'Somchai.Test@Example.go.th';
  const form = () => ({ organisation_query: '', organisation_id: String(organisationId), first_name: 'สมชาย', last_name: 'ทดสอบ', email, phone: '053 123 456' });

  it('gives every text field a type, so each gets the site’s field style', async () => {
    const untyped = /<input(?![^>]*\stype=)[^>]*>/g;
    expect((await new Agent(t.app).get('/office/register')).body.match(untyped)).toBeNull();
    const agent = new Agent(t.app);
    await signIn(agent, demo('supervisor').email, demo('supervisor').password);
    expect((await agent.get('/office/two-factor')).body.match(untyped)).toBeNull();
  });

  it('finds the organisation by Thai name without JavaScript', async () => {
    const agent = new Agent(t.app);
    await agent.get('/office/register');
    const response = await agent.post('/office/register', { ...form(), organisation_query: 'อบต', organisation_province: '50', action: 'find' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('name="organisation_id"');
    expect(response.body).toContain('องค์การบริหารส่วนตำบล');
  });

  it('shows the form again with messages in Thai when fields are wrong', async () => {
    const agent = new Agent(t.app);
    await agent.get('/office/register');
    const response = await agent.post('/office/register', { ...form(), email: 'not-an-email', first_name: '', organisation_id: '' , altcha: await solvedCaptcha() });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('รูปแบบอีเมลไม่ถูกต้อง');
    expect(response.body).toContain('กรุณาค้นหาและเลือกหน่วยงาน');
    expect(response.body).toContain('value="ทดสอบ"'); // the form is shown again with what was typed
    expect(await t.database.db.select().from(users).where(eq(users.email, 'not-an-email'))).toHaveLength(0);
  });

  it('registers, e-mails a link (never a password), and refuses a replayed proof of work', async () => {
    const agent = new Agent(t.app);
    await agent.get('/office/register');
    const altcha = await solvedCaptcha();
    const response = await agent.post('/office/register', { ...form(), altcha, action: 'register' });
    expect(response.statusCode).toBe(200);
    const [user] = await t.database.db.select().from(users).where(eq(users.email, email.toLowerCase()));
    expect(user?.status).toBe('unverified');
    expect(user?.passwordHash).toBeNull();
    const mail = await lastMailTo(email.toLowerCase());
    expect(mail?.text).toMatch(/\/office\/verify\/[\w-]{43}/);
    expect(mail?.text).not.toMatch(/รหัสผ่าน(ของคุณ)?คือ/);

    await agent.get('/office/register');
    const replay = await agent.post('/office/register', { ...form(), email: 'other@example.go.th', altcha, action: 'register' });
    expect(replay.statusCode).toBe(400);
    expect(replay.body).toContain('การตรวจสอบอัตโนมัติไม่ผ่าน');
  });

  it('sets the password from the e-mail link once; the account then waits for approval', async () => {
    const mail = await lastMailTo(email.toLowerCase());
    const link = linkIn(mail!.text);
    const agent = new Agent(t.app);
    await agent.get(link);
    expect((await agent.post(link, { password: 'short', password2: 'short' })).statusCode).toBe(400);
    const ok = await agent.post(link, { password: 'correct horse battery', password2: 'correct horse battery' });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('รอการอนุมัติ');
    // The link works once.
    expect((await agent.get(link)).statusCode).toBe(404);
    const supervisorMail = await lastMailTo(demo('supervisor').email);
    expect(supervisorMail?.subject).toContain('สมชาย ทดสอบ');

    const pending = await signIn(new Agent(t.app), email, 'correct horse battery');
    expect(pending.statusCode).toBe(400);
    expect(pending.body).toContain('รอการอนุมัติ');
  });

  it('makes the supervisor pass the second factor, then approve', async () => {
    const agent = new Agent(t.app);
    const signedIn = await signIn(agent, demo('supervisor').email, demo('supervisor').password);
    expect(signedIn.statusCode).toBe(303);
    // Anything else leads to the second factor first.
    const approvals = await agent.get('/office/approvals');
    expect(approvals.headers.location).toBe('/office/two-factor');
    await agent.get('/office/two-factor');
    expect((await agent.post('/office/two-factor', { code: '000000' })).statusCode).toBe(400);
    const code = currentTotp(DEMO_TOTP_SECRET);
    const passed = await agent.post('/office/two-factor', { code });
    expect(passed.headers.location).toBe('/office');
    // The same code cannot be used again, e.g. by someone who saw it.
    const other = new Agent(t.app);
    await signIn(other, demo('supervisor').email, demo('supervisor').password);
    await other.get('/office/two-factor');
    expect((await other.post('/office/two-factor', { code })).statusCode).toBe(400);

    const queue = await agent.get('/office/approvals');
    expect(queue.body).toContain('สมชาย ทดสอบ');
    const [user] = await t.database.db.select().from(users).where(eq(users.email, email.toLowerCase()));
    const approved = await agent.post(`/office/approvals/${user!.id}`, { decision: 'approve' });
    expect(approved.statusCode).toBe(200);
    expect((await lastMailTo(email.toLowerCase()))?.subject).toContain('อนุมัติ');
  });

  it('lets the approved officer sign in and see its role', async () => {
    const agent = new Agent(t.app);
    const response = await signIn(agent, email, 'correct horse battery');
    expect(response.statusCode).toBe(303);
    expect(agent.cookie('ci_session')).toMatch(/^[\w-]{43}$/);
    const home = await agent.get('/office');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('เจ้าหน้าที่ของ องค์การบริหารส่วนตำบล');
  });
});

describe('sign-in protection', () => {
  it('sends visitors without a session to the sign-in page, keeping where they were going', async () => {
    const response = await t.app.inject('/office/approvals');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/office/sign-in?next=%2Foffice%2Fapprovals');
  });

  it('refuses a form without its CSRF token', async () => {
    const agent = new Agent(t.app);
    await agent.get('/office/sign-in');
    const response = await agent.post('/office/sign-in', { email: demo('officer').email, password: demo('officer').password }, { csrf: null });
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('แบบฟอร์มหมดอายุ');
  });

  it('locks an account for a while after five wrong passwords, even against the right one', async () => {
    const agent = new Agent(t.app);
    for (let i = 0; i < 5; i++) expect((await signIn(agent, demo('admin').email, 'wrong password!')).statusCode).toBe(400);
    const locked = await signIn(agent, demo('admin').email, demo('admin').password);
    expect(locked.statusCode).toBe(429);
    expect(locked.body).toContain('ระงับชั่วคราว');
    await t.database.db.update(users).set({ lockedUntil: null, failedSignIns: 0 }).where(eq(users.email, demo('admin').email));
  });

  it('issues a new session id at every sign-in and ends it at sign-out', async () => {
    const agent = new Agent(t.app);
    await signIn(agent, demo('officer').email, demo('officer').password);
    const first = agent.cookie('ci_session');
    await signIn(agent, demo('officer').email, demo('officer').password);
    const second = agent.cookie('ci_session');
    expect(second).not.toBe(first);
    await agent.get('/office');
    await agent.post('/office/sign-out', {});
    const after = await t.app.inject({ url: '/office', headers: { cookie: `ci_session=${second}` } });
    expect(after.statusCode).toBe(303);
  });

  it('resets a password by e-mail link and signs the account out everywhere', async () => {
    const officer = new Agent(t.app);
    await signIn(officer, demo('officer').email, demo('officer').password);
    expect((await officer.get('/office')).statusCode).toBe(200);

    const agent = new Agent(t.app);
    await agent.get('/office/reset');
    const unknown = await agent.post('/office/reset', { email: 'nobody@example.go.th' });
    const known = await agent.post('/office/reset', { email: demo('officer').email });
    // The same answer either way.
    const strip = (html: string) => html.replace(/name="_csrf" value="[^"]+"/g, '').replace(/nonce="[^"]+"/g, '');
    expect(strip(unknown.body)).toBe(strip(known.body));
    const link = linkIn((await lastMailTo(demo('officer').email))!.text);
    await agent.get(link);
    expect((await agent.post(link, { password: 'a brand new password', password2: 'a brand new password' })).statusCode).toBe(200);
    expect((await officer.get('/office')).statusCode).toBe(303);
    expect((await signIn(new Agent(t.app), demo('officer').email, 'a brand new password')).statusCode).toBe(303);
  });

  it('never follows a next link outside the back office', () => {
    expect(safeNext('/office/points', '/office')).toBe('/office/points');
    expect(safeNext('/en/office', '/office')).toBe('/en/office');
    expect(safeNext('https://evil.example/office', '/office')).toBe('/office');
    expect(safeNext('//evil.example/office', '/office')).toBe('/office');
    expect(safeNext('/office//evil.example', '/office')).toBe('/office');
    expect(safeNext('/p/ABCDEF', '/office')).toBe('/office');
  });
});
