import { describe, expect, it } from 'vitest';
import { heldReasonOf, isValidNationalId } from './comment-checks.js';

describe('Thai national ID check digit', () => {
  it('accepts numbers whose last digit matches and refuses the rest', () => {
    expect(isValidNationalId('1103702345679')).toBe(true);
    expect(isValidNationalId('3101001234565')).toBe(true);
    expect(isValidNationalId('1103702345670')).toBe(false);
    expect(isValidNationalId('3101001234566')).toBe(false);
    expect(isValidNationalId('110370234567')).toBe(false);
    expect(isValidNationalId('11037023456799')).toBe(false);
    expect(isValidNationalId('11037O2345679')).toBe(false);
  });
});

describe('comment checks', () => {
  it('holds an ID number with a valid check digit, however it is written', () => {
    expect(heldReasonOf('เลขบัตรผม 1103702345679 ครับ')).toBe('national_id');
    expect(heldReasonOf('บัตร 1-1037-02345-67-9 หายที่นี่')).toBe('national_id');
    expect(heldReasonOf('ID 3 1010 01234 56 5')).toBe('national_id');
    // Thai digits
    expect(heldReasonOf('เลขบัตร ๑๑๐๓๗๐๒๓๔๕๖๗๙')).toBe('national_id');
  });

  it('publishes a 13-digit number whose check digit is wrong (a reference, not an ID)', () => {
    expect(heldReasonOf('ใบเสร็จเลขที่ 1103702345670')).toBeNull();
    expect(heldReasonOf('เลขคำขอ 3101001234566 ยังไม่ได้รับ')).toBeNull();
  });

  it('holds Thai mobile and landline numbers, with 0 or +66', () => {
    expect(heldReasonOf('โทรกลับที่ 081-234-5678')).toBe('phone');
    expect(heldReasonOf('โทร 0812345678 หรือ 0923456789')).toBe('phone');
    expect(heldReasonOf('ติดต่อ +66 81 234 5678')).toBe('phone');
    expect(heldReasonOf('เบอร์สำนักงาน 02 123 4567')).toBe('phone');
    expect(heldReasonOf('เบอร์ ๐๕๓-๑๑๒-๒๓๓')).toBe('phone');
  });

  it('publishes ordinary numbers, times, fees, dates and hotlines', () => {
    expect(heldReasonOf('รอคิว 45 นาที จ่าย 20 บาท')).toBeNull();
    expect(heldReasonOf('มาวันที่ 12/03/2569 เวลา 09.30 น.')).toBeNull();
    expect(heldReasonOf('โทรสายด่วน 1111 ไม่มีคนรับ')).toBeNull();
    expect(heldReasonOf('คิวที่ 123 ช่อง 4')).toBeNull();
  });

  it('holds e-mail addresses', () => {
    expect(heldReasonOf('ติดต่อ somchai.j@example.co.th ได้')).toBe('email');
    expect(heldReasonOf('mail me at A_B+c@Mail.COM')).toBe('email');
    expect(heldReasonOf('ส่งเอกสารที่ @ช่องสาม')).toBeNull();
  });

  it('holds insults and profanity as whole words, not inside other words', () => {
    expect(heldReasonOf('เจ้าหน้าที่เหี้ยมาก')).toBe('abuse');
    expect(heldReasonOf('พวกมึงแม่งไม่ทำงาน')).toBe('abuse');
    expect(heldReasonOf('ไอ้ควายนั่งเล่นมือถือ')).toBe('abuse');
    expect(heldReasonOf('What a fucking mess')).toBe('abuse');
    expect(heldReasonOf('SHIT service')).toBe('abuse');
    // A box, a district recruitment official, Google: not abuse.
    expect(heldReasonOf('ลืมหีบเอกสารไว้ที่เคาน์เตอร์')).toBeNull();
    expect(heldReasonOf('ติดต่อสัสดีอำเภอเรื่องทหาร')).toBeNull();
    expect(heldReasonOf('หาทางจาก Google Maps ไม่เจอ')).toBeNull();
  });

  it('publishes criticism', () => {
    expect(heldReasonOf('บริการห่วยมาก รอสองชั่วโมง เจ้าหน้าที่ไม่สนใจ')).toBeNull();
    expect(heldReasonOf('The staff were rude and the queue was a shambles')).toBeNull();
  });
});
