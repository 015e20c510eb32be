/** How Zero Copy states read on the point and manual pages (text first: colour only repeats it). */
import { defineMessages, formatDate, formatNumber } from '../../i18n/index.js';
import { useMessages, useView } from '../../http/view.js';
import type { DocumentState, ManualZeroCopy } from './state.js';

const messages = defineMessages(
  {
    no_copies: 'ไม่ต้องใช้สำเนา',
    copies_requested: (n: string) => `ยังขอสำเนา ${n} รายการ`,
    undeclared: 'ยังไม่ได้แจ้งสถานะ',
    verifiedSmartCard: 'ตรวจสอบจากต้นทาง (เครื่องอ่านบัตร)',
    verifiedDataLink: 'ตรวจสอบจากต้นทาง (เชื่อมโยงข้อมูล)',
    verified: 'ตรวจสอบจากต้นทาง',
    copyByOffice: 'สำนักงานถ่ายสำเนาให้ฟรี',
    copyRequired: 'ยังขอสำเนา',
    reason: 'เหตุผล',
    plan: (date: string) => `เลิกภายใน ${date}`,
    notDeclared: 'ยังไม่แจ้ง',
    noCopyAsked: 'ไม่ขอสำเนา',
    notStateIssued: 'ไม่ใช่เอกสารที่รัฐออก',
  },
  {
    no_copies: 'No copies needed',
    copies_requested: (n: string) => `Still asks for copies of ${n} ${n === '1' ? 'document' : 'documents'}`,
    undeclared: 'Not declared yet',
    verifiedSmartCard: 'Checked at the source (card reader)',
    verifiedDataLink: 'Checked at the source (data link)',
    verified: 'Checked at the source',
    copyByOffice: 'The office makes the copy free of charge',
    copyRequired: 'Copy still required',
    reason: 'Reason',
    plan: (date: string) => `to stop by ${date}`,
    notDeclared: 'Not declared yet',
    noCopyAsked: 'No copy asked',
    notStateIssued: 'Not issued by the state',
  },
);

const BADGE_CLASS = { no_copies: 'ok', copies_requested: 'warn', undeclared: 'neutral' } as const;

/** "ไม่ต้องใช้สำเนา" / "ยังขอสำเนา N รายการ" / "ยังไม่ได้แจ้งสถานะ" for one service at one point. */
export function ZeroCopyBadge({ state }: { state: ManualZeroCopy }) {
  const m = useMessages(messages);
  const { locale } = useView();
  const text = state.badge === 'copies_requested' ? m.copies_requested(formatNumber(state.stillRequested, locale)) : m[state.badge];
  return (
    <span class={`badge ${BADGE_CLASS[state.badge]}`} data-zero-copy={state.badge}>
      {text}
    </span>
  );
}

/** One document's state at a point, for the manual's documents table. */
export function DocumentStateText({ state, governmentIssued }: { state: DocumentState; governmentIssued: boolean }) {
  const m = useMessages(messages);
  const { locale } = useView();
  switch (state.kind) {
    case 'out_of_scope':
      // Documents the state did not issue are outside Zero Copy: a dash, with the reason for screen readers.
      return governmentIssued ? (
        <span data-zero-copy="out_of_scope">{m.noCopyAsked}</span>
      ) : (
        <span data-zero-copy="out_of_scope">
          <span aria-hidden="true">—</span>
          <span class="visually-hidden">{m.notStateIssued}</span>
        </span>
      );
    case 'undeclared':
      return (
        <span class="badge neutral" data-zero-copy="undeclared">
          {m.notDeclared}
        </span>
      );
    case 'verified_at_source':
      return (
        <span class="badge ok" data-zero-copy="verified_at_source">
          {state.method === 'smart_card' ? m.verifiedSmartCard : state.method === 'data_link' ? m.verifiedDataLink : m.verified}
        </span>
      );
    case 'copy_by_office':
      return (
        <span class="badge ok" data-zero-copy="copy_by_office">
          {m.copyByOffice}
        </span>
      );
    case 'copy_required':
      return (
        <span data-zero-copy="copy_required">
          <span class="badge warn">{m.copyRequired}</span>
          {state.reason && (
            <>
              {' — '}
              {m.reason}: <span lang="th">{state.reason}</span>
            </>
          )}
          {state.planDate && <> · {m.plan(formatDate(state.planDate, locale, 'short'))}</>}
        </span>
      );
  }
}
