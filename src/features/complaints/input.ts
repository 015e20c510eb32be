/**
 * What a complaint is made of, checked the same way whichever door it came in by: the web form
 * (schema below) or Open311 (`src/features/open311`). The schema bounds every string; the checks
 * after it give each problem a message in Thai and English.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { FastifySchemaValidationError } from 'fastify/types/schema.js';
import type { FieldIssue } from '../../http/errors.js';
import { validationIssues } from '../../http/forms.js';
import { isInThailand } from '../geography/bounds.js';
import { categoryByCode, type CategoryCode } from './categories.js';
import { hasContact } from './contact.js';
import { complaintMessages, type ComplaintMessages } from './messages.js';

export const DESCRIPTION_MAX = 3000;
export const ADDRESS_MAX = 300;
export const PHONE_PATTERN = '^$|^[0-9+\\-\\s()]{9,30}$';
// A practical address check; the address is only used to send status e-mails.
export const EMAIL_PATTERN = '^$|^[^\\s@<>(),;:"]{1,64}@[^\\s@<>(),;:"]+\\.[^\\s@<>(),;:"]+$';

/** The web form (`POST /complain`), as urlencoded or multipart fields. */
export const ComplaintForm = Type.Object(
  {
    point: Type.Optional(Type.String({ pattern: '^([2-9A-HJ-KM-NP-Z]{6})?$', description: 'public code of the service point' })),
    organisation: Type.Optional(Type.String({ pattern: '^([0-9]{1,9})?$', description: 'id of the organisation, for a complaint not about one point' })),
    category: Type.Optional(Type.String({ maxLength: 40 })),
    // Browsers send line breaks as two characters; the length that counts is checked after.
    description: Type.Optional(Type.String({ maxLength: DESCRIPTION_MAX * 2 })),
    address: Type.Optional(Type.String({ maxLength: ADDRESS_MAX })),
    lat: Type.Optional(Type.String({ maxLength: 30 })),
    lng: Type.Optional(Type.String({ maxLength: 30 })),
    contact_name: Type.Optional(Type.String({ maxLength: 100 })),
    contact_phone: Type.Optional(Type.String({ maxLength: 30, pattern: PHONE_PATTERN })),
    contact_email: Type.Optional(Type.String({ maxLength: 254, pattern: EMAIL_PATTERN })),
    consent: Type.Optional(Type.Literal('yes')),
    /** files (multipart only); their content is checked by `processPhoto` */
    photos: Type.Optional(Type.Unknown()),
    altcha: Type.Optional(Type.String({ maxLength: 4000 })),
    _csrf: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type ComplaintForm = Static<typeof ComplaintForm>;

export interface CheckedContent {
  category: CategoryCode;
  description: string;
  addressText: string | null;
  lat: number | null;
  lng: number | null;
  contact: { name: string | null; phone: string | null; email: string | null } | null;
}

export interface RawContent {
  category?: string | undefined;
  description?: string | undefined;
  address?: string | undefined;
  lat?: string | number | undefined;
  lng?: string | number | undefined;
  name?: string | undefined;
  phone?: string | undefined;
  email?: string | undefined;
  consent: boolean;
}

/** The field each problem is reported on; Open311 names some of them differently. */
export interface FieldNames {
  category: string;
  description: string;
  lat: string;
  lng: string;
  contact: string;
  consent: string;
}

export const FORM_FIELDS: FieldNames = { category: 'category', description: 'description', lat: 'lat', lng: 'lng', contact: 'contact_email', consent: 'consent' };

export function issueOf(field: string, key: keyof ComplaintMessages): FieldIssue {
  return { field, th: complaintMessages.th[key] as string, en: complaintMessages.en[key] as string };
}

const clean = (value: string | undefined): string | null => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
};

function coordinate(value: string | number | undefined): number | null | 'invalid' {
  if (value === undefined || value === '') return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : 'invalid';
  const text = value.trim();
  if (text === '') return null;
  if (!/^-?\d{1,3}(\.\d{1,12})?$/.test(text)) return 'invalid';
  return Number(text);
}

/** Checks what every complaint needs; returns the problems, or the cleaned content. */
export function checkContent(raw: RawContent, fields: FieldNames): { issues: FieldIssue[]; content: CheckedContent | null } {
  const issues: FieldIssue[] = [];
  const category = raw.category ? categoryByCode(raw.category) : null;
  if (!category) issues.push(issueOf(fields.category, 'chooseCategory'));
  const description = (raw.description ?? '').replace(/\r\n?/g, '\n').trim();
  if (!description) issues.push(issueOf(fields.description, 'describeIt'));
  else if (description.length > DESCRIPTION_MAX) issues.push(issueOf(fields.description, 'descriptionTooLong'));

  const lat = coordinate(raw.lat);
  const lng = coordinate(raw.lng);
  if (lat === 'invalid') issues.push(issueOf(fields.lat, 'coordinatesNumber'));
  if (lng === 'invalid') issues.push(issueOf(fields.lng, 'coordinatesNumber'));
  if (lat !== 'invalid' && lng !== 'invalid') {
    if ((lat === null) !== (lng === null)) issues.push(issueOf(lat === null ? fields.lat : fields.lng, 'coordinatesPair'));
    else if (lat !== null && lng !== null && !isInThailand(lat, lng)) issues.push(issueOf(fields.lat, 'outsideThailand'));
  }

  const contact = { name: clean(raw.name), phone: clean(raw.phone), email: clean(raw.email)?.toLowerCase() ?? null };
  const given = hasContact(contact);
  if (given && !raw.consent) issues.push(issueOf(fields.consent, 'consentRequired'));
  if (!given && raw.consent) issues.push(issueOf(fields.consent, 'consentWithoutContact'));

  if (issues.length > 0 || !category) return { issues, content: null };
  return {
    issues,
    content: {
      category: category.code as CategoryCode,
      description,
      addressText: clean(raw.address),
      lat: lat as number | null,
      lng: lng as number | null,
      contact: given ? contact : null,
    },
  };
}

/** Schema problems of the form, with messages that name the field's own rule. */
export function formIssues(errors: FastifySchemaValidationError[]): FieldIssue[] {
  return validationIssues(errors).map((issue) => {
    if (issue.field === 'contact_email') return issueOf('contact_email', 'emailInvalid');
    if (issue.field === 'contact_phone') return issueOf('contact_phone', 'phoneInvalid');
    if (issue.field === 'category') return issueOf('category', 'chooseCategory');
    if (issue.field === 'point' || issue.field === 'organisation') return issueOf(issue.field, 'targetMissing');
    return issue;
  });
}
