/**
 * Everything the public point page and `GET /api/v1/service-points/:code` show, gathered once.
 * The clock is a parameter so that "open now" can be tested at fixed instants.
 */
import type { Db } from '../../db/client.js';
import { bangkokDate } from '../../i18n/index.js';
import { holidaysBetween } from '../geography/holidays.js';
import { zeroCopyByManual } from '../zero-copy/queries.js';
import type { ManualZeroCopy } from '../zero-copy/state.js';
import { addDays, intervalsOn, openingState, weekdayOf, type DayReason, type HoursContext, type Interval, type OpeningState } from './hours.js';
import {
  organisationChain,
  readPointPage,
  type OrganisationLink,
  type PhotoRecord,
  type PointRecord,
  type PublishedComment,
  type SatisfactionSummary,
  type ServiceRecord,
} from './queries.js';

/** How far ahead the page lists holidays and changed hours. */
export const UPCOMING_DAYS = 30;

export interface DayHours {
  date: string;
  /** 0 = Sunday */
  weekday: number;
  intervals: Interval[];
  reason: DayReason;
  holiday: { nameTh: string; nameEn: string } | null;
  note: { th: string | null; en: string | null } | null;
}

export interface PointDetails {
  point: PointRecord;
  /** the organisation's ancestors, top first, ending with the organisation itself */
  chain: OrganisationLink[];
  today: string;
  /** null when the point has closed for good */
  opening: OpeningState | null;
  /** the seven days from today, with holidays and exceptions applied */
  week: DayHours[];
  /** holidays and changed hours after those seven days, within UPCOMING_DAYS */
  upcoming: DayHours[];
  photos: PhotoRecord[];
  services: (ServiceRecord & { zeroCopy: ManualZeroCopy })[];
  satisfaction: SatisfactionSummary;
  comments: PublishedComment[];
}

type NotedContext = HoursContext & { exceptionNotes: Map<string, { th: string | null; en: string | null }> };

function dayHours(date: string, context: NotedContext): DayHours {
  const { intervals, reason } = intervalsOn(date, context);
  return {
    date,
    weekday: weekdayOf(date),
    intervals,
    reason,
    holiday: context.holidays.get(date) ?? null,
    note: context.exceptionNotes.get(date) ?? null,
  };
}

/** The first day of the satisfaction window "last 12 months": this month and the eleven before it. */
export function satisfactionSince(today: string): string {
  const [year, month] = today.split('-').map(Number) as [number, number];
  const first = new Date(Date.UTC(year, month - 12, 1));
  return first.toISOString().slice(0, 10);
}

export async function loadPointDetails(db: Db, code: string, now: Date): Promise<PointDetails | null> {
  const today = bangkokDate(now);
  // openingState looks up to 30 days ahead for the next opening.
  const until = addDays(today, Math.max(UPCOMING_DAYS, 31));
  const records = await readPointPage(db, code, { from: today, to: until, since: satisfactionSince(today) });
  if (!records) return null;
  const { point, exceptions, photos, services, documents, satisfaction, comments } = records;
  // Both cached in the process: the organisation tree and the government days off.
  const [chain, holidays] = await Promise.all([organisationChain(db, point.organisationPath), holidaysBetween(db, today, until)]);
  const context: NotedContext = {
    weekly: point.hours,
    closedOnHolidays: point.closedOnHolidays,
    exceptions: new Map(exceptions.map((e) => [e.date, e.intervals])),
    exceptionNotes: new Map(exceptions.map((e) => [e.date, { th: e.noteTh, en: e.noteEn }])),
    holidays,
  };
  const zeroCopy = zeroCopyByManual(documents);
  // A rolling week answers "when can I go?" better than Monday to Sunday, half of which may be past.
  const week = Array.from({ length: 7 }, (_, i) => dayHours(addDays(today, i), context));
  const upcoming: DayHours[] = [];
  for (let i = 7; i <= UPCOMING_DAYS; i++) {
    const day = dayHours(addDays(today, i), context);
    if (day.reason !== 'regular') upcoming.push(day);
  }
  const noCopies: ManualZeroCopy = { badge: 'no_copies', inScope: 0, declared: 0, stillRequested: 0 };
  return {
    point,
    chain,
    today,
    opening: point.status === 'active' ? openingState(context, now) : null,
    week,
    upcoming,
    photos,
    services: services.map((service) => ({ ...service, zeroCopy: zeroCopy.get(service.manualId) ?? noCopies })),
    satisfaction,
    comments,
  };
}
