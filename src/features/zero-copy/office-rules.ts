/**
 * Zero Copy at one point, as the back office sees it: every state-issued document of every manual
 * linked to the point, grouped by document name (offices think "ID card copies", not "document 3 of
 * manual 12"), and the count of copies still demanded.
 *
 * The count rule: a state-issued document whose manual asks for copies (copies > 0) counts as a copy
 * still demanded unless the point declared it `verified_at_source` or `copy_by_office`; an
 * undeclared document, or one declared `copy_required`, counts.
 */
import { normaliseForSearch } from '../../i18n/text.js';

export const ZERO_COPY_STATES = ['verified_at_source', 'copy_by_office', 'copy_required'] as const;
export type ZeroCopyState = (typeof ZERO_COPY_STATES)[number];
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
  status: ZeroCopyState | null;
  method: VerifyMethod | null;
  reason: string | null;
  planDate: string | null;
}

export const copyStillDemanded = (document: { copies: number; status: ZeroCopyState | null }): boolean =>
  document.copies > 0 && document.status !== 'verified_at_source' && document.status !== 'copy_by_office';

export interface CopyCount {
  /** documents whose manual asks for copies */
  asked: number;
  /** of those, the copies still demanded */
  stillDemanded: number;
  byState: Record<ZeroCopyState | 'undeclared', number>;
}

export function countCopies(documents: DocumentAtPoint[]): CopyCount {
  const count: CopyCount = { asked: 0, stillDemanded: 0, byState: { verified_at_source: 0, copy_by_office: 0, copy_required: 0, undeclared: 0 } };
  for (const document of documents) {
    if (document.copies <= 0) continue;
    count.asked++;
    if (copyStillDemanded(document)) count.stillDemanded++;
    count.byState[document.status ?? 'undeclared']++;
  }
  return count;
}

export interface Declaration {
  status: ZeroCopyState;
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
