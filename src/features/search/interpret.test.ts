import { describe, expect, it } from 'vitest';
import { catalogueEntry, interpretQuery } from './interpret.js';

const manual = (id: number, title_th: string, synonyms_th: string[] = [], title_en = '') => catalogueEntry(id, [title_th, title_en], synonyms_th);

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

  it('prefers manuals whose title holds the words to those with a synonym that does', () => {
    const withAddName = [...catalogue, manual(7, 'การขอเพิ่มชื่อในทะเบียนบ้าน กรณีตกสำรวจ', ['ไม่มีบัตรประชาชน'])];
    expect(interpretQuery('บัตรประชาชน', withAddName).manualIds).toEqual([1]);
    expect(interpretQuery('ไม่มีบัตรประชาชน', withAddName).manualIds).toEqual([7]);
  });

  it('does not join words from different titles and synonyms when one phrase holds them all', () => {
    const withLandSale = [...catalogue, manual(5, 'การจดทะเบียนขายที่ดิน', ['ขายบ้านพร้อมที่ดิน'])];
    expect(interpretQuery('ทะเบียนบ้าน', withLandSale).manualIds).toEqual([2, 3]);
    expect(interpretQuery('ขายที่ดิน', withLandSale).manualIds).toEqual([5]);
  });

  it('matches English words at the start of a word, not inside one', () => {
    const withResidence = [...catalogue, manual(6, 'การขอหนังสือรับรองถิ่นที่อยู่', [], 'Certificate of residence')];
    expect(interpretQuery('id', withResidence).manualIds).toEqual([1]);
    expect(interpretQuery('resid', withResidence).manualIds).toEqual([6]);
  });

  it('ignores filler words ("where", "near me")', () => {
    expect(interpretQuery('ทำบัตรประชาชนใกล้ฉัน', catalogue)).toEqual({ manualIds: [1], placePatterns: [] });
    expect(interpretQuery('ขออนุญาตก่อสร้างที่ไหน', catalogue)).toEqual({ manualIds: [4], placePatterns: [] });
    expect(interpretQuery('ที่ไหน', catalogue)).toEqual({ manualIds: null, placePatterns: [] });
  });

  describe('with known place names', () => {
    const places = new Map([
      ['บ้านแหลม', 'บ้านแหลม'],
      ['บางปลา', 'บางปลา'],
      ['เชียงใหม่', 'เชียงใหม่'],
      ['เมืองเชียงใหม่', 'เมืองเชียงใหม่'],
      ['chiangmai', 'chiang mai'],
      ['bangrak', 'bang rak'],
    ]);

    it('keeps a place name whole even when it contains a service word', () => {
      // "บ้าน" alone would name the house-registration manuals.
      expect(interpretQuery('บ้านแหลม', catalogue, places)).toEqual({ manualIds: null, placePatterns: ['บ้านแหลม'] });
      expect(interpretQuery('ทะเบียนบ้านบางปลา', catalogue, places)).toEqual({ manualIds: [2, 3], placePatterns: ['บางปลา'] });
    });

    it('drops "province" and "district" words beside a place name', () => {
      expect(interpretQuery('ขออนุญาตก่อสร้าง อำเภอเมืองเชียงใหม่', catalogue, places)).toEqual({ manualIds: [4], placePatterns: ['เมืองเชียงใหม่'] });
      expect(interpretQuery('จ.เชียงใหม่', catalogue, places)).toEqual({ manualIds: null, placePatterns: ['เชียงใหม่'] });
      expect(interpretQuery('ID card Chiang Mai province', catalogue, places)).toEqual({ manualIds: [1], placePatterns: ['chiang mai'] });
    });

    it('reads office words as part of a point name', () => {
      expect(interpretQuery('เทศบาลนครเชียงใหม่', catalogue, places)).toEqual({ manualIds: null, placePatterns: ['เทศบาลนคร', 'เชียงใหม่'] });
      expect(interpretQuery('Bang Rak district office', catalogue, places)).toEqual({ manualIds: null, placePatterns: ['bang rak', 'district office'] });
    });
  });

  it('returns nothing to match for an empty query', () => {
    expect(interpretQuery('  ', catalogue)).toEqual({ manualIds: null, placePatterns: [] });
  });
});
