import { describe, expect, it } from 'vitest';
import { officeHours, openingState, type HoursContext } from './hours.js';
import { describeOpening } from './opening-text.js';
import { internationalPhone } from './phones.js';
import { mapLinks, safeEmail, safeWebsite } from './links.js';

const context: HoursContext = {
  weekly: officeHours(),
  closedOnHolidays: true,
  exceptions: new Map([['2026-11-27', []]]),
  holidays: new Map([['2026-12-07', { nameTh: 'ชดเชยวันพ่อแห่งชาติ', nameEn: "Father's Day (in lieu)" }]]),
};
const at = (local: string) => new Date(`${local}+07:00`);
const text = (local: string, locale: 'th' | 'en' = 'th', today = {}) => {
  const described = describeOpening(openingState(context, at(local)), locale, today);
  return `${described.status} · ${described.next}`;
};

describe('opening state in words', () => {
  it('says when an open office closes', () => {
    expect(text('2026-11-23T14:00:00')).toBe('เปิดอยู่ · ปิด 16:30');
    expect(text('2026-11-23T14:00:00', 'en')).toBe('Open now · closes 16:30');
    expect(text('2026-11-23T10:00:00')).toBe('เปิดอยู่ · พักกลางวัน 12:00–13:00');
  });

  it('says when it reopens after lunch and opens in the morning', () => {
    expect(text('2026-11-23T12:30:00')).toBe('ปิดพักกลางวัน · เปิดอีกครั้ง 13:00');
    expect(text('2026-11-23T07:00:00')).toBe('ยังไม่เปิด · เปิด 08:30');
  });

  it('names the holiday and the next opening day in the Buddhist era', () => {
    expect(text('2026-12-07T10:00:00', 'th', { holidayName: 'ชดเชยวันพ่อแห่งชาติ' })).toBe(
      'วันหยุดราชการ (ชดเชยวันพ่อแห่งชาติ) · เปิดวันอังคาร 8 ธ.ค. 2569 08:30',
    );
    expect(text('2026-12-07T10:00:00', 'en', { holidayName: "Father's Day (in lieu)" })).toBe(
      "Public holiday (Father's Day (in lieu)) · opens Tuesday 8 Dec 2026 at 08:30",
    );
  });

  it('tells weekends, evenings and exceptions apart', () => {
    expect(text('2026-11-22T10:00:00')).toBe('วันนี้ไม่เปิดทำการ · เปิดวันจันทร์ 23 พ.ย. 2569 08:30');
    expect(text('2026-11-26T18:00:00')).toBe('ปิดแล้ว · เปิดวันจันทร์ 30 พ.ย. 2569 08:30');
    expect(text('2026-11-27T10:00:00', 'th', { exceptionNote: 'ย้ายสำนักงาน' })).toBe('ปิดเป็นกรณีพิเศษ (ย้ายสำนักงาน) · เปิดวันจันทร์ 30 พ.ย. 2569 08:30');
  });
});

describe('phone numbers', () => {
  it('turns Thai landlines and mobiles into +66 numbers', () => {
    expect(internationalPhone('0 2123 4567')).toBe('+6621234567');
    expect(internationalPhone('081-234-5678')).toBe('+66812345678');
    expect(internationalPhone('+66 2 123 4567')).toBe('+6621234567');
    expect(internationalPhone('66812345678')).toBe('+66812345678');
  });

  it('refuses what is not a Thai number', () => {
    expect(internationalPhone('1111')).toBeNull();
    expect(internationalPhone('javascript:alert(1)')).toBeNull();
    expect(internationalPhone('0 2123')).toBeNull();
  });
});

describe('outside links', () => {
  it('links only http(s) websites and plain e-mail addresses', () => {
    expect(safeWebsite('https://www.example.go.th/')).toBe('https://www.example.go.th/');
    expect(safeWebsite('javascript:alert(1)')).toBeNull();
    expect(safeWebsite('not a url')).toBeNull();
    expect(safeEmail('saraban@example.go.th')).toBe('saraban@example.go.th');
    expect(safeEmail('a@b.c"><script>')).toBeNull();
  });

  it('builds directions that start from the visitor', () => {
    const links = mapLinks(13.7563, 100.5018);
    expect(links.google).toBe('https://www.google.com/maps/dir/?api=1&destination=13.756300,100.501800');
    expect(links.osmDirections).toBe('https://www.openstreetmap.org/directions?to=13.756300,100.501800');
    expect(links.longdo).toBe('https://map.longdo.com/?lat=13.756300&long=100.501800&zoom=16');
  });
});
