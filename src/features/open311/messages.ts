import { defineMessages } from '../../i18n/index.js';

/** Open311 error descriptions and the texts of the API documents (English first in the API). */
export const open311Messages = defineMessages(
  {
    apiKey: 'ต้องมี api_key ที่ยังใช้งานได้ ขอคีย์ได้จากผู้ดูแลระบบ',
    serviceCode: 'ไม่รู้จัก service_code นี้ ดูรายการได้ที่ services.json',
    location: 'ต้องมี lat และ long หรือ address_string',
    pair: 'ต้องมีทั้ง lat และ long',
    unroutable: 'ระบุ address_string อย่างเดียวไม่พอที่จะส่งถึงหน่วยงาน กรุณาเพิ่ม lat/long, attribute[point] หรือ jurisdiction_id (รหัสหน่วยงาน)',
    noPointNear: 'ไม่พบจุดบริการภายในระยะ 30 กม. จากพิกัดนี้ กรุณาระบุ attribute[point] หรือ jurisdiction_id',
    unknownPoint: 'ไม่พบจุดบริการที่เปิดอยู่ตามรหัส attribute[point]',
    jurisdiction: 'ไม่รู้จัก jurisdiction_id นี้ ใช้ชื่อโดเมนของระบบนี้หรือรหัสหน่วยงาน',
    requestId: 'service_request_id ต้องเป็นหมายเลขติดตาม เช่น CI-2569-7K4M-Q2 คั่นด้วยจุลภาค ไม่เกิน 50 รายการ',
    date: 'วันที่ต้องอยู่ในรูปแบบ ISO 8601 เช่น 2026-01-31T00:00:00+07:00',
    dateOrder: 'start_date ต้องมาก่อน end_date',
    status: 'status ต้องเป็น open หรือ closed',
    notice: 'หน่วยงานได้รับเรื่องแล้ว ติดตามสถานะได้ด้วยหมายเลขนี้',
    group: 'ร้องเรียนหน่วยงานรัฐ',
    pointAttribute: 'รหัสจุดบริการ 6 ตัว (บนโปสเตอร์ QR หรือใน URL /p/{code}) เพื่อส่งเรื่องถึงจุดบริการนั้นโดยตรง',
    pointDatatype: 'ตัวอักษร 6 ตัวจาก 23456789ABCDEFGHJKMNPQRSTUVWXYZ',
  },
  {
    apiKey: 'An active api_key is required; ask an administrator for one',
    serviceCode: 'Unknown service_code; see services.json',
    location: 'lat and long, or address_string, are required',
    pair: 'Both lat and long are required',
    unroutable: 'address_string alone cannot be routed to an office: add lat/long, attribute[point] or jurisdiction_id (an organisation code)',
    noPointNear: 'No service point within 30 km of these coordinates: give attribute[point] or jurisdiction_id',
    unknownPoint: 'No open service point has the code in attribute[point]',
    jurisdiction: 'Unknown jurisdiction_id: use this system’s domain name or an organisation code',
    requestId: 'service_request_id must be tracking numbers such as CI-2569-7K4M-Q2, comma-separated, at most 50',
    date: 'Dates must be ISO 8601, e.g. 2026-01-31T00:00:00+07:00',
    dateOrder: 'start_date must be before end_date',
    status: 'status must be open or closed',
    notice: 'The office has received the request; follow it with this number',
    group: 'Complaints about public offices',
    pointAttribute: 'The 6-character code of a service point (on its QR poster or in its URL /p/{code}), to send the request to that point directly',
    pointDatatype: '6 characters from 23456789ABCDEFGHJKMNPQRSTUVWXYZ',
  },
);

/** The admin page of API keys. */
export const keyMessages = defineMessages(
  {
    keysTitle: 'คีย์ API สำหรับ Open311',
    keysIntro:
      'ระบบภายนอกใช้คีย์ API เพื่อส่งเรื่องร้องเรียนผ่าน Open311 GeoReport v2 (POST /open311/v2/requests.json) ผู้ใช้คีย์ต้องขอความยินยอมจากประชาชนก่อนส่งข้อมูลติดต่อ ระบบเก็บเฉพาะค่าแฮชของคีย์ จึงแสดงคีย์ได้ครั้งเดียวตอนสร้าง',
    keyName: 'ชื่อระบบหรือหน่วยงานที่ใช้คีย์',
    keyNameHint: 'เช่น แอปพลิเคชันของเทศบาล หรือ ศูนย์ดำรงธรรมจังหวัด',
    createKey: 'สร้างคีย์',
    newKey: 'คีย์ใหม่ (แสดงครั้งเดียว คัดลอกเก็บไว้ตอนนี้)',
    keysEmpty: 'ยังไม่มีคีย์',
    createdBy: (name: string, date: string) => `สร้างโดย ${name} เมื่อ ${date}`,
    revokedAt: (date: string) => `ยกเลิกแล้วเมื่อ ${date}`,
    active: 'ใช้งานอยู่',
    revoke: 'ยกเลิกคีย์',
    revoked: 'ยกเลิกคีย์แล้ว ระบบที่ใช้คีย์นี้จะส่งเรื่องไม่ได้อีก',
    keyRequests: (n: string) => `ส่งเรื่องมาแล้ว ${n} เรื่อง`,
  },
  {
    keysTitle: 'Open311 API keys',
    keysIntro:
      'Other systems use an API key to send complaints through Open311 GeoReport v2 (POST /open311/v2/requests.json). Key holders must get the citizen’s consent before sending contact details. Only a hash of each key is kept, so a key is shown once, when it is created',
    keyName: 'System or organisation using the key',
    keyNameHint: 'e.g. the municipality’s app, or the provincial Damrongdhama centre',
    createKey: 'Create a key',
    newKey: 'New key (shown once: copy it now)',
    keysEmpty: 'No keys yet',
    createdBy: (name: string, date: string) => `Created by ${name} on ${date}`,
    revokedAt: (date: string) => `Revoked on ${date}`,
    active: 'Active',
    revoke: 'Revoke',
    revoked: 'The key is revoked: systems using it can no longer send complaints',
    keyRequests: (n: string) => `${n} complaints sent`,
  },
);
