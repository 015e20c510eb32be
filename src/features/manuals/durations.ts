/** Durations of manual steps in words: "15 นาที", "2 ชั่วโมง 15 นาที", "3 วันทำการ" / "3 working days". */
import { formatNumber, type Locale } from '../../i18n/index.js';

const UNITS: Record<string, { th: string; en: [string, string] }> = {
  minute: { th: 'นาที', en: ['minute', 'minutes'] },
  hour: { th: 'ชั่วโมง', en: ['hour', 'hours'] },
  day: { th: 'วัน', en: ['day', 'days'] },
  working_day: { th: 'วันทำการ', en: ['working day', 'working days'] },
};

function part(value: number, unit: string, locale: Locale): string {
  const names = UNITS[unit] ?? UNITS.day!;
  const number = formatNumber(value, locale);
  return locale === 'th' ? `${number} ${names.th}` : `${number} ${value === 1 ? names.en[0] : names.en[1]}`;
}

export function formatDuration(value: number, unit: string, locale: Locale): string {
  // Long spans of minutes read better as hours and minutes (a manual's 135 minutes is 2 h 15 min).
  if (unit === 'minute' && value >= 60 && Number.isInteger(value)) {
    const hours = Math.floor(value / 60);
    const minutes = value % 60;
    return minutes ? `${part(hours, 'hour', locale)} ${part(minutes, 'minute', locale)}` : part(hours, 'hour', locale);
  }
  return part(value, unit, locale);
}
