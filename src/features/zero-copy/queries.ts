/** Reading a point's Zero Copy declarations for the point page, the manual page and the API. */
import { sql, type SQL } from 'drizzle-orm';
import { rows, type Db } from '../../db/client.js';
import { manualZeroCopy, type Declaration, type DocumentFacts, type ManualZeroCopy, type ZeroCopyStatus } from './state.js';

/** A document of a manual linked to a point, with the point's declaration for it if any. */
export interface PointDocument extends DocumentFacts {
  manualId: number;
  status: ZeroCopyStatus | null;
  method: string | null;
  reason: string | null;
  planDate: string | null;
}

const declarationOf = (row: PointDocument): Declaration | null =>
  row.status ? { status: row.status, method: row.method, reason: row.reason, planDate: row.planDate } : null;

/**
 * The in-scope documents (state-issued, copies asked) of every manual linked to the point `pointId`
 * (an SQL expression), with the point's declarations beside them, as one JSON array: a few rows
 * per manual, read inside the point page's single query.
 */
export const pointDocumentsJson = (pointId: SQL): SQL => sql`(
  select coalesce(json_agg(json_build_object(
    'manualId', d.manual_id, 'id', d.id, 'governmentIssued', d.government_issued, 'copies', d.copies,
    'status', z.status, 'method', z.method, 'reason', z.reason, 'planDate', z.plan_date::text)), '[]')
  from point_manuals pm
  join manual_documents d on d.manual_id = pm.manual_id and d.government_issued and d.copies > 0
  left join zero_copy_statuses z on z.point_id = pm.point_id and z.document_id = d.id
  where pm.point_id = ${pointId})`;

/** The Zero Copy summary of each manual, by manual id, from the rows of `pointDocumentsJson`. */
export function zeroCopyByManual(documents: PointDocument[]): Map<number, ManualZeroCopy> {
  const byManual = new Map<number, { documents: DocumentFacts[]; declarations: Map<number, Declaration> }>();
  for (const row of documents) {
    let entry = byManual.get(row.manualId);
    if (!entry) {
      entry = { documents: [], declarations: new Map() };
      byManual.set(row.manualId, entry);
    }
    entry.documents.push({ id: row.id, governmentIssued: row.governmentIssued, copies: row.copies });
    const declaration = declarationOf(row);
    if (declaration) entry.declarations.set(row.id, declaration);
  }
  return new Map([...byManual].map(([manualId, entry]) => [manualId, manualZeroCopy(entry.documents, entry.declarations)]));
}

/** What a point declared for the documents of one manual, by document id. */
export async function declarationsFor(db: Db, pointId: number, manualId: number): Promise<Map<number, Declaration>> {
  const declared = await rows<PointDocument>(
    db,
    sql`select d.manual_id as "manualId", d.id, d.government_issued as "governmentIssued", d.copies,
          z.status, z.method, z.reason, z.plan_date::text as "planDate"
        from zero_copy_statuses z
        join manual_documents d on d.id = z.document_id
        where z.point_id = ${pointId} and d.manual_id = ${manualId}`,
  );
  const map = new Map<number, Declaration>();
  for (const row of declared) {
    const declaration = declarationOf(row);
    if (declaration) map.set(row.id, declaration);
  }
  return map;
}
