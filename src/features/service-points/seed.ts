/**
 * Demo service points: one office for every organisation that serves citizens, at the DLA's
 * real coordinates where they fall inside the organisation's own district, otherwise near the
 * centroid of its subdistrict or district (marked unverified). Hours, phones and a few
 * illustrative photos are generated deterministically.
 */
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import type { Db } from '../../db/client.js';
import { insertInBatches } from '../../db/batch.js';
import { photos, servicePoints, type WeeklyHours } from '../../db/schema.js';
import { hash32, jitter, unit } from '../../seed/deterministic.js';
import { readDistricts, readProvinces, readSubdistricts } from '../geography/reference.js';
import type { OrganisationSeed } from '../organisations/seed.js';
import { derivedPublicCode } from './codes.js';
import { officeHours } from './hours.js';
import { pointSearchText } from './search-text.js';

const AREA_CODE_BY_REGION: Record<number, string> = { 1: '5', 2: '3', 3: '4', 4: '3', 5: '3', 6: '7' };

function demoPhone(key: string, provinceCode: string, regionId: number | null): string {
  const digits = String(hash32(key + ':phone') % 10_000_000).padStart(7, '0');
  const area = provinceCode === '10' ? '2' : (AREA_CODE_BY_REGION[regionId ?? 2] ?? '3');
  // 0 + area digit + 7 digits = a 9-digit Thai landline, written 0 X123 4567.
  return `0 ${area}${digits.slice(0, 3)} ${digits.slice(3)}`;
}

function demoHours(kind: string, key: string): WeeklyHours {
  const roll = unit(key + ':hours');
  switch (kind) {
    case 'district_office':
    case 'bangkok_district_office':
      // District registration offices keep counters open over lunch; some open on Saturday morning.
      return officeHours({ lunchBreak: false, saturdayMorning: roll < 0.25 });
    case 'dlt_provincial_office':
      return officeHours({ lunchBreak: false, saturdayMorning: roll < 0.5 });
    default:
      return officeHours({ lunchBreak: roll > 0.15, saturdayMorning: roll > 0.95 });
  }
}

export interface PointSeed {
  id: number;
  code: string;
  organisationId: number;
  kind: string;
}

export async function insertDemoServicePoints(db: Db, tree: OrganisationSeed[]): Promise<PointSeed[]> {
  const provinces = new Map(readProvinces().map((p) => [p.code, p]));
  const districts = new Map(readDistricts().map((d) => [d.code, d]));
  const subdistricts = new Map(readSubdistricts().map((s) => [s.code, s]));
  const taken = new Set<string>();
  const seeds: PointSeed[] = [];
  const rows: (typeof servicePoints.$inferInsert)[] = [];

  for (const org of tree) {
    if (!org.office || !org.provinceCode || !org.districtCode) continue;
    const province = provinces.get(org.provinceCode);
    const district = districts.get(org.districtCode);
    if (!province || !district) throw new Error(`organisation ${org.code} has an unknown area`);
    const subdistrict = org.office.subdistrictCode ? subdistricts.get(org.office.subdistrictCode) : undefined;
    // Offices placed from a centroid are spread a little so they do not sit on top of each other.
    const at = org.office.fromSource ? { lat: org.office.lat, lng: org.office.lng } : jitter(org.office.lat, org.office.lng, 400, org.code);
    const id = rows.length + 1;
    const code = derivedPublicCode(org.code, taken);
    const bangkok = org.provinceCode === '10';
    const postalCode = subdistrict?.postal_code ?? district.postal_code;
    const addressTh = [
      subdistrict ? `${bangkok ? 'แขวง' : 'ตำบล'}${subdistrict.name_th}` : null,
      `${bangkok ? 'เขต' : 'อำเภอ'}${district.name_th}`,
      bangkok ? 'กรุงเทพมหานคร' : `จังหวัด${province.name_th}`,
      postalCode,
    ]
      .filter(Boolean)
      .join(' ');
    const addressEn = [subdistrict?.name_en, `${district.name_en} District`, `${province.name_en} ${postalCode ?? ''}`.trim()].filter(Boolean).join(', ');
    rows.push({
      id,
      code,
      organisationId: org.id,
      nameTh: org.nameTh,
      nameEn: org.nameEn,
      addressTh,
      addressEn,
      provinceCode: org.provinceCode,
      districtCode: org.districtCode,
      subdistrictCode: subdistrict?.code ?? null,
      postalCode,
      lat: at.lat,
      lng: at.lng,
      pinAccuracyM: org.office.fromSource ? null : 2000,
      pinMethod: org.office.fromSource ? 'source-data' : 'centroid',
      verification: org.office.fromSource ? 'verified' : 'unverified',
      phones: [demoPhone(org.code, org.provinceCode, province.region_id)],
      hours: demoHours(org.kind, org.code),
      // About half of the offices have confirmed that their list of services is complete.
      manualsConfirmedAt: unit(org.code + ':confirmed') < 0.55 ? new Date(Date.UTC(2026, 0, 1) + hash32(org.code) % 300 * 86_400_000) : null,
      searchText: pointSearchText({
        code,
        names: [org.nameTh, org.nameEn, org.abbrTh],
        places: [subdistrict?.name_th, subdistrict?.name_en, district.name_th, district.name_en, province.name_th, province.name_en, postalCode],
      }),
    });
    seeds.push({ id, code, organisationId: org.id, kind: org.kind });
  }
  await insertInBatches(db, servicePoints, rows);
  await db.execute(sql`select setval(pg_get_serial_sequence('service_points', 'id'), (select max(id) from service_points))`);
  await insertDemoPhotos(db, seeds);
  return seeds;
}

/** Drawn office fronts, honestly labelled as illustrations, for the points that have photos in the demo. */
async function insertDemoPhotos(db: Db, points: PointSeed[]): Promise<void> {
  const palette = ['#d9e7f5', '#f5e6d3', '#e3f1e0', '#f1e0ec', '#e9e4f7', '#fdf1c7'];
  const images = await Promise.all(
    palette.map(async (sky, i) => {
      const roof = ['#8a3b12', '#0b4f8a', '#5b6b2f'][i % 3];
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="400" viewBox="0 0 640 400">
        <rect width="640" height="400" fill="${sky}"/><rect y="320" width="640" height="80" fill="#9bbf7a"/>
        <polygon points="120,170 320,${70 + i * 6} 520,170" fill="${roof}"/>
        <rect x="150" y="170" width="340" height="150" fill="#f8f8f4" stroke="#555" stroke-width="3"/>
        ${[0, 1, 2, 3].map((w) => `<rect x="${175 + w * 80}" y="195" width="45" height="40" fill="#7fa7c9"/>`).join('')}
        <rect x="290" y="250" width="60" height="70" fill="#6b4a2b"/>
        <rect x="40" y="250" width="14" height="70" fill="#6b4a2b"/><circle cx="47" cy="235" r="38" fill="#4f8a3a"/>
        <rect x="300" y="110" width="4" height="60" fill="#444"/><rect x="304" y="110" width="36" height="22" fill="#2d4da0"/>
      </svg>`;
      const image = await sharp(Buffer.from(svg)).webp({ quality: 70 }).toBuffer();
      return new Uint8Array(image);
    }),
  );
  const chosen = points.filter((p) => ['bangkok_district_office', 'city_municipality', 'dlt_provincial_office'].includes(p.kind) || hash32(p.code) % 20 === 0);
  const rows = chosen.flatMap((point) =>
    [0, 1].map((position) => ({
      pointId: point.id,
      position,
      altTh: position === 0 ? 'ภาพวาดด้านหน้าอาคารสำนักงาน (ภาพประกอบตัวอย่าง)' : 'ภาพวาดอาคารและทางเข้า (ภาพประกอบตัวอย่าง)',
      altEn: position === 0 ? 'Drawing of the office front (sample illustration)' : 'Drawing of the building and entrance (sample illustration)',
      image: images[(hash32(point.code) + position) % images.length] as Uint8Array,
      width: 640,
      height: 400,
    })),
  );
  await insertInBatches(db, photos, rows, 100);
}
