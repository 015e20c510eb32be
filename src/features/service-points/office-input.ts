/**
 * What an officer sends about a service point: one TypeBox schema per form (the shape and bounds
 * of every field) and the checks a schema cannot express — Thai phone numbers, web addresses
 * limited to http and https — with messages in Thai and English.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { FieldIssue } from '../../http/errors.js';
import { defineMessages } from '../../i18n/index.js';

const Csrf = { _csrf: Type.Optional(Type.String({ maxLength: 200 })) };
const optionalText = (maxLength: number) => Type.String({ maxLength });

export const PointForm = Type.Object({
  /** creating only: the organisation the point belongs to, and the search that finds it */
  organisation_id: Type.Optional(Type.String({ maxLength: 12 })),
  organisation_query: Type.Optional(Type.String({ maxLength: 200 })),
  name_th: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
  name_en: optionalText(200),
  address_th: optionalText(500),
  address_en: optionalText(500),
  province: Type.String({ pattern: '^\\d{2}$' }),
  district: Type.String({ pattern: '^(\\d{4})?$' }),
  subdistrict: Type.String({ pattern: '^(\\d{6})?$' }),
  postal_code: Type.String({ pattern: '^\\s*([1-9]\\d{4})?\\s*$' }),
  phones: optionalText(400),
  website: optionalText(500),
  /** checked by `readEmail`, so an empty field is allowed and a wrong one gets its own message */
  email: optionalText(254),
  /** creating only: where it is (coordinates or a map link); empty = the area's centre for now */
  location: Type.Optional(optionalText(2000)),
  /** `refresh` re-renders the form with the district and subdistrict lists of the chosen area */
  action: Type.Optional(Type.Union([Type.Literal('save'), Type.Literal('refresh'), Type.Literal('find')])),
  ...Csrf,
});
export type PointForm = Static<typeof PointForm>;

export const emptyPointForm = (): PointForm => ({
  name_th: '',
  name_en: '',
  address_th: '',
  address_en: '',
  province: '',
  district: '',
  subdistrict: '',
  postal_code: '',
  phones: '',
  website: '',
  email: '',
  location: '',
  organisation_id: '',
  organisation_query: '',
});

export const PinForm = Type.Object({
  location: Type.String({ maxLength: 2000 }),
  /** how the position was found: the picker sets gps or map; links are recognised by the server */
  method: Type.Optional(Type.Union([Type.Literal('typed'), Type.Literal('map'), Type.Literal('gps')])),
  /** metres, from the browser's Geolocation API */
  accuracy: Type.Optional(Type.String({ pattern: '^(\\d{1,6}(\\.\\d{1,3})?)?$' })),
  ...Csrf,
});
export type PinForm = Static<typeof PinForm>;

const Time = Type.String({ maxLength: 20 });
const Tick = Type.Optional(Type.String({ maxLength: 10 }));
const dayFields: Record<string, typeof Time | typeof Tick> = {};
for (const day of ['0', '1', '2', '3', '4', '5', '6']) {
  dayFields[`d${day}_closed`] = Tick;
  for (let n = 1; n <= 3; n++) {
    dayFields[`d${day}_from${n}`] = Type.Optional(Time);
    dayFields[`d${day}_to${n}`] = Type.Optional(Time);
  }
}
export const WeeklyHoursBody = Type.Object({ ...dayFields, copy_monday: Tick, closed_on_holidays: Tick, ...Csrf }, { additionalProperties: false });

export const ExceptionBody = Type.Object(
  {
    date: Type.String({ maxLength: 20 }),
    kind: Type.Union([Type.Literal('closed'), Type.Literal('hours')]),
    from1: Type.Optional(Time),
    to1: Type.Optional(Time),
    from2: Type.Optional(Time),
    to2: Type.Optional(Time),
    note_th: Type.Optional(Type.String({ maxLength: 200 })),
    note_en: Type.Optional(Type.String({ maxLength: 200 })),
    ...Csrf,
  },
  { additionalProperties: false },
);

export const StatusBody = Type.Object({ status: Type.Union([Type.Literal('active'), Type.Literal('closed')]), ...Csrf }, { additionalProperties: false });

export const VerificationBody = Type.Object(
  {
    verification: Type.Union([Type.Literal('verified'), Type.Literal('flagged')]),
    reason: Type.String({ maxLength: 500 }),
    ...Csrf,
  },
  { additionalProperties: false },
);

export const PHOTO_ALT_MAX = 300;
export const PhotoTextBody = Type.Object(
  { alt_th: Type.String({ minLength: 1, maxLength: PHOTO_ALT_MAX, pattern: '\\S' }), alt_en: Type.String({ maxLength: PHOTO_ALT_MAX }), ...Csrf },
  { additionalProperties: false },
);
export const MoveBody = Type.Object({ direction: Type.Union([Type.Literal('up'), Type.Literal('down')]), ...Csrf }, { additionalProperties: false });
export const CsrfOnlyBody = Type.Object({ ...Csrf }, { additionalProperties: false });

// ─── Checks beyond the schema ───────────────────────────────────────────────────────────────

export const inputMessages = defineMessages(
  {
    badPhone: (phone: string) => `“${phone}” ไม่ใช่หมายเลขโทรศัพท์ไทย ตัวอย่าง: 0 2123 4567, 081 234 5678, 1111 หรือ 0 5312 3456 ต่อ 12`,
    tooManyPhones: (max: number) => `ใส่หมายเลขโทรศัพท์ได้ไม่เกิน ${max} หมายเลข`,
    badWebsite: 'เว็บไซต์ต้องเป็นที่อยู่ที่ขึ้นต้นด้วย http:// หรือ https:// เช่น https://www.example.go.th',
    badDistrict: 'กรุณาเลือกอำเภอ/เขตในจังหวัดที่เลือก',
    badSubdistrict: 'ตำบล/แขวงที่เลือกไม่อยู่ในอำเภอ/เขตนี้',
    badProvince: 'กรุณาเลือกจังหวัด',
    organisationRequired: 'กรุณาเลือกหน่วยงานที่เป็นเจ้าของจุดบริการ',
    verificationReason: 'กรุณาบอกเหตุผลที่ตั้งข้อสังเกต เพื่อให้หน่วยงานแก้ไขได้',
    badEmail: 'รูปแบบอีเมลไม่ถูกต้อง เช่น saraban@example.go.th',
  },
  {
    badPhone: (phone: string) => `“${phone}” is not a Thai phone number. Examples: 0 2123 4567, 081 234 5678, 1111 or 0 5312 3456 ext. 12`,
    tooManyPhones: (max: number) => `At most ${max} phone numbers`,
    badWebsite: 'The website must be an address starting with http:// or https://, e.g. https://www.example.go.th',
    badDistrict: 'Choose a district of the chosen province',
    badSubdistrict: 'The chosen subdistrict is not in this district',
    badProvince: 'Choose a province',
    organisationRequired: 'Choose the organisation the point belongs to',
    verificationReason: 'Say why the pin is flagged, so the office can correct it',
    badEmail: 'Not a valid e-mail address, e.g. saraban@example.go.th',
  },
);

type InputMessage = Exclude<keyof (typeof inputMessages)['th'], 'badPhone' | 'tooManyPhones'>;
export const inputIssue = (field: string, key: InputMessage): FieldIssue => ({ field, th: inputMessages.th[key], en: inputMessages.en[key] });

export const MAX_PHONES = 5;

/**
 * A Thai phone number in the form printed on notices: landlines "0 2123 4567", mobiles
 * "081 234 5678", hotlines "1111", toll-free "1800 123 456", optionally with an extension
 * ("ต่อ 12"); +66 numbers are written nationally. Null when it is not one.
 */
export function normalisePhone(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed.length > 40) return null;
  const extension = /\s*(?:ต่อ|ext\.?|x|#)\s*(\d{1,5})$/i.exec(trimmed);
  const main = extension ? trimmed.slice(0, extension.index) : trimmed;
  if (!/^[+\d\s\-().]+$/.test(main)) return null;
  let digits = main.replace(/[\s\-().]/g, '');
  if (digits.startsWith('+66')) digits = `0${digits.slice(3)}`;
  else if (digits.startsWith('66') && digits.length >= 10) digits = `0${digits.slice(2)}`;
  if (!/^\d+$/.test(digits)) return null;
  let formatted: string;
  if (/^0[2-57]\d{7}$/.test(digits)) formatted = `0 ${digits.slice(1, 5)} ${digits.slice(5)}`;
  else if (/^0[689]\d{8}$/.test(digits)) formatted = `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
  else if (/^1\d{3}$/.test(digits) && !extension) formatted = digits;
  else if (/^1800\d{6}$/.test(digits)) formatted = `${digits.slice(0, 4)} ${digits.slice(4, 7)} ${digits.slice(7)}`;
  else return null;
  return extension ? `${formatted} ต่อ ${extension[1]}` : formatted;
}

/** Phone numbers written one a line (or separated by commas). */
export function readPhones(text: string): { phones: string[]; issues: FieldIssue[] } {
  const entries = text
    .split(/[\n,;]+/)
    .map((entry) => entry.trim())
    .filter(Boolean);
  const issues: FieldIssue[] = [];
  const phones: string[] = [];
  for (const entry of entries) {
    const phone = normalisePhone(entry);
    if (!phone) {
      const shown = entry.slice(0, 40);
      issues.push({ field: 'phones', th: inputMessages.th.badPhone(shown), en: inputMessages.en.badPhone(shown) });
      break;
    }
    if (!phones.includes(phone)) phones.push(phone);
  }
  if (phones.length > MAX_PHONES) issues.push({ field: 'phones', th: inputMessages.th.tooManyPhones(MAX_PHONES), en: inputMessages.en.tooManyPhones(MAX_PHONES) });
  return { phones, issues };
}

/** A public web address: http or https only, a real host name, no embedded credentials. */
export function readWebsite(text: string): { website: string | null; issues: FieldIssue[] } {
  const trimmed = text.trim();
  if (!trimmed) return { website: null, issues: [] };
  // "www.example.go.th" is what people type; anything naming another scheme is refused.
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? trimmed : `https://${trimmed}`;
  try {
    const url = new URL(withScheme);
    const ok = (url.protocol === 'http:' || url.protocol === 'https:') && /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(url.hostname) && !url.username && !url.password;
    if (ok) return { website: url.toString(), issues: [] };
  } catch {
    // falls through to the message
  }
  return { website: null, issues: [inputIssue('website', 'badWebsite')] };
}

/** An optional e-mail address, stored in lower case. */
export function readEmail(text: string): { email: string | null; issues: FieldIssue[] } {
  const trimmed = text.trim().toLowerCase();
  if (!trimmed) return { email: null, issues: [] };
  if (/^[^\s@<>"'(),;:]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(trimmed)) return { email: trimmed, issues: [] };
  return { email: null, issues: [inputIssue('email', 'badEmail')] };
}
