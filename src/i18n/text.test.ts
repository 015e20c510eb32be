import { describe, expect, it } from 'vitest';
import { likeEscape, normaliseForSearch, queryChunks, segmentWords } from './text.js';

describe('Thai search text', () => {
  it('segments unspaced Thai into dictionary words', () => {
    expect(segmentWords('ขอเพิ่มชื่อในทะเบียนบ้าน')).toEqual(['ขอ', 'เพิ่ม', 'ชื่อ', 'ใน', 'ทะเบียน', 'บ้าน']);
    expect(segmentWords('บัตรประชาชน')).toEqual(['บัตร', 'ประชาชน']);
  });

  it('drops abbreviation dots and case so อบต. matches อบต', () => {
    expect(normaliseForSearch('  อบต.บางปลา  ID Card ')).toBe('อบต บางปลา id card');
  });

  it('removes zero-width spaces that Thai editors insert', () => {
    expect(normaliseForSearch('ทะเบียน\u200bบ้าน')).toBe('ทะเบียนบ้าน');
  });

  it('splits a query into chunks of words', () => {
    expect(queryChunks('ทำบัตรประชาชน เชียงใหม่')).toEqual([
      { text: 'ทำบัตรประชาชน', words: ['ทำ', 'บัตร', 'ประชาชน'] },
      { text: 'เชียงใหม่', words: ['เชียงใหม่'] },
    ]);
    expect(queryChunks('  ...  ')).toEqual([]);
  });

  it('escapes LIKE wildcards', () => {
    expect(likeEscape('50%_a\\b')).toBe('50\\%\\_a\\\\b');
  });
});
