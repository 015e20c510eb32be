/**
 * The hours editor's data: weekly hours with up to three intervals a day (split shifts around the
 * lunch break), "closed", copying Monday to the other weekdays, and dated exceptions. Reading and
 * validation are pure, with every message in Thai and English; `hours.ts` reads the result for
 * "open now".
 */
import type { WeeklyHours } from '../../db/schema.js';
import type { FieldIssue } from '../../http/errors.js';
import { defineMessages } from '../../i18n/index.js';
import type { Interval } from './hours.js';

export const INTERVALS_PER_DAY = 3;
/** Monday first, as Thai office hours are written. */
export const WEEK_ORDER = ['1', '2', '3', '4', '5', '6', '0'] as const;
export type WeekdayKey = (typeof WEEK_ORDER)[number];
const WORKDAYS_AFTER_MONDAY: WeekdayKey[] = ['2', '3', '4', '5'];

export const hoursFormMessages = defineMessages(
  {
    weekday0: 'วันอาทิตย์',
    weekday1: 'วันจันทร์',
    weekday2: 'วันอังคาร',
    weekday3: 'วันพุธ',
    weekday4: 'วันพฤหัสบดี',
    weekday5: 'วันศุกร์',
    weekday6: 'วันเสาร์',
    badTime: (where: string, value: string) => `${where}: เวลา “${value}” ไม่ถูกต้อง ใช้รูปแบบ ชั่วโมง:นาที เช่น 08:30`,
    halfInterval: (where: string) => `${where}: กรุณาใส่ทั้งเวลาเปิดและเวลาปิด`,
    order: (where: string) => `${where}: เวลาเปิดต้องก่อนเวลาปิด`,
    overlap: (where: string, a: string, b: string) => `${where}: ช่วงเวลา ${a} ซ้อนกับ ${b}`,
    interval: (day: string, n: number) => `${day} ช่วงที่ ${n}`,
    badDate: 'วันที่ไม่ถูกต้อง',
    dateRange: 'วันที่ต้องอยู่ระหว่างวันนี้ถึงอีกสองปีข้างหน้า',
    needHours: 'กรุณาใส่เวลาทำการพิเศษอย่างน้อยหนึ่งช่วง หรือเลือก “ปิดทั้งวัน”',
    closedWithHours: (day: string) => `${day}: เลือก “ปิด” ไว้และใส่เวลาทำการด้วย กรุณาลบเวลาออกหรือยกเลิก “ปิด”`,
    exceptionDay: (date: string) => `วันที่ ${date}`,
  },
  {
    weekday0: 'Sunday',
    weekday1: 'Monday',
    weekday2: 'Tuesday',
    weekday3: 'Wednesday',
    weekday4: 'Thursday',
    weekday5: 'Friday',
    weekday6: 'Saturday',
    badTime: (where: string, value: string) => `${where}: “${value}” is not a time; write hours:minutes, e.g. 08:30`,
    halfInterval: (where: string) => `${where}: give both the opening and the closing time`,
    order: (where: string) => `${where}: the opening time must be before the closing time`,
    overlap: (where: string, a: string, b: string) => `${where}: ${a} overlaps ${b}`,
    interval: (day: string, n: number) => `${day}, period ${n}`,
    badDate: 'Not a valid date',
    dateRange: 'The date must be between today and two years from now',
    needHours: 'Give at least one period of special hours, or choose “closed all day”',
    closedWithHours: (day: string) => `${day}: marked “closed” but has opening times too; clear the times or untick “closed”`,
    exceptionDay: (date: string) => `${date}`,
  },
);

const both = (field: string, make: (m: (typeof hoursFormMessages)['th']) => string): FieldIssue => ({
  field,
  th: make(hoursFormMessages.th),
  en: make(hoursFormMessages.en as (typeof hoursFormMessages)['th']),
});

export const weekdayName = (day: WeekdayKey, locale: 'th' | 'en'): string => hoursFormMessages.for(locale)[`weekday${day}`];

/** "8:30", "08.30" (as Thai notices write it), "0830" → "08:30"; "24:00" only closes a day. */
export function normaliseTime(text: string, closing: boolean): string | null {
  const match = /^\s*(\d{1,2})[:.]?(\d{2})\s*(น\.?)?\s*$/.exec(text);
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59) return null;
  if (hours === 24 && minutes === 0 && closing) return '24:00';
  if (hours > 23) return null;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

/** One slot as typed: both times may be empty (an unused slot). */
export type RawInterval = [string, string];

/**
 * Validates the slots of one day (or one exception): each used slot needs both times, opening
 * before closing, and no two slots may overlap. Returns the intervals in time order.
 */
export function validateIntervals(
  slots: RawInterval[],
  where: (n: number) => { th: string; en: string },
  field: (n: number, end: 'from' | 'to') => string,
): { intervals: Interval[]; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const intervals: { interval: Interval; n: number }[] = [];
  slots.forEach(([fromText, toText], index) => {
    const n = index + 1;
    const label = where(n);
    if (!fromText.trim() && !toText.trim()) return;
    if (!fromText.trim() || !toText.trim()) {
      const missing = fromText.trim() ? 'to' : 'from';
      issues.push({ field: field(n, missing), th: hoursFormMessages.th.halfInterval(label.th), en: hoursFormMessages.en.halfInterval(label.en) });
      return;
    }
    const from = normaliseTime(fromText, false);
    const to = normaliseTime(toText, true);
    if (!from) issues.push({ field: field(n, 'from'), th: hoursFormMessages.th.badTime(label.th, fromText.slice(0, 20)), en: hoursFormMessages.en.badTime(label.en, fromText.slice(0, 20)) });
    if (!to) issues.push({ field: field(n, 'to'), th: hoursFormMessages.th.badTime(label.th, toText.slice(0, 20)), en: hoursFormMessages.en.badTime(label.en, toText.slice(0, 20)) });
    if (!from || !to) return;
    if (from >= to) {
      issues.push({ field: field(n, 'from'), th: hoursFormMessages.th.order(label.th), en: hoursFormMessages.en.order(label.en) });
      return;
    }
    intervals.push({ interval: [from, to], n });
  });
  intervals.sort((a, b) => a.interval[0].localeCompare(b.interval[0]));
  for (let i = 1; i < intervals.length; i++) {
    const previous = intervals[i - 1]!;
    const current = intervals[i]!;
    if (current.interval[0] < previous.interval[1]) {
      const label = where(current.n);
      const a = current.interval.join('–');
      const b = previous.interval.join('–');
      issues.push({ field: field(current.n, 'from'), th: hoursFormMessages.th.overlap(label.th, a, b), en: hoursFormMessages.en.overlap(label.en, a, b) });
    }
  }
  return { intervals: intervals.map((entry) => entry.interval), issues };
}

// ─── Weekly hours ───────────────────────────────────────────────────────────────────────────

export interface DayForm {
  closed: boolean;
  slots: RawInterval[];
}

export interface WeeklyHoursForm {
  days: Record<WeekdayKey, DayForm>;
  closedOnHolidays: boolean;
  copyMonday: boolean;
}

export const dayField = (day: WeekdayKey, end: 'from' | 'to' | 'closed', n?: number): string => (end === 'closed' ? `d${day}_closed` : `d${day}_${end}${n}`);

const padSlots = (slots: RawInterval[]): RawInterval[] => [...slots, ...Array.from({ length: INTERVALS_PER_DAY }, (): RawInterval => ['', ''])].slice(0, INTERVALS_PER_DAY);

export function weeklyHoursForm(weekly: WeeklyHours, closedOnHolidays: boolean): WeeklyHoursForm {
  // A week without any hours is not filled in yet, not closed every day: "closed" wins over typed
  // times, so ticking it on every empty row would throw away the first hours an office types.
  const filled = hoursFilled(weekly);
  const days = Object.fromEntries(
    WEEK_ORDER.map((day) => {
      const intervals = weekly[day] ?? [];
      return [day, { closed: filled && intervals.length === 0, slots: padSlots(intervals.map(([from, to]): RawInterval => [from, to])) }];
    }),
  ) as Record<WeekdayKey, DayForm>;
  return { days, closedOnHolidays, copyMonday: false };
}

/** The form as posted (checkboxes send their field only when ticked). */
export function readWeeklyHoursForm(body: Record<string, unknown>): WeeklyHoursForm {
  const text = (key: string) => (typeof body[key] === 'string' ? (body[key] as string) : '');
  const days = Object.fromEntries(
    WEEK_ORDER.map((day) => [
      day,
      {
        closed: text(dayField(day, 'closed')) !== '',
        slots: Array.from({ length: INTERVALS_PER_DAY }, (_, i): RawInterval => [text(dayField(day, 'from', i + 1)), text(dayField(day, 'to', i + 1))]),
      },
    ]),
  ) as Record<WeekdayKey, DayForm>;
  return { days, closedOnHolidays: text('closed_on_holidays') !== '', copyMonday: text('copy_monday') !== '' };
}

/** Applies "use Monday's hours for Tuesday to Friday" (the no-JavaScript way to copy). */
export function applyCopyMonday(form: WeeklyHoursForm): WeeklyHoursForm {
  if (!form.copyMonday) return form;
  const monday = form.days['1'];
  const days = { ...form.days };
  for (const day of WORKDAYS_AFTER_MONDAY) days[day] = { closed: monday.closed, slots: monday.slots.map(([a, b]): RawInterval => [a, b]) };
  return { ...form, days, copyMonday: false };
}

export function validateWeeklyHours(form: WeeklyHoursForm): { hours: WeeklyHours; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const hours = {} as WeeklyHours;
  for (const day of WEEK_ORDER) {
    const { closed, slots } = form.days[day];
    if (closed) {
      // Typed times are never dropped in silence: the office says which one it meant.
      if (slots.some(([from, to]) => from.trim() !== '' || to.trim() !== '')) {
        issues.push({
          field: dayField(day, 'closed'),
          th: hoursFormMessages.th.closedWithHours(weekdayName(day, 'th')),
          en: hoursFormMessages.en.closedWithHours(weekdayName(day, 'en')),
        });
      }
      hours[day] = [];
      continue;
    }
    const result = validateIntervals(
      slots,
      (n) => ({ th: hoursFormMessages.th.interval(weekdayName(day, 'th'), n), en: hoursFormMessages.en.interval(weekdayName(day, 'en'), n) }),
      (n, end) => dayField(day, end, n),
    );
    hours[day] = result.intervals;
    issues.push(...result.issues);
  }
  return { hours, issues };
}

/** The week has at least one opening: the office has filled its hours. */
export const hoursFilled = (weekly: WeeklyHours): boolean => Object.values(weekly).some((intervals) => intervals.length > 0);

export const emptyWeek = (): WeeklyHours => ({ '0': [], '1': [], '2': [], '3': [], '4': [], '5': [], '6': [] });

// ─── Exceptions ─────────────────────────────────────────────────────────────────────────────

export interface ExceptionForm {
  date: string;
  closed: boolean;
  slots: RawInterval[];
  noteTh: string;
  noteEn: string;
}

export const EXCEPTION_SLOTS = 2;
export const emptyExceptionForm = (): ExceptionForm => ({ date: '', closed: true, slots: [['', ''], ['', '']], noteTh: '', noteEn: '' });

export function readExceptionForm(body: Record<string, unknown>): ExceptionForm {
  const text = (key: string) => (typeof body[key] === 'string' ? (body[key] as string) : '');
  return {
    date: text('date').trim(),
    closed: text('kind') !== 'hours',
    slots: Array.from({ length: EXCEPTION_SLOTS }, (_, i): RawInterval => [text(`from${i + 1}`), text(`to${i + 1}`)]),
    noteTh: text('note_th').trim(),
    noteEn: text('note_en').trim(),
  };
}

const isCalendarDate = (text: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T12:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
};

/** An exception for one date: closed all day, or special hours; from today up to two years ahead. */
export function validateException(form: ExceptionForm, today: string): { intervals: Interval[]; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  if (!isCalendarDate(form.date)) {
    issues.push(both('date', (m) => m.badDate));
  } else {
    const latest = new Date(`${today}T12:00:00Z`);
    latest.setUTCFullYear(latest.getUTCFullYear() + 2);
    if (form.date < today || form.date > latest.toISOString().slice(0, 10)) issues.push(both('date', (m) => m.dateRange));
  }
  if (form.closed) return { intervals: [], issues };
  const result = validateIntervals(
    form.slots,
    (n) => ({ th: hoursFormMessages.th.interval(hoursFormMessages.th.exceptionDay(form.date), n), en: hoursFormMessages.en.interval(hoursFormMessages.en.exceptionDay(form.date), n) }),
    (n, end) => `${end}${n}`,
  );
  issues.push(...result.issues);
  if (result.issues.length === 0 && result.intervals.length === 0) issues.push(both('from1', (m) => m.needHours));
  return { intervals: result.intervals, issues };
}
