import type { Db } from '../../db/client.js';
import { insertInBatches } from '../../db/batch.js';
import { districts, holidays, provinces, subdistricts } from '../../db/schema.js';
import { readDistricts, readHolidays, readProvinces, readSubdistricts } from './reference.js';

/** Provinces, districts, subdistricts and public holidays; safe to run again. */
export async function seedGeography(db: Db): Promise<void> {
  await insertInBatches(
    db,
    provinces,
    readProvinces().map((p) => ({ code: p.code, nameTh: p.name_th, nameEn: p.name_en, regionId: p.region_id, lat: p.lat, lng: p.lon })),
  );
  await insertInBatches(
    db,
    districts,
    readDistricts().map((d) => ({
      code: d.code,
      provinceCode: d.province_code,
      nameTh: d.name_th,
      nameEn: d.name_en,
      kind: d.kind,
      postalCode: d.postal_code,
      lat: d.lat,
      lng: d.lon,
    })),
  );
  await insertInBatches(
    db,
    subdistricts,
    readSubdistricts().map((s) => ({
      code: s.code,
      districtCode: s.district_code,
      provinceCode: s.province_code,
      nameTh: s.name_th,
      nameEn: s.name_en,
      kind: s.kind,
      postalCode: s.postal_code,
      lat: s.lat,
      lng: s.lon,
    })),
  );
  await insertInBatches(
    db,
    holidays,
    readHolidays().map((h) => ({ date: h.date, nameTh: h.name_th, nameEn: h.name_en, governmentDayOff: h.government_day_off })),
  );
}
