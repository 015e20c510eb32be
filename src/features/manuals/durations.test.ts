import { describe, expect, it } from 'vitest';
import { formatDuration } from './durations.js';

describe('durations in words', () => {
  it('writes Thai units', () => {
    expect(formatDuration(15, 'minute', 'th')).toBe('15 นาที');
    expect(formatDuration(3, 'working_day', 'th')).toBe('3 วันทำการ');
    expect(formatDuration(45, 'day', 'th')).toBe('45 วัน');
    expect(formatDuration(135, 'minute', 'th')).toBe('2 ชั่วโมง 15 นาที');
  });

  it('writes English units with plurals', () => {
    expect(formatDuration(1, 'working_day', 'en')).toBe('1 working day');
    expect(formatDuration(3, 'working_day', 'en')).toBe('3 working days');
    expect(formatDuration(60, 'minute', 'en')).toBe('1 hour');
    expect(formatDuration(1.5, 'day', 'en')).toBe('1.5 days');
  });
});
