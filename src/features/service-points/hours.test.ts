import { describe, expect, it } from 'vitest';
import { officeHours, openingState, type HoursContext } from './hours.js';

const context = (overrides: Partial<HoursContext> = {}): HoursContext => ({
  weekly: officeHours(),
  closedOnHolidays: true,
  exceptions: new Map(),
  holidays: new Map([['2026-12-07', { nameTh: 'ชดเชยวันพ่อแห่งชาติ', nameEn: "Substitution for Father's Day" }]]),
  ...overrides,
});
// Bangkok is UTC+7 all year.
const bangkok = (local: string) => new Date(`${local}+07:00`);

describe('opening state', () => {
  it('is open during office hours and says when it closes for lunch', () => {
    expect(openingState(context(), bangkok('2026-11-23T10:00:00'))).toEqual({ open: true, closesAt: '12:00', reopensAt: '13:00' });
  });

  it('is closed over lunch and reopens at 13:00', () => {
    expect(openingState(context(), bangkok('2026-11-23T12:30:00'))).toEqual({
      open: false,
      reason: 'lunch',
      opensNext: { date: '2026-11-23', time: '13:00' },
    });
  });

  it('after closing on Friday opens next on Monday', () => {
    expect(openingState(context(), bangkok('2026-11-27T17:00:00'))).toEqual({
      open: false,
      reason: 'after',
      opensNext: { date: '2026-11-30', time: '08:30' },
    });
  });

  it('is closed on a public holiday and opens the next working day', () => {
    // Monday 7 December 2026 is a substitution holiday.
    expect(openingState(context(), bangkok('2026-12-07T10:00:00'))).toEqual({
      open: false,
      reason: 'holiday',
      opensNext: { date: '2026-12-08', time: '08:30' },
    });
  });

  it('opens on a holiday when the office says it does', () => {
    expect(openingState(context({ closedOnHolidays: false }), bangkok('2026-12-07T10:00:00')).open).toBe(true);
  });

  it('follows a date exception over the weekly hours', () => {
    const exceptions = new Map([['2026-11-28', [['09:00', '12:00'] as [string, string]]]]);
    expect(openingState(context({ exceptions }), bangkok('2026-11-28T09:30:00'))).toEqual({ open: true, closesAt: '12:00', reopensAt: null });
  });

  it('uses the Bangkok clock on a UTC server', () => {
    // 02:00 UTC Monday is 09:00 in Bangkok: open.
    expect(openingState(context(), new Date('2026-11-23T02:00:00Z')).open).toBe(true);
  });

  it('without lunch break stays open at noon', () => {
    expect(openingState(context({ weekly: officeHours({ lunchBreak: false }) }), bangkok('2026-11-23T12:15:00')).open).toBe(true);
  });
});
