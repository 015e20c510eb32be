import { describe, expect, it } from 'vitest';
import { documentState, manualZeroCopy, type Declaration, type DocumentFacts } from './state.js';

const idCardCopy: DocumentFacts = { id: 1, governmentIssued: true, copies: 1 };
const houseRegistrationCopy: DocumentFacts = { id: 2, governmentIssued: true, copies: 2 };
const idCardOriginalOnly: DocumentFacts = { id: 3, governmentIssued: true, copies: 0 };
const applicantLetter: DocumentFacts = { id: 4, governmentIssued: false, copies: 1 };
const all = [idCardCopy, houseRegistrationCopy, idCardOriginalOnly, applicantLetter];

const declared = (status: Declaration['status'], extra: Partial<Declaration> = {}): Declaration => ({ status, method: null, reason: null, planDate: null, ...extra });

describe('Zero Copy state of one document', () => {
  it('leaves out documents the state did not issue, and state documents of which no copy is asked', () => {
    expect(documentState(applicantLetter, declared('copy_required')).kind).toBe('out_of_scope');
    expect(documentState(idCardOriginalOnly, undefined).kind).toBe('out_of_scope');
  });

  it('reads each declaration, and no declaration as undeclared', () => {
    expect(documentState(idCardCopy, undefined)).toEqual({ kind: 'undeclared' });
    expect(documentState(idCardCopy, declared('verified_at_source', { method: 'smart_card' }))).toEqual({ kind: 'verified_at_source', method: 'smart_card' });
    expect(documentState(idCardCopy, declared('verified_at_source', { method: 'fax' }))).toEqual({ kind: 'verified_at_source', method: null });
    expect(documentState(idCardCopy, declared('copy_by_office'))).toEqual({ kind: 'copy_by_office' });
    expect(documentState(idCardCopy, declared('copy_required', { reason: 'no reader', planDate: '2027-01-31' }))).toEqual({
      kind: 'copy_required',
      reason: 'no reader',
      planDate: '2027-01-31',
    });
  });
});

describe('Zero Copy badge of a manual at a point', () => {
  it('needs no copies when the manual asks no copy of a state document', () => {
    expect(manualZeroCopy([idCardOriginalOnly, applicantLetter], new Map())).toEqual({ badge: 'no_copies', inScope: 0, declared: 0, stillRequested: 0 });
  });

  it('is undeclared while the point declared none of the in-scope documents, counting them as still requested', () => {
    expect(manualZeroCopy(all, new Map())).toEqual({ badge: 'undeclared', inScope: 2, declared: 0, stillRequested: 2 });
  });

  it('counts an undeclared document as still requested once the point declared another', () => {
    const declarations = new Map([[idCardCopy.id, declared('verified_at_source', { method: 'data_link' })]]);
    expect(manualZeroCopy(all, declarations)).toEqual({ badge: 'copies_requested', inScope: 2, declared: 1, stillRequested: 1 });
  });

  it('counts copy_required as still requested', () => {
    const declarations = new Map([
      [idCardCopy.id, declared('copy_required')],
      [houseRegistrationCopy.id, declared('copy_required')],
    ]);
    expect(manualZeroCopy(all, declarations)).toMatchObject({ badge: 'copies_requested', stillRequested: 2 });
  });

  it('needs no copies when every in-scope document is verified at the source or copied by the office', () => {
    const declarations = new Map([
      [idCardCopy.id, declared('verified_at_source', { method: 'smart_card' })],
      [houseRegistrationCopy.id, declared('copy_by_office')],
      // A declaration for an out-of-scope document changes nothing.
      [applicantLetter.id, declared('copy_required')],
    ]);
    expect(manualZeroCopy(all, declarations)).toEqual({ badge: 'no_copies', inScope: 2, declared: 2, stillRequested: 0 });
  });
});
