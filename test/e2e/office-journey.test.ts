/**
 * The agency back office, in a real browser against the real server (issue 3): an officer of
 * อบต.โป่งแยง registers (the organisation found as they type, the proof of work solved in the
 * page), confirms the e-mail that a real SMTP server receives, is approved by the demo supervisor
 * of Chiang Mai (second factor), signs in, adds a service point, pins it by pasting a Google Maps
 * link, sets its hours, links two Citizen's Manuals, declares Zero Copy, downloads the QR poster
 * as PDF, and finds it all on the public point page. At desktop width and on a 360 px phone;
 * every page visited is audited by axe-core (support/site.ts).
 */
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_TOTP_SECRET } from '../../src/features/accounts/demo.js';
import { launchBrowser } from '../harness/browser.js';
import { OfficeRegisterPage } from './pages/OfficeRegisterPage.js';
import { OfficeSetPasswordPage } from './pages/OfficeSetPasswordPage.js';
import { OfficeSignInPage } from './pages/OfficeSignInPage.js';
import { PointPage } from './pages/PointPage.js';
import { Authenticator } from './support/authenticator.js';
import { Mailbox } from './support/mailbox.js';
import { Site, type SiteOptions } from './support/site.js';

const ORGANISATION = 'องค์การบริหารส่วนตำบลโป่งแยง';
/** Two manuals a TAO gives that ask for copies of the same two state-issued documents. */
const ELDERLY_ALLOWANCE = 'การลงทะเบียนและยื่นคำขอรับเงินเบี้ยยังชีพผู้สูงอายุ';
const WASTE_COLLECTION = 'การขอรับบริการเก็บขนมูลฝอยและชำระค่าธรรมเนียมเก็บขนมูลฝอย';
const ID_CARD = 'บัตรประจำตัวประชาชนของผู้ขอ';
const HOUSE_REGISTRATION = 'ทะเบียนบ้าน (ท.ร.14)';
/** Near the TAO's office in อ.แม่ริม, the district the new point is declared in. */
const GOOGLE_MAPS_LINK = 'https://www.google.com/maps/place/%E0%B8%95%E0%B8%A5%E0%B8%B2%E0%B8%94/@18.8912,98.8245,17z/data=!4m2!3m1!1s0x0:0x0';

const supervisor = DEMO_ACCOUNTS.find((account) => account.role === 'supervisor')!;
const authenticator = new Authenticator(DEMO_TOTP_SECRET);
/** Keeps this run's accounts and points apart from earlier runs against the same server. */
const run = Date.now().toString(36);

let browser: Browser;
let mailbox: Mailbox;
let sites: Site[] = [];
beforeAll(async () => {
  browser = await launchBrowser();
  mailbox = await Mailbox.open();
});
afterEach(async () => {
  await Promise.all(sites.map((site) => site.close()));
  sites = [];
});
afterAll(async () => {
  await browser.close();
  await mailbox.close();
});

/** A person's own browser: the new officer and the supervisor never share cookies. */
async function openSite(options: SiteOptions): Promise<Site> {
  const site = await Site.open(browser, options);
  sites.push(site);
  return site;
}

async function officeJourney(options: SiteOptions, label: string) {
  const officer = { firstName: 'สมศักดิ์', lastName: `ใจงาม${label}`, email: `somsak.${label}.${run}@pongyaeng.go.th`, password: 'ต้นมะขามหน้าที่ทำการ 2569' };
  const fullName = `${officer.firstName} ${officer.lastName}`;
  const s = await openSite(options);

  // Registration: the organisation found by typing Thai, the proof of work solved in the page.
  const register = await OfficeRegisterPage.open(s);
  expect(await register.proofOfWork()).toMatchObject({ challenge: { signature: expect.any(String) }, solution: { counter: expect.any(Number) } });
  const sent = await register.register({ province: 'เชียงใหม่', query: 'โป่งแยง', organisation: ORGANISATION, ...officer, phone: '053 123 456' });
  expect(await sent.headingText()).toBe('ตรวจสอบอีเมลของคุณ');
  expect(await sent.text().first().innerText()).toContain(officer.email);

  // The confirmation e-mail: a link, never a password.
  const confirmation = await mailbox.waitFor(officer.email, (mail) => mail.subject === 'ยืนยันอีเมลสำหรับ CitizenInfo');
  expect(confirmation.text).toContain(`เรียน คุณ${officer.firstName}`);
  const link = /https?:\/\/\S+\/office\/verify\/[\w-]{43}/.exec(confirmation.text)?.[0] ?? '';
  expect(link.startsWith(s.url('/office/verify/')), confirmation.text).toBe(true);
  expect(confirmation.text).not.toContain(officer.password);
  const setPassword = await OfficeSetPasswordPage.openLink(s, link);
  const verified = await setPassword.setPassword(officer.password);
  expect(await verified.headingText()).toBe('ยืนยันอีเมลแล้ว');

  // The supervisor of Chiang Mai is told, signs in with the second factor, and approves.
  const request = await mailbox.waitFor(supervisor.email, (mail) => mail.subject === `มีเจ้าหน้าที่รอการอนุมัติ: ${fullName}`);
  expect(request.text).toContain(ORGANISATION);
  const approver = await openSite(options);
  const secondFactor = await (await OfficeSignInPage.open(approver)).signInWithSecondFactor(supervisor.email, supervisor.password);
  const supervisorHome = await secondFactor.pass(() => authenticator.code());
  expect(await supervisorHome.roles().allInnerTexts()).toContain('ผู้กำกับดูแลพื้นที่ เชียงใหม่');
  const approvals = await supervisorHome.openApprovals();
  await expect.poll(() => approvals.account(officer.email).count()).toBe(1);
  const approved = await approvals.approve(officer.email);
  expect(await approved.notice().innerText()).toBe(`อนุมัติบัญชีของ ${fullName} แล้ว`);
  expect(await approved.account(officer.email).count()).toBe(0);
  await mailbox.waitFor(officer.email, (mail) => mail.subject === 'บัญชี CitizenInfo ของคุณได้รับอนุมัติแล้ว');

  // The new officer signs in and adds a service point, which starts in the organisation's area.
  const home = await (await OfficeSignInPage.open(s)).signIn(officer.email, officer.password);
  expect(await home.roles().allInnerTexts()).toEqual([`เจ้าหน้าที่ของ ${ORGANISATION} และหน่วยงานในสังกัด`]);
  const newPoint = await (await home.openPoints()).addPoint();
  expect(await newPoint.area()).toEqual({ province: 'เชียงใหม่', district: 'แม่ริม' });
  const name = `หน่วยบริการเคลื่อนที่ ตลาดนัดโป่งแยง ${label} ${run}`;
  const created = await newPoint.create({ nameTh: name, addressTh: 'ลานหน้าตลาดนัด หมู่ 3 ตำบลโป่งแยง', phones: '053 123 456' });
  expect(await created.headingText()).toBe(name);
  expect(await created.notice().innerText()).toBe('เพิ่มจุดบริการแล้ว ขั้นต่อไป: ปักหมุดให้ตรงประตูทางเข้า แล้วกรอกเวลาทำการ');
  const code = created.code();

  // Pinned by pasting a Google Maps link: read in the page first, then saved, inside the district.
  expect(await created.paste(GOOGLE_MAPS_LINK)).toContain('18.891200, 98.824500');
  const pinned = await created.save();
  expect(await pinned.notice().innerText()).toBe('บันทึกตำแหน่งแล้ว');
  expect(await pinned.fact('พิกัด').innerText()).toContain('18.891200, 98.824500');
  expect(await pinned.fact('วิธีปักหมุด').innerText()).toBe('ลิงก์แผนที่');
  expect(await pinned.districtWarning().count()).toBe(0);

  // Hours: Monday's two periods copied to Tuesday–Friday in the page; the weekend closed.
  const hours = await pinned.openHours();
  await hours.setDay('1', [
    ['08:30', '12:00'],
    ['13:00', '16:30'],
  ]);
  await hours.copyMonday();
  expect(await hours.period('5', 2)).toEqual(['13:00', '16:30']);
  await hours.closeDay('6');
  await hours.closeDay('0');
  const savedHours = await hours.save();
  expect(await savedHours.notice().innerText()).toBe('บันทึกเวลาทำการแล้ว');
  expect(await savedHours.period('3', 1)).toEqual(['08:30', '12:00']);

  // Two Citizen's Manuals, each found by a Thai word inside its unspaced title.
  let manuals = await savedHours.openManuals();
  expect(await manuals.linkedTitles()).toEqual([]);
  manuals = await (await manuals.search('ผู้สูงอายุ')).link(ELDERLY_ALLOWANCE);
  manuals = await (await manuals.search('มูลฝอย')).link(WASTE_COLLECTION);
  expect((await manuals.linkedTitles()).sort()).toEqual([ELDERLY_ALLOWANCE, WASTE_COLLECTION].sort());

  // Zero Copy: the ID card checked with a card reader, the house registration copied by the office.
  let zeroCopy = await manuals.openZeroCopy();
  expect(await zeroCopy.count().innerText()).toBe('ยังขอสำเนาจากประชาชน 4 รายการ');
  zeroCopy = await zeroCopy.declare(ID_CARD, { status: 'verified_at_source', method: 'smart_card' });
  expect(await zeroCopy.notice().innerText()).toBe('บันทึกสถานะแล้ว');
  expect(await zeroCopy.count().innerText()).toBe('ยังขอสำเนาจากประชาชน 2 รายการ');
  zeroCopy = await zeroCopy.declare(HOUSE_REGISTRATION, { status: 'copy_by_office' });
  expect(await zeroCopy.count().innerText()).toBe('ไม่ขอสำเนาเอกสารที่ทางราชการออกให้จากประชาชนแล้ว');

  // The QR poster, as a PDF file the browser downloads.
  const poster = await zeroCopy.openPoster();
  expect(await poster.sheets().count()).toBe(1);
  const pdf = await poster.downloadPdf();
  expect(pdf.contentType).toBe('application/pdf');
  expect(pdf.filename).toBe(`citizeninfo-poster-${code}.pdf`);
  expect(pdf.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(pdf.body.length).toBeGreaterThan(20_000);
  expect(pdf.body.subarray(-1024).toString('latin1')).toContain('%%EOF');

  // The public page shows it all.
  const point = await PointPage.open(s, code);
  expect(await point.headingText()).toBe(name);
  expect(await point.hoursOfTheWeek().allInnerTexts()).toContain('08:30–12:00, 13:00–16:30');
  expect((await point.services().allInnerTexts()).map((title) => title.trim()).sort()).toEqual([ELDERLY_ALLOWANCE, WASTE_COLLECTION].sort());
  for (const title of [ELDERLY_ALLOWANCE, WASTE_COLLECTION]) {
    expect(await point.zeroCopyBadge(title).innerText()).toBe('ไม่ต้องใช้สำเนา');
    expect(await point.zeroCopyBadge(title).getAttribute('data-zero-copy')).toBe('no_copies');
  }
  return [...s.visited, ...approver.visited];
}

describe('issue 3: an agency officer registers and publishes a service point, at desktop width', () => {
  it('goes from registration to the public point page', async () => {
    const visited = await officeJourney({ width: 1280 }, 'desktop');
    expect(visited.length).toBeGreaterThanOrEqual(18);
  });
});

describe('issue 3: the same on a 360 px phone', () => {
  it('works at 360 px without sideways scrolling on any page', async () => {
    const visited = await officeJourney({ width: 360, height: 740, forbidHorizontalScroll: true }, 'phone');
    expect(visited.length).toBeGreaterThanOrEqual(18);
  });
});
