/** Kinds of organisation, with the words Thais use for them (REFERENCE.md). */
export const LOCAL_KINDS = ['pao', 'city_municipality', 'town_municipality', 'subdistrict_municipality', 'tao', 'pattaya', 'bangkok'] as const;
export type LocalKind = (typeof LOCAL_KINDS)[number];

export const KIND_NAMES: Record<string, { th: string; en: string; abbrTh?: string }> = {
  ministry: { th: 'กระทรวง', en: 'Ministry' },
  department: { th: 'กรม', en: 'Department' },
  national_office: { th: 'หน่วยงานกลาง', en: 'National office' },
  provincial_office: { th: 'สำนักงานจังหวัด', en: 'Provincial office' },
  district_office: { th: 'ที่ว่าการอำเภอ', en: 'District office' },
  bangkok_district_office: { th: 'สำนักงานเขต', en: 'Bangkok district office' },
  cdd_district_office: { th: 'สำนักงานพัฒนาชุมชนอำเภอ', en: 'District community development office' },
  dlt_provincial_office: { th: 'สำนักงานขนส่งจังหวัด', en: 'Provincial land transport office' },
  land_provincial_office: { th: 'สำนักงานที่ดินจังหวัด', en: 'Provincial land office' },
  sso_provincial_office: { th: 'สำนักงานประกันสังคมจังหวัด', en: 'Provincial social security office' },
  pao: { th: 'องค์การบริหารส่วนจังหวัด', en: 'Provincial Administrative Organization', abbrTh: 'อบจ.' },
  city_municipality: { th: 'เทศบาลนคร', en: 'City Municipality', abbrTh: 'ทน.' },
  town_municipality: { th: 'เทศบาลเมือง', en: 'Town Municipality', abbrTh: 'ทม.' },
  subdistrict_municipality: { th: 'เทศบาลตำบล', en: 'Subdistrict Municipality', abbrTh: 'ทต.' },
  tao: { th: 'องค์การบริหารส่วนตำบล', en: 'Subdistrict Administrative Organization', abbrTh: 'อบต.' },
  pattaya: { th: 'เมืองพัทยา', en: 'Pattaya City' },
  bangkok: { th: 'กรุงเทพมหานคร', en: 'Bangkok Metropolitan Administration', abbrTh: 'กทม.' },
};

/** Kinds that a citizen can filter search results by, in display order. */
export const SEARCHABLE_KINDS = [
  'district_office',
  'bangkok_district_office',
  'tao',
  'subdistrict_municipality',
  'town_municipality',
  'city_municipality',
  'pao',
  'bangkok',
  'pattaya',
  'cdd_district_office',
  'dlt_provincial_office',
  'land_provincial_office',
  'sso_provincial_office',
] as const;
