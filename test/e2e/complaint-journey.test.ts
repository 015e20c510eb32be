/**
 * A citizen's complaint, in a real browser against the real server (issue 4): filed at a service
 * point of อบต.โป่งแยง with a photo and an e-mail address, followed by its tracking number, moved
 * by the organisation's officer through accepted → resolved with a public answer, and the answer
 * read on the tracking page and in the e-mail a real SMTP server receives. At desktop width, on a
 * 360 px phone, and the filing once more with JavaScript switched off. Every page visited is
 * audited by axe-core (support/site.ts).
 */
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { DEMO_ACCOUNTS } from '../../src/features/accounts/demo.js';
import { launchBrowser } from '../harness/browser.js';
import { ComplaintFormPage, type Complaint } from './pages/ComplaintFormPage.js';
import { OfficeSignInPage } from './pages/OfficeSignInPage.js';
import { TrackPage } from './pages/TrackPage.js';
import { Mailbox } from './support/mailbox.js';
import { Site, type SiteOptions } from './support/site.js';

const ORGANISATION = 'องค์การบริหารส่วนตำบลโป่งแยง';
const TRACKING_NUMBER = /^CI-\d{4}-[A-Z0-9]{4}-[A-Z0-9]{2}$/;
const ANSWER = 'ติดตั้งเครื่องอ่านบัตรที่ช่องบริการแล้ว ตั้งแต่วันนี้ไม่ต้องใช้สำเนาบัตรประชาชน';

const officer = DEMO_ACCOUNTS.find((account) => account.role === 'officer')!;
/** Keeps this run's complainants apart from earlier runs against the same server. */
const run = Date.now().toString(36);

let browser: Browser;
let mailbox: Mailbox;
/** A public service point of the demo officer's organisation. */
let pointCode: string;
let photo: Buffer;
let sites: Site[] = [];
beforeAll(async () => {
  browser = await launchBrowser();
  mailbox = await Mailbox.open();
  const response = await fetch(`${inject('baseUrl')}/api/v1/service-points?q=${encodeURIComponent('โป่งแยง')}`);
  const { items } = (await response.json()) as { items: { code: string; organisation: { name: { th: string } } }[] };
  const point = items.find((item) => item.organisation.name.th === ORGANISATION);
  if (!point) throw new Error(`no public service point of ${ORGANISATION}`);
  pointCode = point.code;
  // A phone photo: a JPEG of a few hundred kilobytes.
  photo = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
    .jpeg({ quality: 70 })
    .toBuffer();
});
afterEach(async () => {
  await Promise.all(sites.map((site) => site.close()));
  sites = [];
});
afterAll(async () => {
  await browser.close();
  await mailbox.close();
});

async function openSite(options: SiteOptions): Promise<Site> {
  const site = await Site.open(browser, options);
  sites.push(site);
  return site;
}

const complaint = (label: string): Complaint => ({
  category: 'zero_copy',
  description: 'เจ้าหน้าที่ขอสำเนาบัตรประชาชนและสำเนาทะเบียนบ้าน ทั้งที่มีบัตรตัวจริงมาแสดง',
  photo: { name: 'counter.jpg', mimeType: 'image/jpeg', buffer: photo },
  contactName: 'ชูใจ',
  email: `chujai.${label}.${run}@example.net`,
});

/** The citizen files the complaint and lands on its tracking page; returns the tracking number. */
async function fileComplaint(s: Site, details: Complaint): Promise<string> {
  const form = await ComplaintFormPage.open(s, pointCode);
  const track = await form.send(details);
  const number = await track.trackingNumber();
  expect(number).toMatch(TRACKING_NUMBER);
  expect(s.path()).toBe(`/track/${number}?sent=mail`);
  expect(await track.notice().innerText()).toContain('เราจะแจ้งทางอีเมลทุกครั้งที่สถานะเปลี่ยน');
  expect(await track.status().innerText()).toBe('ได้รับเรื่องแล้ว');
  await expect(track.page.locator('dl.complaint-facts').innerText()).resolves.toContain('แนบภาพถ่าย 1 ภาพ');
  // What the citizen wrote and who they are never show on the public page.
  const text = await track.page.locator('main').innerText();
  for (const secret of [details.description, details.email, details.contactName]) expect(text).not.toContain(secret);
  return number;
}

async function complaintJourney(options: SiteOptions, label: string) {
  const details = complaint(label);
  const citizen = await openSite(options);
  const number = await fileComplaint(citizen, details);
  const tracked = await TrackPage.open(citizen, number);
  expect(await tracked.trackingNumber()).toBe(number);
  expect(await tracked.history()).toEqual(['ได้รับเรื่องแล้ว']);

  // The organisation's officer finds it in the inbox and moves it on, answering the citizen.
  const office = await openSite(options);
  const home = await (await OfficeSignInPage.open(office)).signIn(officer.email, officer.password);
  const opened = await (await home.openComplaints()).open(number);
  expect(await opened.status().innerText()).toBe('ได้รับเรื่องแล้ว');
  const accepted = await opened.move('accepted', 'รับเรื่องแล้ว กำลังตรวจสอบกับงานทะเบียน');
  expect(await accepted.status().innerText()).toBe('รับเรื่องไว้พิจารณา');
  const resolved = await accepted.move('resolved', ANSWER);
  expect(await resolved.status().innerText()).toBe('ดำเนินการแล้ว');

  // The citizen reads the answer on the tracking page…
  const answered = await TrackPage.open(citizen, number);
  expect(await answered.status().innerText()).toBe('ดำเนินการแล้ว');
  expect(await answered.answer().first().innerText()).toBe(ANSWER);
  expect(await answered.history()).toEqual(['ได้รับเรื่องแล้ว', 'รับเรื่องไว้พิจารณา', 'ดำเนินการแล้ว']);

  // …and in the e-mails of each change.
  await mailbox.waitFor(details.email, (mail) => mail.subject === `เรื่องร้องเรียน ${number}: รับเรื่องไว้พิจารณา`);
  const mail = await mailbox.waitFor(details.email, (m) => m.subject === `เรื่องร้องเรียน ${number}: ดำเนินการแล้ว`);
  expect(mail.text).toContain(`เรียน คุณ${details.contactName}`);
  expect(mail.text).toContain(ANSWER);
  expect(mail.text).toContain(citizen.url(`/track/${number}`));
  return [...citizen.visited, ...office.visited];
}

describe('issue 4: a complaint from filing to answer, at desktop width', () => {
  it('is filed with a photo, tracked, answered by the office, and the answer reaches the citizen', async () => {
    const visited = await complaintJourney({ width: 1280 }, 'desktop');
    expect(visited.length).toBeGreaterThanOrEqual(10);
  });
});

describe('issue 4: the same on a 360 px phone', () => {
  it('works at 360 px without sideways scrolling on any page', async () => {
    const visited = await complaintJourney({ width: 360, height: 740, forbidHorizontalScroll: true }, 'phone');
    expect(visited.length).toBeGreaterThanOrEqual(10);
  });
});

describe('issue 4: filing without JavaScript', () => {
  it('takes the complaint with its photo and e-mail address, and tracks it', async () => {
    const citizen = await openSite({ width: 360, height: 740, javaScriptEnabled: false, forbidHorizontalScroll: true });
    const number = await fileComplaint(citizen, complaint('nojs'));
    expect(await citizen.page.locator('html').getAttribute('class')).toContain('no-js');
    const tracked = await TrackPage.open(citizen, number);
    expect(await tracked.history()).toEqual(['ได้รับเรื่องแล้ว']);
  });
});
