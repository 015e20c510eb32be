import { describe, expect, it } from 'vitest';
import { officeHours } from './hours.js';
import {
  applyCopyMonday,
  emptyWeek,
  hoursFilled,
  normaliseTime,
  readExceptionForm,
  readWeeklyHoursForm,
  validateException,
  validateWeeklyHours,
  weeklyHoursForm,
} from './hours-form.js';

/** A posted weekly form: Monday to Friday with a lunch break unless overridden. */
function posted(overrides: Record<string, string> = {}): Record<string, string> {
  const body: Record<string, string> = { closed_on_holidays: 'on', d0_closed: 'on', d6_closed: 'on' };
  for (const day of ['1', '2', '3', '4', '5']) Object.assign(body, { [`d${day}_from1`]: '08:30', [`d${day}_to1`]: '12:00', [`d${day}_from2`]: '13:00', [`d${day}_to2`]: '16:30' });
  return { ...body, ...overrides };
}

describe('weekly hours form', () => {
  it('reads split shifts and closed days into the stored shape', () => {
    const { hours, issues } = validateWeeklyHours(readWeeklyHoursForm(posted()));
    expect(issues).toEqual([]);
    expect(hours).toEqual(officeHours());
  });

  it('round-trips what is stored', () => {
    const form = weeklyHoursForm(officeHours({ saturdayMorning: true }), false);
    expect(form.days['6'].closed).toBe(false);
    expect(form.days['0'].closed).toBe(true);
    expect(form.days['1'].slots).toHaveLength(3);
    expect(validateWeeklyHours(form).hours).toEqual(officeHours({ saturdayMorning: true }));
  });

  it('leaves the days of a week without hours unticked, so the first hours typed are kept', () => {
    const form = weeklyHoursForm(emptyWeek(), true);
    expect(Object.values(form.days).map((day) => day.closed)).toEqual([false, false, false, false, false, false, false]);
    // As the browser posts it back with Monday typed in and Tuesday to Sunday left empty.
    const body: Record<string, string> = { closed_on_holidays: 'on', d1_from1: '08:30', d1_to1: '16:30' };
    expect(validateWeeklyHours(readWeeklyHoursForm(body)).hours).toEqual({ ...emptyWeek(), '1': [['08:30', '16:30']] });
  });

  it('accepts three periods a day, in any order, and times written the Thai way', () => {
    const { hours, issues } = validateWeeklyHours(
      readWeeklyHoursForm(posted({ d1_from1: '17.00', d1_to1: '19:00 น.', d1_from2: '8:30', d1_to2: '1200', d1_from3: '13:00', d1_to3: '16:30' })),
    );
    expect(issues).toEqual([]);
    expect(hours['1']).toEqual([
      ['08:30', '12:00'],
      ['13:00', '16:30'],
      ['17:00', '19:00'],
    ]);
  });

  it('lets a day close at midnight', () => {
    expect(validateWeeklyHours(readWeeklyHoursForm(posted({ d1_to2: '24:00' }))).hours['1']).toEqual([
      ['08:30', '12:00'],
      ['13:00', '24:00'],
    ]);
    expect(normaliseTime('24:00', false)).toBeNull();
  });

  it('asks which one was meant when a day is marked closed and has times typed in', () => {
    const { issues } = validateWeeklyHours(readWeeklyHoursForm(posted({ d3_closed: 'on' })));
    expect(issues).toEqual([
      {
        field: 'd3_closed',
        th: 'วันพุธ: เลือก “ปิด” ไว้และใส่เวลาทำการด้วย กรุณาลบเวลาออกหรือยกเลิก “ปิด”',
        en: 'Wednesday: marked “closed” but has opening times too; clear the times or untick “closed”',
      },
    ]);
    expect(validateWeeklyHours(readWeeklyHoursForm(posted({ d3_closed: 'on', d3_from1: '', d3_to1: '', d3_from2: '', d3_to2: '' }))).issues).toEqual([]);
  });

  it('explains bad times, half-filled periods, reversed and overlapping periods in Thai and English', () => {
    const { issues } = validateWeeklyHours(
      readWeeklyHoursForm(posted({ d1_from1: '25:00', d2_to1: '', d3_from1: '16:30', d3_to1: '08:30', d3_from2: '', d3_to2: '', d4_from2: '11:00', d5_from1: 'abc' })),
    );
    const byField = Object.fromEntries(issues.map((issue) => [issue.field, issue]));
    expect(byField.d1_from1?.th).toBe('วันจันทร์ ช่วงที่ 1: เวลา “25:00” ไม่ถูกต้อง ใช้รูปแบบ ชั่วโมง:นาที เช่น 08:30');
    expect(byField.d1_from1?.en).toContain('Monday, period 1');
    expect(byField.d2_to1?.th).toBe('วันอังคาร ช่วงที่ 1: กรุณาใส่ทั้งเวลาเปิดและเวลาปิด');
    expect(byField.d3_from1?.en).toBe('Wednesday, period 1: the opening time must be before the closing time');
    expect(byField.d4_from2?.th).toBe('วันพฤหัสบดี ช่วงที่ 2: ช่วงเวลา 11:00–16:30 ซ้อนกับ 08:30–12:00');
    expect(byField.d5_from1?.en).toContain('“abc” is not a time');
    expect(issues).toHaveLength(5);
  });

  it('refuses a period that opens and closes at the same minute', () => {
    expect(validateWeeklyHours(readWeeklyHoursForm(posted({ d1_from1: '08:30', d1_to1: '08:30' }))).issues).toHaveLength(1);
  });

  it('copies Monday to Tuesday–Friday when asked, leaving the weekend alone', () => {
    const form = applyCopyMonday(readWeeklyHoursForm(posted({ copy_monday: 'on', d1_from2: '', d1_to2: '', d1_to1: '16:30', d3_closed: 'on', d6_from1: '09:00', d6_to1: '12:00', d6_closed: '' })));
    const { hours } = validateWeeklyHours(form);
    for (const day of ['1', '2', '3', '4', '5'] as const) expect(hours[day]).toEqual([['08:30', '16:30']]);
    expect(hours['6']).toEqual([['09:00', '12:00']]);
    expect(hours['0']).toEqual([]);
  });

  it('reads the holiday checkbox', () => {
    expect(readWeeklyHoursForm(posted()).closedOnHolidays).toBe(true);
    expect(readWeeklyHoursForm(posted({ closed_on_holidays: '' })).closedOnHolidays).toBe(false);
  });

  it('knows an empty week is not filled in', () => {
    expect(hoursFilled(emptyWeek())).toBe(false);
    expect(hoursFilled(officeHours())).toBe(true);
  });
});

describe('date exceptions', () => {
  const today = '2026-11-23';

  it('closes a day with a note', () => {
    const form = readExceptionForm({ date: '2026-12-31', kind: 'closed', note_th: 'ปิดสิ้นปี', note_en: 'Closed for the new year' });
    expect(validateException(form, today)).toEqual({ intervals: [], issues: [] });
    expect(form.noteTh).toBe('ปิดสิ้นปี');
  });

  it('gives special hours', () => {
    const form = readExceptionForm({ date: '2026-11-28', kind: 'hours', from1: '13:00', to1: '16:00', from2: '09:00', to2: '12:00' });
    expect(validateException(form, today)).toEqual({
      intervals: [
        ['09:00', '12:00'],
        ['13:00', '16:00'],
      ],
      issues: [],
    });
  });

  it('refuses special hours without any period, bad dates and dates out of range', () => {
    expect(validateException(readExceptionForm({ date: '2026-11-28', kind: 'hours' }), today).issues.map((i) => i.field)).toEqual(['from1']);
    expect(validateException(readExceptionForm({ date: '2026-02-30', kind: 'closed' }), today).issues[0]?.en).toBe('Not a valid date');
    expect(validateException(readExceptionForm({ date: '28/11/2026', kind: 'closed' }), today).issues[0]?.th).toBe('วันที่ไม่ถูกต้อง');
    expect(validateException(readExceptionForm({ date: '2026-11-22', kind: 'closed' }), today).issues[0]?.field).toBe('date');
    expect(validateException(readExceptionForm({ date: '2028-11-24', kind: 'closed' }), today).issues[0]?.field).toBe('date');
    expect(validateException(readExceptionForm({ date: '2028-11-23', kind: 'closed' }), today).issues).toEqual([]);
  });

  it('validates special hours like weekly hours', () => {
    const { issues } = validateException(readExceptionForm({ date: '2026-11-28', kind: 'hours', from1: '10:00', to1: '09:00' }), today);
    expect(issues[0]?.th).toBe('วันที่ 2026-11-28 ช่วงที่ 1: เวลาเปิดต้องก่อนเวลาปิด');
  });
});
