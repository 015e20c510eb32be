/**
 * The fields of the service-point downloads, described once in Thai and English: the open-data
 * page lists them, and the OpenAPI schemas carry the same text, so the two cannot drift apart.
 */
import { Type } from '@sinclair/typebox';
import { defineMessages } from '../../i18n/index.js';

export const fieldMessages = defineMessages(
  {
    code: 'รหัสสาธารณะของจุดบริการ ใช้ในลิงก์ /p/{code} และโปสเตอร์ QR',
    name_th: 'ชื่อจุดบริการ (ภาษาไทย)',
    name_en: 'ชื่อจุดบริการ (ภาษาอังกฤษ) ว่างได้',
    organisation_code: 'รหัสหน่วยงานเจ้าของจุดบริการ',
    organisation_th: 'ชื่อหน่วยงาน (ภาษาไทย)',
    organisation_en: 'ชื่อหน่วยงาน (ภาษาอังกฤษ) ว่างได้',
    kind: 'ประเภทหน่วยงาน เช่น tao (อบต.), subdistrict_municipality (ทต.), district_office (ที่ว่าการอำเภอ)',
    kind_th: 'ชื่อประเภทหน่วยงาน (ภาษาไทย)',
    kind_en: 'ชื่อประเภทหน่วยงาน (ภาษาอังกฤษ)',
    province_code: 'รหัสจังหวัดของกรมการปกครอง 2 หลัก',
    province_th: 'ชื่อจังหวัด (ภาษาไทย)',
    province_en: 'ชื่อจังหวัด (ภาษาอังกฤษ)',
    district_code: 'รหัสอำเภอ/เขตของกรมการปกครอง 4 หลัก',
    district_th: 'ชื่ออำเภอ/เขต (ภาษาไทย)',
    district_en: 'ชื่ออำเภอ/เขต (ภาษาอังกฤษ)',
    address_th: 'ที่อยู่ (ภาษาไทย)',
    address_en: 'ที่อยู่ (ภาษาอังกฤษ)',
    postal_code: 'รหัสไปรษณีย์',
    lat: 'ละติจูด WGS84 ทศนิยม 6 ตำแหน่ง (เฉพาะ CSV; ใน GeoJSON อยู่ใน geometry)',
    lng: 'ลองจิจูด WGS84 ทศนิยม 6 ตำแหน่ง (เฉพาะ CSV; ใน GeoJSON อยู่ใน geometry)',
    phones: 'หมายเลขโทรศัพท์ (GeoJSON: รายการ; CSV: คั่นด้วย “; ”)',
    website: 'เว็บไซต์ของหน่วยงาน ว่างได้',
    url: 'หน้าของจุดบริการนี้ใน CitizenInfo',
    verification: 'สถานะการตรวจสอบหมุด: unverified (ยังไม่ตรวจ), verified (ตรวจแล้ว), flagged (ถูกแจ้งว่าอาจผิด)',
    updated_at: 'เวลาที่แก้ไขข้อมูลล่าสุด (ISO 8601, UTC)',
  },
  {
    code: 'Public code of the service point, used in /p/{code} links and QR posters',
    name_th: 'Name of the service point in Thai',
    name_en: 'Name of the service point in English; may be empty',
    organisation_code: 'Code of the organisation that runs the point',
    organisation_th: 'Name of the organisation in Thai',
    organisation_en: 'Name of the organisation in English; may be empty',
    kind: 'Kind of organisation, e.g. tao (TAO), subdistrict_municipality, district_office',
    kind_th: 'Kind of organisation, in Thai',
    kind_en: 'Kind of organisation, in English',
    province_code: 'DOPA province code, 2 digits',
    province_th: 'Province name in Thai',
    province_en: 'Province name in English',
    district_code: 'DOPA district (amphoe/khet) code, 4 digits',
    district_th: 'District name in Thai',
    district_en: 'District name in English',
    address_th: 'Address in Thai',
    address_en: 'Address in English',
    postal_code: 'Postal code',
    lat: 'Latitude, WGS84, 6 decimals (CSV only; in GeoJSON it is in the geometry)',
    lng: 'Longitude, WGS84, 6 decimals (CSV only; in GeoJSON it is in the geometry)',
    phones: 'Phone numbers (GeoJSON: a list; CSV: separated by “; ”)',
    website: 'Website of the office; may be empty',
    url: 'Page of this service point on CitizenInfo',
    verification: 'Pin verification: unverified, verified, or flagged (reported as possibly wrong)',
    updated_at: 'When the record last changed (ISO 8601, UTC)',
  },
);

export type FieldName = keyof typeof fieldMessages.th;

/** English first for integrators, then Thai, in one description. */
export const describe = (field: FieldName): string => `${fieldMessages.en[field]} — ${fieldMessages.th[field]}`;

const text = (field: FieldName) => Type.String({ description: describe(field) });
const nullableText = (field: FieldName) => Type.Union([Type.String(), Type.Null()], { description: describe(field) });

/** The properties of a GeoJSON feature; the CSV has the same columns plus lat and lng. */
export const PointProperties = Type.Object({
  code: text('code'),
  name_th: text('name_th'),
  name_en: nullableText('name_en'),
  organisation_code: text('organisation_code'),
  organisation_th: text('organisation_th'),
  organisation_en: nullableText('organisation_en'),
  kind: text('kind'),
  kind_th: text('kind_th'),
  kind_en: text('kind_en'),
  province_code: text('province_code'),
  province_th: text('province_th'),
  province_en: text('province_en'),
  district_code: text('district_code'),
  district_th: text('district_th'),
  district_en: text('district_en'),
  address_th: nullableText('address_th'),
  address_en: nullableText('address_en'),
  postal_code: nullableText('postal_code'),
  phones: Type.Array(Type.String(), { description: describe('phones') }),
  website: nullableText('website'),
  url: Type.String({ format: 'uri', description: describe('url') }),
  verification: Type.Union([Type.Literal('unverified'), Type.Literal('verified'), Type.Literal('flagged')], {
    description: describe('verification'),
  }),
  updated_at: Type.String({ format: 'date-time', description: describe('updated_at') }),
});

/** The CSV columns, in order. */
export const CSV_COLUMNS = [
  'code',
  'name_th',
  'name_en',
  'organisation_code',
  'organisation_th',
  'organisation_en',
  'kind',
  'kind_th',
  'kind_en',
  'province_code',
  'province_th',
  'province_en',
  'district_code',
  'district_th',
  'district_en',
  'address_th',
  'address_en',
  'postal_code',
  'lat',
  'lng',
  'phones',
  'website',
  'url',
  'verification',
  'updated_at',
] as const satisfies readonly FieldName[];

export const PointFeatureCollection = Type.Object(
  {
    type: Type.Literal('FeatureCollection'),
    features: Type.Array(
      Type.Object({
        type: Type.Literal('Feature'),
        id: Type.String({ description: describe('code') }),
        geometry: Type.Object({
          type: Type.Literal('Point'),
          coordinates: Type.Array(Type.Number(), {
            minItems: 2,
            maxItems: 2,
            description: '[longitude, latitude] (RFC 7946), WGS84, 6 decimals — [ลองจิจูด, ละติจูด]',
          }),
        }),
        properties: PointProperties,
      }),
    ),
  },
  { description: 'RFC 7946 GeoJSON FeatureCollection of active service points — จุดบริการที่เปิดให้บริการในรูปแบบ GeoJSON' },
);
