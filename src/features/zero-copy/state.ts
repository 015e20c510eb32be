/**
 * Zero Copy: may this office still demand a photocopy of a document the state itself issued?
 * (docs/decisions/0007-zero-copy-badge.md)
 *
 * The rule, precisely (shown to citizens on the point and manual pages, and used by the API):
 *
 * - A document is *in scope* when the manual marks it as state-issued (`government_issued`) and
 *   asks for at least one copy of it (`copies > 0`). Documents the citizen makes, and state
 *   documents of which the manual asks no copy, are out of scope.
 * - An in-scope document is *no longer requested as a copy* at a point only when that point
 *   declared `verified_at_source` (smart card reader or data link) or `copy_by_office` (the office
 *   makes the copy free of charge). With `copy_required`, or with no declaration at all, the
 *   manual's copy count applies: the copy counts as *still requested*.
 * - Per manual at a point the badge is
 *   - `no_copies` ("ไม่ต้องใช้สำเนา") when no in-scope document is still requested (this includes
 *     manuals without in-scope documents);
 *   - `undeclared` ("ยังไม่ได้แจ้งสถานะ") when the manual has in-scope documents and the point
 *     declared none of them — the copies are still requested, but the office has not said;
 *   - `copies_requested` ("ยังขอสำเนา N รายการ") otherwise, with N = in-scope documents still
 *     requested (documents, not sheets of paper).
 */

export const ZERO_COPY_STATUSES = ['copy_required', 'verified_at_source', 'copy_by_office'] as const;
export type ZeroCopyStatus = (typeof ZERO_COPY_STATUSES)[number];

/** What a point declared for one document (a row of zero_copy_statuses). */
export interface Declaration {
  status: ZeroCopyStatus;
  /** for verified_at_source: data_link | smart_card */
  method: string | null;
  reason: string | null;
  /** YYYY-MM-DD: when the office plans to stop demanding the copy */
  planDate: string | null;
}

/** The facts of a manual's document that Zero Copy depends on. */
export interface DocumentFacts {
  id: number;
  governmentIssued: boolean;
  copies: number;
}

export type DocumentState =
  | { kind: 'out_of_scope' }
  | { kind: 'undeclared' }
  | { kind: 'verified_at_source'; method: 'smart_card' | 'data_link' | null }
  | { kind: 'copy_by_office' }
  | { kind: 'copy_required'; reason: string | null; planDate: string | null };

export const inScope = (document: DocumentFacts): boolean => document.governmentIssued && document.copies > 0;

export function documentState(document: DocumentFacts, declaration: Declaration | undefined): DocumentState {
  if (!inScope(document)) return { kind: 'out_of_scope' };
  if (!declaration) return { kind: 'undeclared' };
  switch (declaration.status) {
    case 'verified_at_source':
      return { kind: 'verified_at_source', method: declaration.method === 'smart_card' || declaration.method === 'data_link' ? declaration.method : null };
    case 'copy_by_office':
      return { kind: 'copy_by_office' };
    case 'copy_required':
      return { kind: 'copy_required', reason: declaration.reason, planDate: declaration.planDate };
  }
}

export const stillRequested = (state: DocumentState): boolean => state.kind === 'undeclared' || state.kind === 'copy_required';

export type ManualBadge = 'no_copies' | 'copies_requested' | 'undeclared';

export interface ManualZeroCopy {
  badge: ManualBadge;
  /** in-scope documents of the manual */
  inScope: number;
  /** of those, the ones the point declared */
  declared: number;
  /** of those, the ones whose copy is still requested (undeclared or copy_required) */
  stillRequested: number;
}

/** The Zero Copy summary of one manual at one point; `declarations` is keyed by document id. */
export function manualZeroCopy(documents: DocumentFacts[], declarations: ReadonlyMap<number, Declaration>): ManualZeroCopy {
  let scoped = 0;
  let declared = 0;
  let requested = 0;
  for (const document of documents) {
    const state = documentState(document, declarations.get(document.id));
    if (state.kind === 'out_of_scope') continue;
    scoped++;
    if (state.kind !== 'undeclared') declared++;
    if (stillRequested(state)) requested++;
  }
  const badge: ManualBadge = requested === 0 ? 'no_copies' : declared === 0 ? 'undeclared' : 'copies_requested';
  return { badge, inScope: scoped, declared, stillRequested: requested };
}
