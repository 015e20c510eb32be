/**
 * `npm run screenshots [-- http://localhost:3000]`: the README's pictures, taken in Debian's
 * Chromium from a running demo (`npm start`): citizen pages on a 360 px phone and the back office
 * of the demo officer. Map tiles are left out (they are the only third-party requests), so the
 * pictures come out the same without a network.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { fromRoot } from '../src/paths.js';
import { launchBrowser } from '../test/harness/browser.js';

const base = (process.argv[2] ?? 'http://localhost:3000').replace(/\/$/, '');
const out = fromRoot('docs', 'screenshots');
await mkdir(out, { recursive: true });

const browser = await launchBrowser();
try {
  const phone = await browser.newContext({ viewport: { width: 360, height: 780 }, deviceScaleFactor: 2, locale: 'th-TH' });
  await phone.route(/tile\.openstreetmap\.org|longdo\.com/, (route) => route.abort());
  const page = await phone.newPage();
  const shoot = async (name: string, path: string) => {
    await page.goto(base + path, { waitUntil: 'networkidle' });
    await page.screenshot({ path: `${out}/${name}.png` });
    process.stdout.write(`docs/screenshots/${name}.png ← ${path}\n`);
  };

  await shoot('home', '/');
  await shoot('search', `/search?q=${encodeURIComponent('ทะเบียนบ้าน')}`);
  const pointPath = await page.locator('main a[href^="/p/"]').first().getAttribute('href');
  if (!pointPath) throw new Error('the search found no service point to show');
  await shoot('point', pointPath);
  await shoot('rate', `${pointPath}/rate`);
  const manualPath = await page.goto(base + pointPath).then(() => page.locator('a[href^="/manuals/"]').first().getAttribute('href'));
  if (manualPath) await shoot('manual', manualPath);

  const desktop = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'th-TH' });
  await desktop.route(/tile\.openstreetmap\.org|longdo\.com/, (route) => route.abort());
  const office = await desktop.newPage();
  await office.goto(`${base}/office/sign-in`);
  await office.getByLabel(/อีเมล/).fill('officer@demo.citizeninfo.local');
  await office.getByLabel(/รหัสผ่าน/).fill('demo-officer-2569');
  await Promise.all([office.waitForURL(/\/office(?!\/sign-in)/), office.getByRole('button', { name: /เข้าสู่ระบบ/ }).click()]);
  await office.goto(`${base}/office/points`, { waitUntil: 'networkidle' });
  await office.screenshot({ path: `${out}/office-points.png` });
  process.stdout.write('docs/screenshots/office-points.png ← /office/points\n');
  const code = /รหัส (\w{6})/.exec(await office.locator('main').innerText())?.[1];
  if (!code) throw new Error('the demo officer has no service point');
  const poster = await office.request.get(`${base}/office/points/${code}/poster.png`);
  if (!poster.ok()) throw new Error(`poster.png answered ${poster.status()}`);
  await writeFile(`${out}/poster.png`, await poster.body());
  process.stdout.write(`docs/screenshots/poster.png ← /office/points/${code}/poster.png\n`);
} finally {
  await browser.close();
}
