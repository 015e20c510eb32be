import { describe, expect, it } from 'vitest';
import { addDays, copyStillDemanded, countCopies, groupDocuments, isCalendarDate, type DocumentAtPoint } from './office-rules.js';

let nextId = 1;
const doc = (nameTh: string, copies: number, status: DocumentAtPoint['status'] = null, extra: Partial<DocumentAtPoint> = {}): DocumentAtPoint => ({
  documentId: nextId++,
  manualId: nextId,
  manualSlug: `m-${nextId}`,
  manualTitleTh: `คู่มือ ${nextId}`,
  manualTitleEn: null,
  nameTh,
  nameEn: null,
  issuingAgencyTh: 'กรมการปกครอง',
  issuingAgencyEn: null,
  copies,
  status,
  method: status === 'verified_at_source' ? 'smart_card' : null,
  reason: status === 'copy_required' ? 'ยังไม่มีเครื่องอ่านบัตร' : null,
  planDate: status === 'copy_required' ? '2030-01-31' : null,
  ...extra,
});

describe('the count of copies still demanded', () => {
  it('counts a document whose manual asks copies unless it is verified at the source or copied by the office', () => {
    expect(copyStillDemanded(doc('ก', 1))).toBe(true);
    expect(copyStillDemanded(doc('ก', 2, 'copy_required'))).toBe(true);
    expect(copyStillDemanded(doc('ก', 1, 'verified_at_source'))).toBe(false);
    expect(copyStillDemanded(doc('ก', 1, 'copy_by_office'))).toBe(false);
    // No copy asked: nothing to count, whatever was declared.
    expect(copyStillDemanded(doc('ก', 0))).toBe(false);
    expect(copyStillDemanded(doc('ก', 0, 'copy_required'))).toBe(false);
  });

  it('sums per document row, not per sheet of paper', () => {
    const count = countCopies([doc('ก', 3), doc('ข', 1, 'copy_required'), doc('ค', 1, 'verified_at_source'), doc('ง', 2, 'copy_by_office'), doc('จ', 0)]);
    expect(count).toEqual({ asked: 4, stillDemanded: 2, byState: { undeclared: 1, copy_required: 1, verified_at_source: 1, copy_by_office: 1 } });
  });
});

describe('grouping by document name', () => {
  it('puts the same document of several manuals together, whatever its spacing or case', () => {
    const groups = groupDocuments([doc('ทะเบียนบ้าน (ท.ร.14)', 1), doc('บัตรประจำตัวประชาชน', 1), doc('ทะเบียนบ้าน  (ท.ร.14)', 0), doc('ทะเบียนบ้าน (ท.ร.14)', 1, 'copy_by_office')]);
    expect(groups.map((g) => [g.nameTh, g.documents.length, g.stillDemanded])).toEqual([
      ['ทะเบียนบ้าน (ท.ร.14)', 3, 1],
      ['บัตรประจำตัวประชาชน', 1, 1],
    ]);
    expect(groups[0]!.shared).toBe(false);
    expect(groups[0]!.common).toBeNull();
  });

  it('knows the declaration a whole group shares', () => {
    const [group] = groupDocuments([doc('สูติบัตร', 1, 'verified_at_source'), doc('สูติบัตร', 0, 'verified_at_source')]);
    expect(group!.shared).toBe(true);
    expect(group!.common).toEqual({ status: 'verified_at_source', method: 'smart_card', reason: null, planDate: null });
    const [undeclared] = groupDocuments([doc('สูติบัตร', 1), doc('สูติบัตร', 1)]);
    expect(undeclared!.shared).toBe(true);
    expect(undeclared!.common).toBeNull();
  });
});

describe('dates', () => {
  it('checks calendar dates and adds days', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2027-02-29')).toBe(false);
    expect(isCalendarDate('2027-13-01')).toBe(false);
    expect(isCalendarDate('31/01/2027')).toBe(false);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});
