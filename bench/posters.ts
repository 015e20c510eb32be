/**
 * `npm run bench:posters`: how long headless Chromium takes to print QR posters, through the same
 * code as the office routes (the print template → the app's printer → Chromium). Prints the time of
 * the first poster (browser start included), of one poster once warm, and of 100-page poster and
 * sticker sets, in total and per page. The database plays no part (a set's query takes
 * milliseconds), so the points are made up here with names as long and as Thai as real ones.
 */
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openPglite } from '../src/db/client.js';
import { SHEETS } from '../src/features/posters/office.js';
import type { PosterPoint } from '../src/features/posters/queries.js';
import { printHtml, type SheetSize } from '../src/features/posters/views.js';
import { derivedPublicCode } from '../src/features/service-points/codes.js';

const PAGES = 100;
const kinds = ['องค์การบริหารส่วนตำบล', 'เทศบาลตำบล', 'สำนักงานพัฒนาชุมชนอำเภอ', 'ที่ว่าการอำเภอ', 'สำนักงานเขต', 'ที่ทำการผู้ใหญ่บ้าน'];
const places = ['โป่งแยง', 'บ้านน้อยซุ้มขี้เหล็ก', 'น้ำรู', 'เมืองประจวบคีรีขันธ์', 'พระนครศรีอยุธยา', 'ผู้ใหญ่บ้านน้ำดิบ', 'ศรีสำโรง'];

function points(count: number): PosterPoint[] {
  const taken = new Set<string>();
  return Array.from({ length: count }, (_, i) => {
    const nameTh = `${kinds[i % kinds.length]}${places[i % places.length]}${i % 5 === 0 ? ' สาขาศูนย์บริการร่วมห้างสรรพสินค้า ชั้นสาม' : ''}`;
    return {
      id: i + 1,
      code: derivedPublicCode(`bench-${i}`, taken),
      nameTh,
      nameEn: i % 3 === 0 ? null : `Service Point ${i + 1}`,
      organisationTh: `${kinds[0]}${places[i % places.length]}`,
      organisationEn: 'Subdistrict Administrative Organization',
      organisation: { id: 1, path: '/1/', provinceCode: '50', districtCode: '5007' },
      postersPrintedAt: null,
    };
  });
}

const database = await openPglite('memory://');
await database.migrate();
const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'warn', APP_SECRET: 'x'.repeat(32), PII_ENCRYPTION_KEY: 'y'.repeat(32), PUBLIC_URL: 'https://citizeninfo.go.th' });
const app = await buildApp(config, database);
await app.ready();

async function time(label: string, size: SheetSize, format: 'pdf' | 'png', set: PosterPoint[]): Promise<number> {
  const html = printHtml('bench', size, set, config.publicUrl);
  const started = performance.now();
  const body = await app.printer.render({ html, format, page: SHEETS[size].page, scale: SHEETS[size].scale, timeoutMs: 600_000 });
  const ms = performance.now() - started;
  const perPage = set.length > 1 ? `, ${(ms / set.length).toFixed(1)} ms a page` : '';
  process.stdout.write(`${label.padEnd(44)} ${ms.toFixed(0).padStart(6)} ms${perPage} (${(body.length / 1024).toFixed(0)} KiB)\n`);
  return ms;
}

try {
  const one = points(1);
  const many = points(PAGES);
  await time('first A4 poster PDF (starts Chromium)', 'poster', 'pdf', one);
  const warm: number[] = [];
  for (let i = 0; i < 5; i++) warm.push(await time(`A4 poster PDF, warm, run ${i + 1}`, 'poster', 'pdf', one));
  await time('A4 poster PNG, warm', 'poster', 'png', one);
  await time('A6 sticker PNG, warm', 'sticker', 'png', one);
  await time(`${PAGES}-page A4 poster PDF`, 'poster', 'pdf', many);
  await time(`${PAGES}-page A6 sticker PDF`, 'sticker', 'pdf', many);
  warm.sort((x, y) => x - y);
  process.stdout.write(`median warm single poster: ${warm[2]!.toFixed(0)} ms\n`);
} finally {
  await app.close();
  await database.close();
}
