import { describe, expect, it } from 'vitest';
import { manualSearchText } from '../manuals/catalogue.js';
import { interpretQuery } from './interpret.js';

const manual = (id: number, title_th: string, synonyms_th: string[] = [], title_en = '') => ({
  id,
  searchText: manualSearchText({ title_th, title_en, synonyms_th, synonyms_en: [], owner_agency_th: '', service_category_th: null }),
});

const catalogue = [
  manual(1, 'การขอมีบัตรประจำตัวประชาชนครั้งแรก', ['ทำบัตรประชาชน'], 'First national ID card'),
  manual(2, 'การขอเพิ่มชื่อในทะเบียนบ้าน'),
  manual(3, 'การแจ้งย้ายที่อยู่ (ย้ายเข้า) ทะเบียนบ้าน'),
  manual(4, 'การขออนุญาตก่อสร้างอาคาร'),
];

describe('query interpretation', () => {
  it('finds a manual by a word inside an unspaced Thai title', () => {
    expect(interpretQuery('ทะเบียนบ้าน', catalogue)).toEqual({ manualIds: [2, 3], placePatterns: [] });
  });

  it('finds the ID-card manual from the everyday words through segmentation', () => {
    expect(interpretQuery('บัตรประชาชน', catalogue)).toEqual({ manualIds: [1], placePatterns: [] });
  });

  it('separates the service from the place', () => {
    expect(interpretQuery('ทำบัตรประชาชน เชียงใหม่', catalogue)).toEqual({ manualIds: [1], placePatterns: ['เชียงใหม่'] });
    expect(interpretQuery('เชียงใหม่ ขออนุญาตก่อสร้าง', catalogue)).toEqual({ manualIds: [4], placePatterns: ['เชียงใหม่'] });
  });

  it('keeps an unspaced place name whole', () => {
    expect(interpretQuery('ทะเบียนบ้านบางปลา', catalogue)).toEqual({ manualIds: [2, 3], placePatterns: ['บางปลา'] });
  });

  it('treats a query that names no service as the name of a place or office', () => {
    expect(interpretQuery('อบต.บางปลา', catalogue)).toEqual({ manualIds: null, placePatterns: ['อบต', 'บางปลา'] });
  });

  it('matches English titles too', () => {
    expect(interpretQuery('ID card', catalogue).manualIds).toEqual([1]);
  });

  it('returns nothing to match for an empty query', () => {
    expect(interpretQuery('  ', catalogue)).toEqual({ manualIds: null, placePatterns: [] });
  });
});
