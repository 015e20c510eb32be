/**
 * The fixed list of complaint categories. The codes are stable: they are stored in
 * `complaints.category`, sent to the national complaint centre and used as Open311 service codes,
 * so a code is never renamed or reused — a new kind of complaint gets a new code.
 */

export interface ComplaintCategory {
  code: string;
  nameTh: string;
  nameEn: string;
  /** one line shown under the choice on the form, and as the Open311 service description */
  hintTh: string;
  hintEn: string;
}

export const COMPLAINT_CATEGORIES = [
  {
    code: 'service_delay',
    nameTh: 'บริการล่าช้า',
    nameEn: 'Service delay',
    hintTh: 'รอนานเกินกว่าที่คู่มือสำหรับประชาชนกำหนด หรือเรื่องไม่คืบหน้า',
    hintEn: 'Took longer than the Citizen’s Manual says, or nothing happened',
  },
  {
    code: 'staff_conduct',
    nameTh: 'พฤติกรรมเจ้าหน้าที่',
    nameEn: 'Staff conduct',
    hintTh: 'ไม่สุภาพ ไม่ให้บริการ หรือเลือกปฏิบัติ',
    hintEn: 'Rude, refused to serve, or treated people unequally',
  },
  {
    code: 'zero_copy',
    nameTh: 'เรียกสำเนาเอกสารที่รัฐออกให้ (Zero Copy)',
    nameEn: 'Asked for copies of state documents (Zero Copy)',
    hintTh: 'ขอสำเนาบัตรประชาชน ทะเบียนบ้าน หรือเอกสารอื่นที่ราชการออกให้เอง',
    hintEn: 'Asked for copies of the ID card, house registration or other documents the state issued',
  },
  {
    code: 'fees',
    nameTh: 'ค่าธรรมเนียมไม่ถูกต้อง',
    nameEn: 'Fees',
    hintTh: 'เก็บค่าธรรมเนียมเกินหรือไม่ตรงกับที่ประกาศ ไม่ออกใบเสร็จ',
    hintEn: 'Charged more than, or other than, the published fee; no receipt',
  },
  {
    code: 'corruption',
    nameTh: 'ทุจริต เรียกรับสินบน',
    nameEn: 'Corruption or bribery',
    hintTh: 'เรียกเงินหรือประโยชน์อื่นเพื่อให้บริการหรือให้เร็วขึ้น',
    hintEn: 'Asked for money or favours to give the service, or to give it faster',
  },
  {
    code: 'facilities',
    nameTh: 'สถานที่และสิ่งอำนวยความสะดวก',
    nameEn: 'Facilities',
    hintTh: 'ที่จอดรถ ทางลาด ห้องน้ำ ที่นั่งรอ ป้ายบอกทาง',
    hintEn: 'Parking, ramps, toilets, seating, signs',
  },
  {
    code: 'wrong_information',
    nameTh: 'ข้อมูลไม่ถูกต้อง',
    nameEn: 'Information wrong',
    hintTh: 'เวลาทำการ ที่ตั้ง เบอร์โทร หรือคู่มือไม่ตรงกับความจริง',
    hintEn: 'Hours, location, phone or manual do not match reality',
  },
  {
    code: 'other',
    nameTh: 'อื่น ๆ',
    nameEn: 'Other',
    hintTh: 'เรื่องอื่นที่ไม่อยู่ในรายการข้างต้น',
    hintEn: 'Anything not listed above',
  },
] as const satisfies readonly ComplaintCategory[];

export type CategoryCode = (typeof COMPLAINT_CATEGORIES)[number]['code'];

export const CATEGORY_CODES = COMPLAINT_CATEGORIES.map((c) => c.code) as [CategoryCode, ...CategoryCode[]];

const byCode = new Map<string, ComplaintCategory>(COMPLAINT_CATEGORIES.map((c) => [c.code, c]));

export function categoryByCode(code: string): ComplaintCategory | null {
  return byCode.get(code) ?? null;
}

export const categoryName = (code: string, locale: 'th' | 'en'): string => {
  const category = byCode.get(code);
  if (!category) return code;
  return locale === 'th' ? category.nameTh : category.nameEn;
};
