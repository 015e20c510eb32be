/**
 * Opening hours: weekly intervals, date exceptions and Thai public holidays, always evaluated on
 * the Bangkok clock. "Open now / closes at / opens next" knows lunch breaks, weekends and holidays.
 */
import type { WeeklyHours } from '../../db/schema.js';
import { bangkokDate, bangkokIso } from '../../i18n/index.js';

export type Interval = [string, string];

export const WEEKDAYS = ['0', '1', '2', '3', '4', '5', '6'] as const;

/** The usual government office day: 08:30–16:30 with a lunch break, Monday to Friday. */
export function officeHours(options: { lunchBreak?: boolean; saturdayMorning?: boolean } = {}): WeeklyHours {
  const weekday: Interval[] = options.lunchBreak === false ? [['08:30', '16:30']] : [['08:30', '12:00'], ['13:00', '16:30']];
  return {
    '0': [],
    '1': weekday,
    '2': weekday,
    '3': weekday,
    '4': weekday,
    '5': weekday,
    '6': options.saturdayMorning ? [['08:30', '12:00']] : [],
  };
}

export interface HoursContext {
  weekly: WeeklyHours;
  closedOnHolidays: boolean;
  /** exceptions by date (YYYY-MM-DD); an empty list closes the day */
  exceptions: Map<string, Interval[]>;
  /** government days off by date, with their names */
  holidays: Map<string, { nameTh: string; nameEn: string }>;
}

/** 0 = Sunday … 6 = Saturday, for a YYYY-MM-DD date. */
export const weekdayOf = (date: string): number => new Date(`${date}T12:00:00Z`).getUTCDay();

export type DayReason = 'regular' | 'holiday' | 'exception';

export function intervalsOn(date: string, context: HoursContext): { intervals: Interval[]; reason: DayReason } {
  const exception = context.exceptions.get(date);
  if (exception) return { intervals: exception, reason: 'exception' };
  if (context.closedOnHolidays && context.holidays.has(date)) return { intervals: [], reason: 'holiday' };
  const weekday = String(weekdayOf(date)) as keyof WeeklyHours;
  return { intervals: context.weekly[weekday] ?? [], reason: 'regular' };
}

export type OpeningState =
  | { open: true; closesAt: string; reopensAt: string | null }
  | { open: false; reason: DayReason | 'lunch' | 'before' | 'after'; opensNext: { date: string; time: string } | null };

/** Bangkok wall-clock "HH:MM" of an instant. */
export function bangkokTime(at: Date): string {
  return bangkokIso(at).slice(11, 16);
}

/** The calendar date `days` after a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function openingState(context: HoursContext, at: Date = new Date()): OpeningState {
  const today = bangkokDate(at);
  const time = bangkokTime(at);
  const { intervals, reason } = intervalsOn(today, context);
  const current = intervals.find(([from, to]) => from <= time && time < to);
  if (current) {
    const next = intervals.find(([from]) => from >= current[1]);
    return { open: true, closesAt: current[1], reopensAt: next ? next[0] : null };
  }
  const laterToday = intervals.find(([from]) => from > time);
  if (laterToday) {
    const hadEarlier = intervals.some(([, to]) => to <= time);
    return { open: false, reason: hadEarlier ? 'lunch' : 'before', opensNext: { date: today, time: laterToday[0] } };
  }
  for (let day = 1; day <= 30; day++) {
    const date = addDays(today, day);
    const first = intervalsOn(date, context).intervals[0];
    if (first) return { open: false, reason: intervals.length ? 'after' : reason, opensNext: { date, time: first[0] } };
  }
  return { open: false, reason: intervals.length ? 'after' : reason, opensNext: null };
}
