/**
 * Zero Copy at one point, as the back office sees it: every state-issued document of every manual
 * linked to the point, grouped by document name (offices think "ID card copies", not "document 3 of
 * manual 12"), and the count of copies still demanded.
 *
 * The count rule is the one of state.ts (docs/decisions/0007-zero-copy-badge.md): a state-issued
 * document whose manual asks for copies counts as a copy still demanded unless the point declared
 * it `verified_at_source` or `copy_by_office`.
 */
import { normaliseForSearch } from '../../i18n/text.js';
import { documentState, stillRequested, type DocumentState, type ZeroCopyStatus } from './state.js';

export const VERIFY_METHODS = ['smart_card', 'data_link'] as const;
export type VerifyMethod = (typeof VERIFY_METHODS)[number];

/** One state-issued document of a manual linked to the point, with the point's declaration. */
export interface DocumentAtPoint {
  documentId: number;
  manualId: number;
  manualSlug: string;
  manualTitleTh: string;
  manualTitleEn: string | null;
  nameTh: string;
  nameEn: string | null;
  issuingAgencyTh: string | null;
  issuingAgencyEn: string | null;
  copies: number;
  status: ZeroCopyStatus | null;
  method: VerifyMethod | null;
  reason: string | null;
  planDate: string | null;
}

/** The state of a document at the point, as the public pages and the API compute it. */
export const stateAtPoint = (document: Pick<DocumentAtPoint, 'documentId' | 'copies' | 'status' | 'method' | 'reason' | 'planDate'>): DocumentState =>
  documentState(
    { id: document.documentId, governmentIssued: true, copies: document.copies },
    document.status ? { status: document.status, method: document.method, reason: document.reason, planDate: document.planDate } : undefined,
  );

export const copyStillDemanded = (document: DocumentAtPoint): boolean => stillRequested(stateAtPoint(document));

export interface CopyCount {
  /** documents whose manual asks for copies */
  asked: number;
  /** of those, the copies still demanded */
  stillDemanded: number;
  byState: Record<ZeroCopyStatus | 'undeclared', number>;
}

export function countCopies(documents: DocumentAtPoint[]): CopyCount {
  const count: CopyCount = { asked: 0, stillDemanded: 0, byState: { verified_at_source: 0, copy_by_office: 0, copy_required: 0, undeclared: 0 } };
  for (const document of documents) {
    const state = stateAtPoint(document);
    if (state.kind === 'out_of_scope') continue;
    count.asked++;
    if (stillRequested(state)) count.stillDemanded++;
    count.byState[state.kind]++;
  }
  return count;
}

export interface Declaration {
  status: ZeroCopyStatus;
  method: VerifyMethod | null;
  reason: string | null;
  planDate: string | null;
}

export interface DocumentGroup {
  /** the normalised Thai name */
  key: string;
  nameTh: string;
  nameEn: string | null;
  issuingAgencyTh: string | null;
  issuingAgencyEn: string | null;
  documents: DocumentAtPoint[];
  /** some manual asks for copies of this document */
  asked: boolean;
  stillDemanded: number;
  /** every document of the group has the same declaration (or none) */
  shared: boolean;
  /** the declaration every document of the group shares, if they share one */
  common: Declaration | null;
}

const sameDeclaration = (a: DocumentAtPoint, b: DocumentAtPoint) => a.status === b.status && a.method === b.method && a.reason === b.reason && a.planDate === b.planDate;

/** Groups by document name; the most widely used documents first, then by name. */
export function groupDocuments(documents: DocumentAtPoint[]): DocumentGroup[] {
  const groups = new Map<string, DocumentAtPoint[]>();
  for (const document of documents) {
    const key = normaliseForSearch(document.nameTh);
    const group = groups.get(key);
    if (group) group.push(document);
    else groups.set(key, [document]);
  }
  return [...groups]
    .map(([key, members]): DocumentGroup => {
      const first = members[0]!;
      const shared = members.every((member) => sameDeclaration(member, first));
      return {
        key,
        nameTh: first.nameTh,
        nameEn: members.find((member) => member.nameEn)?.nameEn ?? null,
        issuingAgencyTh: members.find((member) => member.issuingAgencyTh)?.issuingAgencyTh ?? null,
        issuingAgencyEn: members.find((member) => member.issuingAgencyEn)?.issuingAgencyEn ?? null,
        documents: members,
        asked: members.some((member) => member.copies > 0),
        stillDemanded: members.filter(copyStillDemanded).length,
        shared,
        common: shared && first.status ? { status: first.status, method: first.method, reason: first.reason, planDate: first.planDate } : null,
      };
    })
    .sort((a, b) => b.documents.length - a.documents.length || a.nameTh.localeCompare(b.nameTh, 'th'));
}

/** `YYYY-MM-DD` plus `days`, in the calendar (no time zone involved). */
export function addDays(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const at = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 10) === value;
}
