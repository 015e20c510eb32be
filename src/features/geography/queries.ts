/** Provinces, districts and what is in them, for the browse pages and for other features' filters. */
import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../db/client.js';

/** DOPA codes: two digits for a province, four for a district (the province's two first). */
export const PROVINCE_CODE_PATTERN = '^[0-9]{2}$';
export const DISTRICT_CODE_PATTERN = '^[0-9]{4}$';

export interface Province {
  code: string;
  nameTh: string;
  nameEn: string;
  regionId: number | null;
}

export function listProvinces(db: Db): Promise<Province[]> {
  return rows<Province>(db, sql`select code, name_th as "nameTh", name_en as "nameEn", region_id as "regionId" from provinces order by name_th`);
}

export async function findProvince(db: Db, code: string): Promise<Province | null> {
  const [province] = await rows<Province>(
    db,
    sql`select code, name_th as "nameTh", name_en as "nameEn", region_id as "regionId" from provinces where code = ${code}`,
  );
  return province ?? null;
}

export interface District {
  code: string;
  provinceCode: string;
  nameTh: string;
  nameEn: string;
  /** amphoe | khet */
  kind: string;
  /** active service points in the district */
  points: number;
}

export function districtsOf(db: Db, provinceCode: string): Promise<District[]> {
  return rows<District>(
    db,
    sql`select d.code, d.province_code as "provinceCode", d.name_th as "nameTh", d.name_en as "nameEn", d.kind,
          (select count(*)::int from service_points p where p.province_code = d.province_code and p.district_code = d.code and p.status = 'active') as points
        from districts d where d.province_code = ${provinceCode}
        order by d.name_th`,
  );
}

export async function findDistrict(db: Db, code: string): Promise<Omit<District, 'points'> | null> {
  const [district] = await rows<Omit<District, 'points'>>(
    db,
    sql`select code, province_code as "provinceCode", name_th as "nameTh", name_en as "nameEn", kind from districts where code = ${code}`,
  );
  return district ?? null;
}

export interface OrganisationWithPoints {
  id: number;
  code: string;
  kind: string;
  nameTh: string;
  nameEn: string | null;
  points: { code: string; nameTh: string; nameEn: string | null; addressTh: string | null; addressEn: string | null }[];
}

/** The organisations seated in a district, each with its active service points there. */
export async function organisationsIn(db: Db, district: { code: string; provinceCode: string }): Promise<OrganisationWithPoints[]> {
  const found = await rows<Omit<OrganisationWithPoints, 'points'> & { points: OrganisationWithPoints['points'] | null }>(
    db,
    sql`select o.id, o.code, o.kind, o.name_th as "nameTh", o.name_en as "nameEn",
          (select json_agg(json_build_object('code', p.code, 'nameTh', p.name_th, 'nameEn', p.name_en, 'addressTh', p.address_th, 'addressEn', p.address_en)
                           order by p.name_th, p.id)
             from service_points p where p.organisation_id = o.id and p.status = 'active') as points
        from organisations o
        where o.province_code = ${district.provinceCode} and o.district_code = ${district.code}
        order by o.name_th, o.id`,
  );
  return found.map((organisation) => ({ ...organisation, points: organisation.points ?? [] }));
}
