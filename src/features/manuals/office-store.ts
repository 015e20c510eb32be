/**
 * Manuals in the database as `ManualRecord`s and back: what the editor, the import and the export
 * read and write. Saving keeps the ids of documents that stay (matched by Thai name), because
 * points' Zero Copy declarations hang on them.
 */
import { asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { hasRole, scopeSql, can, type Actor } from '../../auth/access.js';
import { diff } from '../../auth/audit.js';
import { rows, type Db } from '../../db/client.js';
import { manualDocuments, manuals, manualSteps, organisations } from '../../db/schema.js';
import { likeEscape, normaliseForSearch, queryChunks } from '../../i18n/text.js';
import type { OrganisationRecord } from '../organisations/queries.js';
import { DURATION_UNITS, manualRows, STEP_KINDS, type DurationUnit, type ManualRecord } from './catalogue.js';

export const MANUAL_STATUSES = ['draft', 'published'] as const;
export type ManualStatus = (typeof MANUAL_STATUSES)[number];

export interface StoredManual {
  id: number;
  slug: string;
  status: ManualStatus;
  owner: OrganisationRecord | null;
  updatedAt: Date;
  record: ManualRecord;
}

const asUnit = (unit: string | null): DurationUnit | null => (DURATION_UNITS as readonly string[]).includes(unit ?? '') ? (unit as DurationUnit) : null;
const asKind = (kind: string): ManualRecord['steps'][number]['kind'] => ((STEP_KINDS as readonly string[]).includes(kind) ? (kind as ManualRecord['steps'][number]['kind']) : 'other');

function groupBy<T>(items: T[], key: (item: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

/** Who may edit a manual: the owner's managers (its subtree), and admins for ownerless ones. */
export function canEditManual(actor: Actor, owner: OrganisationRecord | null): boolean {
  return owner ? can(actor, 'manage', owner) : hasRole(actor, 'admin');
}

/** Drafts are seen only inside the owner's read scope; published manuals are public. */
export function canSeeManual(actor: Actor, manual: { status: string; owner: OrganisationRecord | null }): boolean {
  return manual.status === 'published' || (manual.owner ? can(actor, 'read', manual.owner) : hasRole(actor, 'admin'));
}

export async function storedManual(db: Db, slug: string): Promise<StoredManual | null> {
  return (await storedManuals(db, [slug])).get(slug) ?? null;
}

/** Several manuals by slug, in four queries whatever their number. */
export async function storedManuals(db: Db, slugs: string[]): Promise<Map<string, StoredManual>> {
  const found = new Map<string, StoredManual>();
  if (slugs.length === 0) return found;
  const heads = await db.select().from(manuals).where(inArray(manuals.slug, slugs));
  if (heads.length === 0) return found;
  const ids = heads.map((m) => m.id);
  const ownerIds = [...new Set(heads.map((m) => m.ownerOrganisationId).filter((id): id is number => id !== null))];
  // One query after another: inside a transaction they share one connection.
  const steps = await db.select().from(manualSteps).where(inArray(manualSteps.manualId, ids)).orderBy(asc(manualSteps.position), asc(manualSteps.id));
  const documents = await db.select().from(manualDocuments).where(inArray(manualDocuments.manualId, ids)).orderBy(asc(manualDocuments.position), asc(manualDocuments.id));
  const owners: OrganisationRecord[] = ownerIds.length
    ? await db
        .select({
          id: organisations.id,
          code: organisations.code,
          path: organisations.path,
          kind: organisations.kind,
          nameTh: organisations.nameTh,
          nameEn: organisations.nameEn,
          provinceCode: organisations.provinceCode,
          districtCode: organisations.districtCode,
        })
        .from(organisations)
        .where(inArray(organisations.id, ownerIds))
    : [];
  const stepsOf = groupBy(steps, (s) => s.manualId);
  const documentsOf = groupBy(documents, (d) => d.manualId);
  const ownerById = new Map(owners.map((o) => [o.id, o]));
  for (const m of heads) {
    const owner = m.ownerOrganisationId === null ? null : (ownerById.get(m.ownerOrganisationId) ?? null);
    const record: ManualRecord = {
      id: m.slug,
      title_th: m.titleTh,
      title_en: m.titleEn ?? '',
      synonyms_th: m.synonymsTh,
      synonyms_en: m.synonymsEn,
      owner_agency: owner ? owner.code.slice(0, 40) : '-',
      owner_agency_th: m.ownerAgencyTh,
      owner_agency_en: m.ownerAgencyEn ?? '',
      ministry_th: m.ministryTh,
      ministry_en: m.ministryEn,
      service_category_th: m.categoryTh,
      service_category_en: m.categoryEn,
      legal_basis: m.legalBasis.map((law) => ({ th: law.th, en: law.en })),
      statutory_time_limit_th: m.statutoryTimeTh,
      statutory_time_limit_en: m.statutoryTimeEn,
      criteria_th: m.criteriaTh,
      criteria_en: m.criteriaEn,
      hours_th: m.hoursTh,
      hours_en: m.hoursEn,
      steps: (stepsOf.get(m.id) ?? []).map((s) => ({
          kind: asKind(s.kind),
          title_th: s.titleTh,
          title_en: s.titleEn,
          duration_value: s.durationValue,
          duration_unit: asUnit(s.durationUnit) ?? 'day',
          responsible_th: s.responsibleTh,
          responsible_en: s.responsibleEn,
        })),
      total_time_value: m.totalTimeValue,
      total_time_unit: asUnit(m.totalTimeUnit),
      fees: m.fees.map((f) => ({ description_th: f.descriptionTh, description_en: f.descriptionEn, amount_baht: f.amountBaht, note_th: f.noteTh, note_en: f.noteEn })),
      documents: (documentsOf.get(m.id) ?? []).map((d) => ({
          name_th: d.nameTh,
          name_en: d.nameEn,
          issuing_agency_th: d.issuingAgencyTh,
          issuing_agency_en: d.issuingAgencyEn,
          government_issued: d.governmentIssued,
          identity: d.identity,
          originals: d.originals,
          copies: d.copies,
          unit_th: d.unitTh,
          condition_th: d.conditionTh,
          condition_en: d.conditionEn,
        })),
      complaint_channels: m.complaintChannels.map((c) => ({ name_th: c.nameTh, name_en: c.nameEn, contact: c.contact })),
      offered_at: m.offeredAt,
      source: { url: m.sourceUrl, basis: m.sourceNote ?? '' },
    };
    found.set(m.slug, { id: m.id, slug: m.slug, status: m.status === 'draft' ? 'draft' : 'published', owner, updatedAt: m.updatedAt, record });
  }
  return found;
}

export interface SaveResult {
  id: number;
  created: boolean;
  /** for the audit log: { field: [before, after] } */
  changes: Record<string, unknown>;
}

/**
 * Creates or replaces a manual from a validated record, inside the caller's transaction. An
 * existing manual keeps its owner; its steps are rewritten, its documents updated in place.
 */
export async function saveManual(
  tx: Db,
  record: ManualRecord,
  options: { existing: StoredManual | null; ownerOrganisationId: number; status: ManualStatus },
): Promise<SaveResult> {
  const { existing } = options;
  const { manual, steps, documents } = manualRows(record, existing ? (existing.owner?.id ?? null) : options.ownerOrganisationId);
  if (!existing) {
    const [inserted] = await tx.insert(manuals).values({ ...manual, status: options.status }).returning({ id: manuals.id });
    if (!inserted) throw new Error('manual not created');
    await tx.insert(manualSteps).values(steps.map((s) => ({ ...s, manualId: inserted.id })));
    if (documents.length) await tx.insert(manualDocuments).values(documents.map((d) => ({ ...d, manualId: inserted.id })));
    return { id: inserted.id, created: true, changes: { slug: record.id, status: options.status, title_th: record.title_th } };
  }

  const { slug: _slug, ownerOrganisationId: _owner, ...fields } = manual;
  await tx
    .update(manuals)
    .set({ ...fields, status: options.status, updatedAt: new Date() })
    .where(eq(manuals.id, existing.id));
  await tx.delete(manualSteps).where(eq(manualSteps.manualId, existing.id));
  await tx.insert(manualSteps).values(steps.map((s) => ({ ...s, manualId: existing.id })));

  // Documents that keep their Thai name keep their id (and the points' Zero Copy states on it).
  const current = await tx.select({ id: manualDocuments.id, nameTh: manualDocuments.nameTh }).from(manualDocuments).where(eq(manualDocuments.manualId, existing.id)).orderBy(asc(manualDocuments.position), asc(manualDocuments.id));
  const free = new Map<string, number[]>();
  for (const doc of current) {
    const key = normaliseForSearch(doc.nameTh);
    free.set(key, [...(free.get(key) ?? []), doc.id]);
  }
  const kept = new Set<number>();
  for (const doc of documents) {
    const id = free.get(normaliseForSearch(doc.nameTh))?.shift();
    if (id !== undefined) {
      kept.add(id);
      await tx.update(manualDocuments).set(doc).where(eq(manualDocuments.id, id));
    } else {
      await tx.insert(manualDocuments).values({ ...doc, manualId: existing.id });
    }
  }
  const removed = current.filter((doc) => !kept.has(doc.id)).map((doc) => doc.id);
  if (removed.length) await tx.delete(manualDocuments).where(inArray(manualDocuments.id, removed));

  const changes: Record<string, unknown> = diff(existing.record as unknown as Record<string, unknown>, { ...record, owner_agency: existing.record.owner_agency });
  if (existing.status !== options.status) changes.status = [existing.status, options.status];
  return { id: existing.id, created: false, changes };
}

export interface ManualListItem {
  id: number;
  slug: string;
  titleTh: string;
  titleEn: string | null;
  ownerAgencyTh: string;
  ownerAgencyEn: string | null;
  status: ManualStatus;
  updatedAt: Date;
  editable: boolean;
}

export interface ManualListQuery {
  q: string;
  mine: boolean;
  status: ManualStatus | null;
  page: number;
  pageSize: number;
}

/** The catalogue as the actor may see it: every published manual, drafts within the read scope. */
export async function listOfficeManuals(db: Db, actor: Actor, query: ManualListQuery): Promise<{ items: ManualListItem[]; total: number }> {
  const editable = sql`coalesce(${scopeSql(actor, 'manage', 'o')}, false)`;
  const conditions: SQL[] = [sql`(m.status = 'published' or coalesce(${scopeSql(actor, 'read', 'o')}, false))`];
  const words = queryChunks(query.q).flatMap((chunk) => chunk.words);
  if (words.length) {
    const all = sql.join(
      words.map((word) => sql`m.search_text like ${`%${likeEscape(word)}%`}`),
      sql` and `,
    );
    conditions.push(sql`((${all}) or m.slug = ${query.q.trim().toLowerCase()})`);
  }
  if (query.mine) conditions.push(editable);
  if (query.status) conditions.push(sql`m.status = ${query.status}`);
  const where = sql.join(conditions, sql` and `);
  const from = sql`from manuals m left join organisations o on o.id = m.owner_organisation_id where ${where}`;
  const [items, [counted]] = await Promise.all([
    rows<ManualListItem>(
      db,
      sql`select m.id, m.slug, m.title_th as "titleTh", m.title_en as "titleEn", m.owner_agency_th as "ownerAgencyTh", m.owner_agency_en as "ownerAgencyEn",
            m.status, m.updated_at as "updatedAt", ${editable} as editable
          ${from}
          order by m.title_th, m.id
          limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`,
    ),
    rows<{ total: number }>(db, sql`select count(*)::int as total ${from}`),
  ]);
  return { items, total: counted?.total ?? 0 };
}

/** The slugs of every manual the actor may edit (what the export holds). */
export async function editableManualSlugs(db: Db, actor: Actor): Promise<string[]> {
  const found = await rows<{ slug: string }>(
    db,
    sql`select m.slug from manuals m left join organisations o on o.id = m.owner_organisation_id
        where coalesce(${scopeSql(actor, 'manage', 'o')}, false) order by m.slug`,
  );
  return found.map((row) => row.slug);
}
