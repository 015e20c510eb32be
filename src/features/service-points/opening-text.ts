/**
 * "Open now" in words: "เปิดอยู่ · ปิด 16:30", "ปิดพักกลางวัน · เปิดอีกครั้ง 13:00",
 * "วันหยุดราชการ (…) · เปิดวันอังคาร 8 ธ.ค. 2569 08:30". The state itself comes from `openingState`.
 */
import { defineMessages, formatDate, type Locale } from '../../i18n/index.js';
import type { OpeningState } from './hours.js';

const messages = defineMessages(
  {
    open: 'เปิดอยู่',
    closes: (time: string) => `ปิด ${time}`,
    closesForLunch: (from: string, to: string) => `พักกลางวัน ${from}–${to}`,
    lunch: 'ปิดพักกลางวัน',
    reopens: (time: string) => `เปิดอีกครั้ง ${time}`,
    before: 'ยังไม่เปิด',
    opensToday: (time: string) => `เปิด ${time}`,
    after: 'ปิดแล้ว',
    holiday: (name: string | null) => (name ? `วันหยุดราชการ (${name})` : 'วันหยุดราชการ'),
    exception: (note: string | null) => (note ? `ปิดเป็นกรณีพิเศษ (${note})` : 'ปิดเป็นกรณีพิเศษ'),
    closedToday: 'วันนี้ไม่เปิดทำการ',
    opensOn: (day: string, time: string) => `เปิด${day} ${time}`,
    noOpening: 'ยังไม่มีกำหนดเปิดใน 30 วันข้างหน้า',
  },
  {
    open: 'Open now',
    closes: (time: string) => `closes ${time}`,
    closesForLunch: (from: string, to: string) => `lunch break ${from}–${to}`,
    lunch: 'Closed for lunch',
    reopens: (time: string) => `reopens ${time}`,
    before: 'Not open yet',
    opensToday: (time: string) => `opens ${time}`,
    after: 'Closed for the day',
    holiday: (name: string | null) => (name ? `Public holiday (${name})` : 'Public holiday'),
    exception: (note: string | null) => (note ? `Closed as an exception (${note})` : 'Closed as an exception'),
    closedToday: 'Closed today',
    opensOn: (day: string, time: string) => `opens ${day} at ${time}`,
    noOpening: 'no opening in the next 30 days',
  },
);

/** "วันอังคาร 8 ธ.ค. 2569" / "Tuesday 8 Dec 2026". */
export const dayWithDate = (date: string, locale: Locale): string => `${formatDate(date, locale, 'weekday')} ${formatDate(date, locale, 'short')}`;

export interface OpeningText {
  /** true while open: pages show it as good news */
  open: boolean;
  /** "เปิดอยู่" / "ปิดพักกลางวัน" / "วันหยุดราชการ (…)" */
  status: string;
  /** "ปิด 16:30" / "เปิดอีกครั้ง 13:00" / "เปิดวันอังคาร 8 ธ.ค. 2569 08:30" */
  next: string;
}

export function describeOpening(
  state: OpeningState,
  locale: Locale,
  /** today's holiday name and exception note, in the page's language */
  today: { holidayName?: string | null; exceptionNote?: string | null } = {},
): OpeningText {
  const m = messages.for(locale);
  if (state.open) {
    return { open: true, status: m.open, next: state.reopensAt ? m.closesForLunch(state.closesAt, state.reopensAt) : m.closes(state.closesAt) };
  }
  const nextOn = state.opensNext ? m.opensOn(dayWithDate(state.opensNext.date, locale), state.opensNext.time) : m.noOpening;
  switch (state.reason) {
    case 'lunch':
      return { open: false, status: m.lunch, next: m.reopens(state.opensNext?.time ?? '') };
    case 'before':
      return { open: false, status: m.before, next: m.opensToday(state.opensNext?.time ?? '') };
    case 'after':
      return { open: false, status: m.after, next: nextOn };
    case 'holiday':
      return { open: false, status: m.holiday(today.holidayName ?? null), next: nextOn };
    case 'exception':
      return { open: false, status: m.exception(today.exceptionNote ?? null), next: nextOn };
    case 'regular':
      return { open: false, status: m.closedToday, next: nextOn };
  }
}
