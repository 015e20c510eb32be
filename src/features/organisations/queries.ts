import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../db/client.js';
import { likeEscape, normaliseForSearch } from '../../i18n/text.js';

export interface OrganisationChoice {
  id: number;
  code: string;
  nameTh: string;
  nameEn: string | null;
  kind: string;
  provinceTh: string | null;
  /** names of the parents, from the top: กระทรวงมหาดไทย › กรมส่งเสริมการปกครองท้องถิ่น › … */
  parentsTh: string[];
}

/**
 * Organisations whose Thai or English name or abbreviation contains every word typed, optionally
 * within a province — for the registration picker. Short, exact names come first.
 */
export async function findOrganisations(db: Db, query: string, provinceCode?: string, limit = 20): Promise<OrganisationChoice[]> {
  const words = normaliseForSearch(query).split(' ').filter(Boolean).slice(0, 6);
  if (words.length === 0) return [];
  const matches = words.map(
    (word) => sql`(lower(o.name_th) like ${`%${likeEscape(word)}%`} or lower(coalesce(o.name_en, '')) like ${`%${likeEscape(word)}%`}
      or lower(replace(coalesce(o.abbr_th, ''), '.', '')) like ${`%${likeEscape(word)}%`})`,
  );
  return rows<OrganisationChoice>(
    db,
    sql`
      select o.id, o.code, o.name_th as "nameTh", o.name_en as "nameEn", o.kind, pr.name_th as "provinceTh",
        coalesce((select array_agg(a.name_th order by length(a.path)) from organisations a
                  where a.id = any(string_to_array(trim(both '/' from o.path), '/')::int[]) and a.id <> o.id), '{}') as "parentsTh"
      from organisations o
      left join provinces pr on pr.code = o.province_code
      where ${sql.join(matches, sql` and `)} ${provinceCode ? sql`and o.province_code = ${provinceCode}` : sql``}
      order by length(o.name_th), o.name_th
      limit ${limit}`,
  );
}

export interface OrganisationRecord {
  id: number;
  code: string;
  path: string;
  kind: string;
  nameTh: string;
  nameEn: string | null;
  provinceCode: string | null;
  districtCode: string | null;
}

export async function organisationById(db: Db, id: number): Promise<OrganisationRecord | null> {
  const [row] = await rows<OrganisationRecord>(
    db,
    sql`select id, code, path, kind, name_th as "nameTh", name_en as "nameEn", province_code as "provinceCode", district_code as "districtCode"
        from organisations where id = ${id}`,
  );
  return row ?? null;
}
