/**
 * Copies the reference data the product uses from the team's shared data folder
 * (`../shared/data`, see its SOURCES.md) into `reference-data/`, keeping only the fields we read.
 * Run by hand when the shared data changes: `npx tsx scripts/refresh-reference-data.ts [sharedDataDir]`.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const from = process.argv[2] ?? '../shared/data';
const to = 'reference-data';

type Row = Record<string, unknown>;
const read = (path: string): Row[] => JSON.parse(readFileSync(join(from, path), 'utf8')) as Row[];
const pick = (rows: Row[], keys: string[]) => rows.map((row) => Object.fromEntries(keys.map((k) => [k, row[k] ?? null])));
const write = (path: string, rows: unknown) => {
  mkdirSync(join(to, path, '..'), { recursive: true });
  writeFileSync(join(to, path), JSON.stringify(rows, null, 0).replaceAll('},{', '},\n{') + '\n');
};

write('geography/provinces.json', pick(read('admin-divisions/provinces.json'), ['code', 'name_th', 'name_en', 'region_id', 'lat', 'lon']));
write('geography/districts.json', pick(read('admin-divisions/districts.json'), ['code', 'province_code', 'name_th', 'name_en', 'kind', 'postal_code', 'lat', 'lon']));
write('geography/subdistricts.json', pick(read('admin-divisions/subdistricts.json'), ['code', 'district_code', 'province_code', 'name_th', 'name_en', 'kind', 'postal_code', 'lat', 'lon']));
copyFileSync(join(from, 'boundaries/districts.geojson'), join(to, 'geography/districts.geojson'));
write(
  'organisations/local-administrative-organisations.json',
  pick(read('local-administrative-organizations/local_administrative_organizations.json'), [
    'dla_code', 'type', 'name_th', 'full_name_th', 'province_code', 'district_code', 'office_lat', 'office_lon', 'office_coord_check',
  ]),
);
write('holidays/th-public-holidays.json', pick(read('holidays/th_public_holidays_2025_2027.json'), ['date', 'name_th', 'name_en', 'kind', 'government_day_off', 'status']));
mkdirSync(join(to, 'licences'), { recursive: true });
const licences: Record<string, string> = {
  'thailand-geography-json.LICENSE': 'admin-divisions/upstream/thailand-geography-json/LICENSE',
  'siahra.LICENSE': 'local-administrative-organizations/upstream/SIAHRA_LICENSE',
};
for (const [name, path] of Object.entries(licences)) copyFileSync(join(from, path), join(to, 'licences', name));
