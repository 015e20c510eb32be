/**
 * Applying a bulk import: every row is checked (schema, domain rules, duplicate ids, ownership of
 * existing ids) and either all rows are written in one transaction, or nothing is and the report
 * lists every problem by row.
 */
import { audit } from '../../auth/audit.js';
import type { Actor } from '../../auth/access.js';
import type { Db } from '../../db/client.js';
import { AppError, type FieldIssue } from '../../http/errors.js';
import type { ManualRecord } from './catalogue.js';
import type { ImportRow } from './import.js';
import { canEditManual, saveManual, storedManuals, type ManualStatus } from './office-store.js';
import { recordIssues, withComputedTotal } from './record-rules.js';

export interface RowProblem extends FieldIssue {
  row: number;
}

export type ImportOutcome =
  | { ok: false; problems: RowProblem[]; rows: number }
  | { ok: true; created: { slug: string; title: string }[]; updated: { slug: string; title: string }[] };

const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === '23505' || (error as { cause?: { code?: string } } | null)?.cause?.code === '23505';

export async function applyImport(db: Db, actor: Actor, rows: ImportRow[], newStatus: ManualStatus): Promise<ImportOutcome> {
  try {
    return await db.transaction(async (tx) => {
      const problems: RowProblem[] = [];
      const firstRowOf = new Map<string, number>();
      for (const row of rows) {
        const issues = [...row.issues];
        for (const issue of recordIssues(row.value)) if (!issues.some((known) => known.field === issue.field)) issues.push(issue);
        const id = (row.value as { id?: unknown } | null)?.id;
        if (typeof id === 'string' && id) {
          const first = firstRowOf.get(id);
          if (first !== undefined) issues.push({ field: 'id', th: `รหัส “${id}” ซ้ำกับแถวที่ ${first}`, en: `The id “${id}” is also used in row ${first}` });
          else firstRowOf.set(id, row.row);
        }
        problems.push(...issues.map((issue) => ({ ...issue, row: row.row })));
      }

      const existing = await storedManuals(tx, [...firstRowOf.keys()]);
      for (const [slug, manual] of existing) {
        if (!canEditManual(actor, manual.owner)) {
          problems.push({
            row: firstRowOf.get(slug) ?? 0,
            field: 'id',
            th: `รหัส “${slug}” เป็นคู่มือของหน่วยงานอื่น คุณแก้ไขไม่ได้ — ใช้รหัสอื่นสำหรับคู่มือใหม่`,
            en: `The id “${slug}” is another agency’s manual, which you cannot change — use another id for a new manual`,
          });
        }
      }
      if (problems.length > 0) return { ok: false, problems: problems.sort((a, b) => a.row - b.row), rows: rows.length };

      const created: { slug: string; title: string }[] = [];
      const updated: { slug: string; title: string }[] = [];
      for (const row of rows) {
        const record = withComputedTotal(row.value as ManualRecord);
        const before = existing.get(record.id) ?? null;
        const saved = await saveManual(tx, record, { existing: before, ownerOrganisationId: actor.organisationId, status: before ? before.status : newStatus });
        await audit(tx, actor, {
          action: saved.created ? 'manual.create' : 'manual.update',
          entity: 'manual',
          entityId: saved.id,
          organisationId: before ? (before.owner?.id ?? null) : actor.organisationId,
          changes: { ...saved.changes, via: 'import' },
        });
        (saved.created ? created : updated).push({ slug: record.id, title: record.title_th });
      }
      return { ok: true, created, updated };
    });
  } catch (error) {
    // Another import created one of these ids at the same moment.
    if (isUniqueViolation(error)) throw new AppError('conflict', [], { cause: error });
    throw error;
  }
}
