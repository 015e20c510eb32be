import { describe, expect, it } from 'vitest';
import { normalisePhone, readPhones, readWebsite } from './office-input.js';

describe('Thai phone numbers', () => {
  it.each([
    ['02 123 4567', '0 2123 4567'],
    ['0-2123-4567', '0 2123 4567'],
    ['(053) 123456', '0 5312 3456'],
    ['+66 53 123 456', '0 5312 3456'],
    ['+66-2-123-4567', '0 2123 4567'],
    ['66 2 123 4567', '0 2123 4567'],
    ['081-234-5678', '081 234 5678'],
    ['0812345678', '081 234 5678'],
    ['+66 81 234 5678', '081 234 5678'],
    ['096.123.4567', '096 123 4567'],
    ['1111', '1111'],
    ['1548', '1548'],
    ['1800-123-456', '1800 123 456'],
    ['0 2123 4567 ต่อ 12', '0 2123 4567 ต่อ 12'],
    ['02-123-4567 ext. 1234', '0 2123 4567 ต่อ 1234'],
    ['021234567#5', '0 2123 4567 ต่อ 5'],
  ])('reads %j as %j', (text, expected) => {
    expect(normalisePhone(text)).toBe(expected);
  });

  it.each(['12345', '0123456789', '02 123 456', '081 234 567', '08123456789', '+1 212 555 0100', 'call me', '1111 ต่อ 2', '0 2123 4567 ต่อ', '๐๒๑๒๓๔๕๖๗', '1'.repeat(50)])(
    'refuses %j',
    (text) => {
      expect(normalisePhone(text)).toBeNull();
    },
  );

  it('reads one number a line, drops repeats, and names the wrong one', () => {
    expect(readPhones('02 123 4567\n081-234-5678\n\n0 2123 4567')).toEqual({ phones: ['0 2123 4567', '081 234 5678'], issues: [] });
    expect(readPhones('02 123 4567, 1111')).toEqual({ phones: ['0 2123 4567', '1111'], issues: [] });
    const wrong = readPhones('02 123 4567\n123');
    expect(wrong.issues[0]?.th).toContain('“123” ไม่ใช่หมายเลขโทรศัพท์ไทย');
    expect(wrong.issues[0]?.en).toContain('“123” is not a Thai phone number');
    expect(readPhones(['1111', '1548', '1555', '1556', '1557', '1669'].join('\n')).issues[0]?.en).toBe('At most 5 phone numbers');
  });
});

describe('web addresses', () => {
  it.each([
    ['https://www.example.go.th', 'https://www.example.go.th/'],
    ['http://example.go.th/office?x=1', 'http://example.go.th/office?x=1'],
    ['www.example.go.th', 'https://www.example.go.th/'],
    ['  https://เทศบาล.com/  ', 'https://xn--o3cg7ak5c9d.com/'],
  ])('keeps %j as %j', (text, expected) => {
    expect(readWebsite(text)).toEqual({ website: expected, issues: [] });
  });

  it('is optional', () => {
    expect(readWebsite('  ')).toEqual({ website: null, issues: [] });
  });

  it.each(['javascript:alert(1)', 'ftp://example.go.th', 'data:text/html,<b>x</b>', 'file:///etc/passwd', 'https://user:pass@example.go.th', 'https://localhost', 'not a url', 'mailto:a@b.c'])(
    'refuses %j',
    (text) => {
      const result = readWebsite(text);
      expect(result.website).toBeNull();
      expect(result.issues[0]?.field).toBe('website');
    },
  );
});
