/**
 * The government hierarchy of the demo: ministries and departments that serve citizens, their
 * provincial and district offices, all 7,849 local administrative organisations of the DLA list
 * plus Bangkok — 7,850 in all — each under the provincial DLA office that supervises it.
 */
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { insertInBatches } from '../../db/batch.js';
import { organisations } from '../../db/schema.js';
import { fromRoot } from '../../paths.js';
import { readDistricts, readProvinces, readSubdistricts, type DistrictRecord, type SubdistrictRecord } from '../geography/reference.js';
import { KIND_NAMES } from './kinds.js';

interface LaoRecord {
  dla_code: string;
  type: 'pao' | 'city_municipality' | 'town_municipality' | 'subdistrict_municipality' | 'tao' | 'pattaya_city';
  name_th: string;
  full_name_th: string;
  province_code: string;
  district_code: string;
  office_lat: number | null;
  office_lon: number | null;
  office_coord_check: string;
}

/** Where an organisation receives citizens, as far as the source data knows. */
export interface OfficeLocation {
  lat: number;
  lng: number;
  /** true only for the DLA's own coordinates that fall inside the organisation's district */
  fromSource: boolean;
  subdistrictCode: string | null;
}

export interface OrganisationSeed {
  id: number;
  code: string;
  parentId: number | null;
  path: string;
  kind: string;
  nameTh: string;
  nameEn: string | null;
  abbrTh: string | null;
  provinceCode: string | null;
  districtCode: string | null;
  /** set for organisations that serve citizens at an office of their own */
  office: OfficeLocation | null;
}

const MINISTRIES = [
  { code: 'moi', th: 'กระทรวงมหาดไทย', en: 'Ministry of Interior' },
  { code: 'mot', th: 'กระทรวงคมนาคม', en: 'Ministry of Transport' },
  { code: 'mol', th: 'กระทรวงแรงงาน', en: 'Ministry of Labour' },
];

const DEPARTMENTS = [
  { code: 'dopa', parent: 'moi', th: 'กรมการปกครอง', en: 'Department of Provincial Administration', abbr: 'ปค.' },
  { code: 'dla', parent: 'moi', th: 'กรมส่งเสริมการปกครองท้องถิ่น', en: 'Department of Local Administration', abbr: 'สถ.' },
  { code: 'cdd', parent: 'moi', th: 'กรมการพัฒนาชุมชน', en: 'Community Development Department', abbr: 'พช.' },
  { code: 'dol', parent: 'moi', th: 'กรมที่ดิน', en: 'Department of Lands', abbr: 'ทด.' },
  { code: 'dlt', parent: 'mot', th: 'กรมการขนส่งทางบก', en: 'Department of Land Transport', abbr: 'ขบ.' },
  { code: 'sso', parent: 'mol', th: 'สำนักงานประกันสังคม', en: 'Social Security Office', abbr: 'สปส.' },
];

const LAO_KIND: Record<LaoRecord['type'], string> = {
  pao: 'pao',
  city_municipality: 'city_municipality',
  town_municipality: 'town_municipality',
  subdistrict_municipality: 'subdistrict_municipality',
  tao: 'tao',
  pattaya_city: 'pattaya',
};

export function readLocalOrganisations(): LaoRecord[] {
  return JSON.parse(readFileSync(fromRoot('reference-data/organisations/local-administrative-organisations.json'), 'utf8')) as LaoRecord[];
}

/** Builds the whole tree with ids and paths, so it can be inserted in bulk on an empty database. */
export function buildOrganisationTree(): OrganisationSeed[] {
  const provinces = readProvinces();
  const districts = readDistricts();
  const subdistricts = readSubdistricts();
  const subdistrictsByDistrict = new Map<string, SubdistrictRecord[]>();
  for (const s of subdistricts) {
    const list = subdistrictsByDistrict.get(s.district_code) ?? [];
    list.push(s);
    subdistrictsByDistrict.set(s.district_code, list);
  }
  const provinceName = new Map(provinces.map((p) => [p.code, p]));
  const districtByCode = new Map(districts.map((d) => [d.code, d]));
  const districtsOf = (provinceCode: string) => districts.filter((d) => d.province_code === provinceCode);

  const tree: OrganisationSeed[] = [];
  const byCode = new Map<string, OrganisationSeed>();
  const add = (record: Omit<OrganisationSeed, 'id' | 'path' | 'parentId'> & { parent: string | null }): OrganisationSeed => {
    const parent = record.parent ? byCode.get(record.parent) : undefined;
    if (record.parent && !parent) throw new Error(`unknown parent ${record.parent}`);
    const id = tree.length + 1;
    const { parent: _parent, ...rest } = record;
    const seed: OrganisationSeed = { ...rest, id, parentId: parent?.id ?? null, path: `${parent?.path ?? '/'}${id}/` };
    tree.push(seed);
    byCode.set(seed.code, seed);
    return seed;
  };
  const none = { abbrTh: null, provinceCode: null, districtCode: null, office: null };

  add({ code: 'opdc', parent: null, kind: 'national_office', nameTh: 'สำนักงานคณะกรรมการพัฒนาระบบราชการ', nameEn: 'Office of the Public Sector Development Commission', ...none, abbrTh: 'ก.พ.ร.' });
  for (const m of MINISTRIES) add({ code: m.code, parent: null, kind: 'ministry', nameTh: m.th, nameEn: m.en, ...none });
  for (const d of DEPARTMENTS) add({ code: d.code, parent: d.parent, kind: 'department', nameTh: d.th, nameEn: d.en, ...none, abbrTh: d.abbr });

  const districtCentre = (d: DistrictRecord): OfficeLocation => ({ lat: d.lat, lng: d.lon, fromSource: false, subdistrictCode: nearestSubdistrict(subdistrictsByDistrict.get(d.code) ?? [], d.lat, d.lon) });

  for (const p of provinces) {
    const area = { provinceCode: p.code, districtCode: null, abbrTh: null };
    const capital = districtByCode.get(`${p.code}01`);
    if (!capital) throw new Error(`no capital district for ${p.code}`);
    const inTown = districtCentre(capital);
    if (p.code !== '10') {
      add({ code: `dopa-province-${p.code}`, parent: 'dopa', kind: 'provincial_office', nameTh: `ที่ทำการปกครองจังหวัด${p.name_th}`, nameEn: `${p.name_en} Provincial Administration Office`, ...area, office: null });
      add({ code: `dla-province-${p.code}`, parent: 'dla', kind: 'provincial_office', nameTh: `สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัด${p.name_th}`, nameEn: `${p.name_en} Provincial Office of Local Administration`, ...area, office: null });
      add({ code: `cdd-province-${p.code}`, parent: 'cdd', kind: 'provincial_office', nameTh: `สำนักงานพัฒนาชุมชนจังหวัด${p.name_th}`, nameEn: `${p.name_en} Provincial Community Development Office`, ...area, office: null });
      add({ code: `sso-province-${p.code}`, parent: 'sso', kind: 'sso_provincial_office', nameTh: `สำนักงานประกันสังคมจังหวัด${p.name_th}`, nameEn: `${p.name_en} Provincial Social Security Office`, ...area, districtCode: capital.code, office: inTown });
    }
    add({
      code: `dol-province-${p.code}`,
      parent: 'dol',
      kind: 'land_provincial_office',
      nameTh: p.code === '10' ? 'สำนักงานที่ดินกรุงเทพมหานคร' : `สำนักงานที่ดินจังหวัด${p.name_th}`,
      nameEn: `${p.name_en} Land Office`,
      ...area,
      districtCode: capital.code,
      office: inTown,
    });
    add({
      code: `dlt-province-${p.code}`,
      parent: 'dlt',
      kind: 'dlt_provincial_office',
      nameTh: p.code === '10' ? 'กรมการขนส่งทางบก (จตุจักร)' : `สำนักงานขนส่งจังหวัด${p.name_th}`,
      nameEn: p.code === '10' ? 'Department of Land Transport (Chatuchak)' : `${p.name_en} Provincial Land Transport Office`,
      ...area,
      districtCode: p.code === '10' ? '1030' : capital.code,
      office: p.code === '10' ? districtCentre(districtByCode.get('1030') as DistrictRecord) : inTown,
    });
  }

  for (const d of districts) {
    const province = provinceName.get(d.province_code);
    if (!province) throw new Error(`district ${d.code} without province`);
    const area = { provinceCode: d.province_code, districtCode: d.code, abbrTh: null };
    if (d.kind === 'khet') continue; // Bangkok's district offices belong to the BMA, below
    add({ code: `dopa-district-${d.code}`, parent: `dopa-province-${d.province_code}`, kind: 'district_office', nameTh: `ที่ว่าการอำเภอ${d.name_th}`, nameEn: `${d.name_en} District Office`, ...area, office: districtCentre(d) });
    add({ code: `cdd-district-${d.code}`, parent: `cdd-province-${d.province_code}`, kind: 'cdd_district_office', nameTh: `สำนักงานพัฒนาชุมชนอำเภอ${d.name_th}`, nameEn: `${d.name_en} District Community Development Office`, ...area, office: districtCentre(d) });
  }

  // Bangkok: a special local government by its own act, not under the DLA.
  const bangkokHall = districtByCode.get('1001') as DistrictRecord;
  add({ code: 'bma', parent: null, kind: 'bangkok', nameTh: 'กรุงเทพมหานคร', nameEn: 'Bangkok Metropolitan Administration', abbrTh: 'กทม.', provinceCode: '10', districtCode: '1001', office: districtCentre(bangkokHall) });
  for (const d of districtsOf('10')) {
    add({ code: `bma-district-${d.code}`, parent: 'bma', kind: 'bangkok_district_office', nameTh: `สำนักงานเขต${d.name_th}`, nameEn: `${d.name_en} District Office`, abbrTh: null, provinceCode: '10', districtCode: d.code, office: districtCentre(d) });
  }

  for (const lao of readLocalOrganisations()) {
    const kind = LAO_KIND[lao.type];
    const names = KIND_NAMES[kind];
    const district = districtByCode.get(lao.district_code);
    if (!district || !names) throw new Error(`LAO ${lao.dla_code}: unknown district or kind`);
    const localSubdistricts = subdistrictsByDistrict.get(district.code) ?? [];
    const namesake = localSubdistricts.find((s) => s.name_th === lao.name_th);
    const placeEn =
      namesake?.name_en ??
      (district.name_th === lao.name_th || `เมือง${lao.name_th}` === district.name_th ? district.name_en.replace(/^Mueang /, '') : undefined) ??
      (provinceName.get(lao.province_code)?.name_th === lao.name_th ? provinceName.get(lao.province_code)?.name_en : undefined);
    const usable = lao.office_coord_check === 'inside_own_district' && lao.office_lat !== null && lao.office_lon !== null;
    const office: OfficeLocation = usable
      ? { lat: lao.office_lat as number, lng: lao.office_lon as number, fromSource: true, subdistrictCode: namesake?.code ?? nearestSubdistrict(localSubdistricts, lao.office_lat as number, lao.office_lon as number) }
      : namesake
        ? { lat: namesake.lat, lng: namesake.lon, fromSource: false, subdistrictCode: namesake.code }
        : districtCentre(district);
    add({
      code: `lao-${lao.dla_code}`,
      parent: `dla-province-${lao.province_code}`,
      kind,
      nameTh: lao.full_name_th,
      nameEn: kind === 'pattaya' ? 'Pattaya City' : placeEn ? `${placeEn} ${names.en}` : null,
      abbrTh: names.abbrTh ? `${names.abbrTh}${lao.name_th}` : null,
      provinceCode: lao.province_code,
      districtCode: lao.district_code,
      office,
    });
  }
  return tree;
}

function nearestSubdistrict(candidates: SubdistrictRecord[], lat: number, lng: number): string | null {
  let best: SubdistrictRecord | null = null;
  let bestDistance = Infinity;
  for (const s of candidates) {
    const distance = (s.lat - lat) ** 2 + ((s.lon - lng) * Math.cos((lat * Math.PI) / 180)) ** 2;
    if (distance < bestDistance) {
      best = s;
      bestDistance = distance;
    }
  }
  return best?.code ?? null;
}

export async function insertOrganisations(db: Db, tree: OrganisationSeed[]): Promise<void> {
  await insertInBatches(
    db,
    organisations,
    tree.map(({ office: _office, ...org }) => org),
  );
  await db.execute(sql`select setval(pg_get_serial_sequence('organisations', 'id'), (select max(id) from organisations))`);
}
