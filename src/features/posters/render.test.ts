/**
 * Posters rendered by the real headless Chromium (Debian's `chromium`), then read back the way a
 * citizen and a printer would: the paper size and page count (pdf-lib), the QR code in the
 * rasterised page (poppler's pdftoppm → sharp → jsQR), and the text layer (pdftotext), which must
 * hold the Thai exactly as typed — no tone mark or sara am lost or reordered.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { eq, sql } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../auth/sessions.js';
import { rows, type Db } from '../../db/client.js';
import { roleGrants, servicePoints, users } from '../../db/schema.js';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { decodeQr } from '../../../test/support/qr.js';

const run = promisify(execFile);
const PUBLIC_URL = 'https://citizeninfo.example.go.th';
const MM_TO_PT = 72 / 25.4;

let t: TestApp;
let db: Db;
let dir: string;
let cookie: string;
let point: { id: number; code: string; organisationId: number };
/** a second point of the same organisation, named with the hardest Thai we know */
const hardName = 'ที่ทำการผู้ใหญ่บ้านน้ำรู กรุณาสแกนคิวอาร์โค้ด';
const hardCode = 'NAMRU2';
const longName =
  'ศูนย์บริการร่วมสำนักงานเขตและกองทะเบียนบัตรประจำตัวประชาชนและทะเบียนราษฎร์ สาขาห้างสรรพสินค้าเซ็นทรัลพลาซา แจ้งวัฒนะ ชั้นสาม ฝั่งทิศเหนือใกล้ทางเข้าลานจอดรถ';
const longCode = 'KQNG22';

beforeAll(async () => {
  t = await createTestApp({ PUBLIC_URL });
  db = t.database.db;
  dir = await mkdtemp(join(tmpdir(), 'posters-test-'));
  const [found] = await rows<{ id: number; code: string; organisationId: number }>(
    db,
    sql`select p.id, p.code, p.organisation_id as "organisationId" from service_points p join organisations o on o.id = p.organisation_id
        where o.kind = 'tao' and o.province_code = '50' order by p.code limit 1`,
  );
  point = found!;
  const [source] = await db.select().from(servicePoints).where(eq(servicePoints.id, point.id));
  const { id: _id, code: _code, nameTh: _name, nameEn: _nameEn, createdAt: _created, updatedAt: _updated, ...copy } = source!;
  await db.insert(servicePoints).values([
    { ...copy, code: hardCode, nameTh: hardName, nameEn: 'Village Headman Office, Ban Nam Ru' },
    { ...copy, code: longCode, nameTh: longName, nameEn: null },
  ]);
  const [user] = await db
    .insert(users)
    .values({ email: 'poster-render@example.go.th', firstName: 'ทดสอบ', lastName: 'พิมพ์', organisationId: point.organisationId, status: 'approved' })
    .returning({ id: users.id });
  await db.insert(roleGrants).values({ userId: user!.id, role: 'officer', organisationId: point.organisationId });
  cookie = `ci_session=${(await createSession(db, user!.id, 'vitest')).id}`;
});
afterAll(async () => {
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

async function fetchFile(url: string): Promise<Buffer> {
  const response = await t.app.inject({ method: 'GET', url, headers: { cookie } });
  expect(response.statusCode, `${url}: ${response.body.slice(0, 300)}`).toBe(200);
  return response.rawPayload;
}

async function pdfToPng(pdf: Buffer, name: string): Promise<Buffer> {
  await writeFile(join(dir, `${name}.pdf`), pdf);
  await run('pdftoppm', ['-r', '150', '-png', '-singlefile', join(dir, `${name}.pdf`), join(dir, name)]);
  return readFile(join(dir, `${name}.png`));
}

async function pdfText(pdf: Buffer, name: string): Promise<string> {
  await writeFile(join(dir, `${name}.pdf`), pdf);
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', join(dir, `${name}.pdf`), '-']);
  return stdout;
}

async function pageSizes(pdf: Buffer): Promise<{ width: number; height: number }[]> {
  return (await PDFDocument.load(pdf)).getPages().map((page) => page.getSize());
}

/** Paper size within a point of the ISO size (Chromium rounds to whole CSS pixels). */
function expectPaper(size: { width: number; height: number }, widthMm: number, heightMm: number) {
  expect(Math.abs(size.width - widthMm * MM_TO_PT)).toBeLessThan(1.5);
  expect(Math.abs(size.height - heightMm * MM_TO_PT)).toBeLessThan(1.5);
}

describe('the A4 poster PDF', () => {
  let pdf: Buffer;
  beforeAll(async () => {
    pdf = await fetchFile(`/office/points/${hardCode}/poster.pdf`);
  }, 120_000);

  it('is one A4 page', async () => {
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const sizes = await pageSizes(pdf);
    expect(sizes).toHaveLength(1);
    expectPaper(sizes[0]!, 210, 297);
  });

  it('has a QR code that scans to the rating page', async () => {
    expect(await decodeQr(await pdfToPng(pdf, 'poster'))).toBe(`${PUBLIC_URL}/p/${hardCode}/rate`);
  });

  it('keeps the Thai text exactly as typed in its text layer', async () => {
    const text = (await pdfText(pdf, 'poster')).normalize('NFC');
    const joined = text.replace(/\n/g, '');
    for (const phrase of ['สแกนเพื่อประเมินความพึงพอใจ', 'ใช้เวลาไม่ถึง 30 วินาที', 'รหัสจุดบริการ', 'หรือสายด่วน 1111', 'น้ำ', 'ผู้ใหญ่บ้าน', 'กรุณาสแกนคิวอาร์โค้ด']) {
      expect(text, phrase).toContain(phrase.normalize('NFC'));
    }
    const lines = text.split('\n').map((line) => line.trim()).filter(Boolean);
    const [organisation] = await rows<{ nameTh: string }>(db, sql`select name_th as "nameTh" from organisations where id = ${point.organisationId}`);
    expect(lines).toContain(organisation!.nameTh.normalize('NFC'));
    // The name may wrap between words: its lines put back together must be the name itself.
    let index = lines.findIndex((line) => hardName.startsWith(line));
    let name = lines[index++] ?? '';
    while (name.length < hardName.length && index < lines.length) name += (hardName[name.length] === ' ' ? ' ' : '') + lines[index++];
    expect(name).toBe(hardName.normalize('NFC'));
    expect(joined).toContain(hardCode);
    expect(joined).toContain(`citizeninfo.example.go.th/p/${hardCode}/complain`);
    // Neither a dotted circle (a mark with no base) nor sara am taken apart.
    expect(text).not.toContain('\u25CC');
    expect(text).not.toContain('\u0E4D\u0E32');
  });
});

describe('the A6 sticker', () => {
  it('is one A6 page whose QR code scans', async () => {
    const pdf = await fetchFile(`/office/points/${point.code}/sticker.pdf`);
    const sizes = await pageSizes(pdf);
    expect(sizes).toHaveLength(1);
    expectPaper(sizes[0]!, 105, 148);
    expect(await decodeQr(await pdfToPng(pdf, 'sticker'))).toBe(`${PUBLIC_URL}/p/${point.code}/rate`);
  }, 60_000);

  it('comes as a PNG whose QR code scans, for a name far longer than any real one too', async () => {
    const png = await fetchFile(`/office/points/${longCode}/sticker.png`);
    const meta = await sharp(png).metadata();
    expect(meta.format).toBe('png');
    // A6 at three device pixels per CSS pixel.
    expect(meta.width).toBe(Math.round(105 * (96 / 25.4)) * 3);
    expect(await decodeQr(png)).toBe(`${PUBLIC_URL}/p/${longCode}/rate`);
  }, 60_000);
});

describe('the poster PNG', () => {
  it('is A4 at two device pixels per CSS pixel, and its QR code scans', async () => {
    const png = await fetchFile(`/office/points/${point.code}/poster.png`);
    const meta = await sharp(png).metadata();
    expect([meta.width, meta.height]).toEqual([Math.round(210 * (96 / 25.4)) * 2, Math.round(297 * (96 / 25.4)) * 2]);
    expect(await decodeQr(png)).toBe(`${PUBLIC_URL}/p/${point.code}/rate`);
  }, 60_000);
});

describe('the organisation’s set', () => {
  it('is one A4 page per open point in the officer’s scope', async () => {
    const [scope] = await rows<{ n: number }>(
      db,
      sql`select count(*)::int as n from service_points p join organisations o on o.id = p.organisation_id, organisations mine
          where mine.id = ${point.organisationId} and o.path like mine.path || '%' and p.status = 'active'`,
    );
    expect(scope!.n).toBeGreaterThanOrEqual(3);
    const pdf = await fetchFile('/office/posters.pdf');
    const sizes = await pageSizes(pdf);
    expect(sizes).toHaveLength(scope!.n);
    for (const size of sizes) expectPaper(size, 210, 297);
    const text = await pdfText(pdf, 'set');
    for (const code of [point.code, hardCode, longCode]) expect(text).toContain(code);
  }, 60_000);

  it('comes as A6 stickers too', async () => {
    const pdf = await fetchFile('/office/posters.pdf?size=sticker');
    for (const size of await pageSizes(pdf)) expectPaper(size, 105, 148);
  }, 60_000);

  it('records that the officer printed every poster of the set', async () => {
    const printed = await db.select({ code: servicePoints.code, at: servicePoints.postersPrintedAt }).from(servicePoints).where(eq(servicePoints.organisationId, point.organisationId));
    for (const row of printed) expect(row.at, row.code).not.toBeNull();
  });
});
