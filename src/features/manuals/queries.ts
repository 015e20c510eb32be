/** Reading Citizen's Manuals: the catalogue, one manual with its steps and documents, and where it is given. */
import { sql, type SQL } from 'drizzle-orm';
import { rows, type Db } from '../../db/client.js';
import type { ComplaintChannel, LocalisedText, ManualFee } from '../../db/schema.js';
import { likeEscape, queryChunks } from '../../i18n/text.js';

export const SLUG_PATTERN = '^[a-z0-9]+(-[a-z0-9]+)*$';

export interface ManualSummary {
  id: number;
  slug: string;
  titleTh: string;
  titleEn: string | null;
  ownerCode: string | null;
  ownerAgencyTh: string;
  ownerAgencyEn: string | null;
  ministryTh: string | null;
  ministryEn: string | null;
  categoryTh: string | null;
  categoryEn: string | null;
  totalTimeValue: number | null;
  totalTimeUnit: string | null;
}

export interface ManualQuery {
  q?: string | undefined;
  /** code of the owning organisation, e.g. `dopa` */
  owner?: string | undefined;
  page: number;
  pageSize: number;
}

const summaryColumns = sql`m.id, m.slug, m.title_th as "titleTh", m.title_en as "titleEn", o.code as "ownerCode",
  m.owner_agency_th as "ownerAgencyTh", m.owner_agency_en as "ownerAgencyEn", m.ministry_th as "ministryTh", m.ministry_en as "ministryEn",
  m.category_th as "categoryTh", m.category_en as "categoryEn", m.total_time_value as "totalTimeValue", m.total_time_unit as "totalTimeUnit"`;

/** Every word of the query must appear in the manual's search text (titles, synonyms, owner, category). */
function conditionsOf(query: Pick<ManualQuery, 'q' | 'owner'>): SQL {
  const conditions: SQL[] = [sql`m.status = 'published'`];
  const words = query.q ? [...new Set(queryChunks(query.q).flatMap((chunk) => chunk.words))].slice(0, 12) : [];
  for (const word of words) conditions.push(sql`m.search_text like ${`%${likeEscape(word)}%`}`);
  if (query.owner) conditions.push(sql`o.code = ${query.owner}`);
  return sql.join(conditions, sql` and `);
}

export async function listManuals(db: Db, query: ManualQuery): Promise<{ items: ManualSummary[]; total: number }> {
  const where = conditionsOf(query);
  const [items, [counted]] = await Promise.all([
    rows<ManualSummary>(
      db,
      sql`select ${summaryColumns}
          from manuals m left join organisations o on o.id = m.owner_organisation_id
          where ${where}
          order by m.category_th nulls last, m.title_th, m.id
          limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`,
    ),
    rows<{ total: number }>(db, sql`select count(*)::int as total from manuals m left join organisations o on o.id = m.owner_organisation_id where ${where}`),
  ]);
  return { items, total: counted?.total ?? 0 };
}

export interface ManualStep {
  position: number;
  kind: string;
  titleTh: string;
  titleEn: string | null;
  durationValue: number;
  durationUnit: string;
  responsibleTh: string | null;
  responsibleEn: string | null;
}

export interface ManualDocument {
  id: number;
  position: number;
  nameTh: string;
  nameEn: string | null;
  issuingAgencyTh: string | null;
  issuingAgencyEn: string | null;
  governmentIssued: boolean;
  identity: boolean;
  originals: number;
  copies: number;
  unitTh: string | null;
  conditionTh: string | null;
  conditionEn: string | null;
}

export interface ManualDetail extends ManualSummary {
  legalBasis: LocalisedText[];
  statutoryTimeTh: string | null;
  statutoryTimeEn: string | null;
  criteriaTh: string | null;
  criteriaEn: string | null;
  hoursTh: string | null;
  hoursEn: string | null;
  fees: ManualFee[];
  complaintChannels: ComplaintChannel[];
  sourceUrl: string | null;
  updatedAt: Date;
  steps: ManualStep[];
  documents: ManualDocument[];
}

export async function findManual(db: Db, slug: string): Promise<ManualDetail | null> {
  const [manual] = await rows<Omit<ManualDetail, 'steps' | 'documents'>>(
    db,
    sql`select ${summaryColumns}, m.legal_basis as "legalBasis", m.statutory_time_th as "statutoryTimeTh", m.statutory_time_en as "statutoryTimeEn",
          m.criteria_th as "criteriaTh", m.criteria_en as "criteriaEn", m.hours_th as "hoursTh", m.hours_en as "hoursEn",
          m.fees, m.complaint_channels as "complaintChannels", m.source_url as "sourceUrl", m.updated_at as "updatedAt"
        from manuals m left join organisations o on o.id = m.owner_organisation_id
        where m.slug = ${slug} and m.status = 'published'`,
  );
  if (!manual) return null;
  const [steps, documents] = await Promise.all([
    rows<ManualStep>(
      db,
      sql`select position, kind, title_th as "titleTh", title_en as "titleEn", duration_value as "durationValue", duration_unit as "durationUnit",
            responsible_th as "responsibleTh", responsible_en as "responsibleEn"
          from manual_steps where manual_id = ${manual.id} order by position`,
    ),
    rows<ManualDocument>(
      db,
      sql`select id, position, name_th as "nameTh", name_en as "nameEn", issuing_agency_th as "issuingAgencyTh", issuing_agency_en as "issuingAgencyEn",
            government_issued as "governmentIssued", identity, originals, copies, unit_th as "unitTh",
            condition_th as "conditionTh", condition_en as "conditionEn"
          from manual_documents where manual_id = ${manual.id} order by position`,
    ),
  ]);
  return { ...manual, updatedAt: new Date(manual.updatedAt), steps, documents };
}

export interface PointContext {
  id: number;
  code: string;
  nameTh: string;
  nameEn: string | null;
  lat: number;
  lng: number;
  provinceCode: string;
  status: string;
  /** the point gives this manual's service */
  linked: boolean;
  localNoteTh: string | null;
  localNoteEn: string | null;
}

/** The point a visitor came from, and whether it gives this manual's service. */
export async function pointContext(db: Db, code: string, manualId: number): Promise<PointContext | null> {
  const [point] = await rows<PointContext>(
    db,
    sql`select p.id, p.code, p.name_th as "nameTh", p.name_en as "nameEn", p.lat, p.lng, p.province_code as "provinceCode", p.status,
          pm.point_id is not null as linked, pm.local_note_th as "localNoteTh", pm.local_note_en as "localNoteEn"
        from service_points p
        left join point_manuals pm on pm.point_id = p.id and pm.manual_id = ${manualId}
        where p.code = ${code}`,
  );
  return point ?? null;
}

export interface OtherPoint {
  code: string;
  nameTh: string;
  nameEn: string | null;
  districtTh: string;
  districtEn: string;
  provinceTh: string;
  provinceEn: string;
  /** metres from the point the visitor came from, when there is one */
  distanceM: number | null;
}

const otherPointColumns = sql`p.code, p.name_th as "nameTh", p.name_en as "nameEn", d.name_th as "districtTh", d.name_en as "districtEn",
  pr.name_th as "provinceTh", pr.name_en as "provinceEn"`;

/** The nearest other active points that give a service, by the KNN operator on the points' GiST index. */
export function nearestPointsGiving(db: Db, manualId: number, from: { id: number; lat: number; lng: number }, limit = 5): Promise<OtherPoint[]> {
  const origin = sql`ll_to_earth(${from.lat}::float8, ${from.lng}::float8)`;
  return rows<OtherPoint>(
    db,
    sql`select ${otherPointColumns}, earth_distance(${origin}, ll_to_earth(p.lat, p.lng))::float8 as "distanceM"
        from service_points p
        join districts d on d.code = p.district_code
        join provinces pr on pr.code = p.province_code
        where p.status = 'active' and p.id <> ${from.id}
          and exists (select 1 from point_manuals pm where pm.point_id = p.id and pm.manual_id = ${manualId})
        order by ll_to_earth(p.lat, p.lng) <-> ${origin}
        limit ${limit}`,
  );
}

/** Active points in a province that give a service, by district and name. */
export function pointsGivingInProvince(db: Db, manualId: number, provinceCode: string, limit = 10): Promise<OtherPoint[]> {
  return rows<OtherPoint>(
    db,
    sql`select ${otherPointColumns}, null::float8 as "distanceM"
        from point_manuals pm
        join service_points p on p.id = pm.point_id
        join districts d on d.code = p.district_code
        join provinces pr on pr.code = p.province_code
        where pm.manual_id = ${manualId} and p.province_code = ${provinceCode} and p.status = 'active'
        order by d.name_th, p.name_th, p.id
        limit ${limit}`,
  );
}
