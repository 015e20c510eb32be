/**
 * The whole data model of CitizenInfo in one place (DESIGN §3).
 * Migrations under `migrations/` are generated from this file by `npm run db:generate`.
 *
 * Conventions: Thai and English text side by side (`*_th`, `*_en`); codes from DOPA as strings;
 * coordinates as WGS84 double precision; times as timestamptz; Bangkok calendar days as `date`.
 * Ratings and complaints carry `point_id` in their keys so they could be distributed by point.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  customType,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });
const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const createdAt = () => timestamptz('created_at').notNull().defaultNow();

// ─── Geography ──────────────────────────────────────────────────────────────────────────────

export const provinces = pgTable('provinces', {
  code: text('code').primaryKey(),
  nameTh: text('name_th').notNull(),
  nameEn: text('name_en').notNull(),
  regionId: smallint('region_id'),
  lat: doublePrecision('lat').notNull(),
  lng: doublePrecision('lng').notNull(),
});

export const districts = pgTable(
  'districts',
  {
    code: text('code').primaryKey(),
    provinceCode: text('province_code').notNull().references(() => provinces.code),
    nameTh: text('name_th').notNull(),
    nameEn: text('name_en').notNull(),
    /** `amphoe` or Bangkok `khet` */
    kind: text('kind').notNull(),
    postalCode: text('postal_code'),
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
  },
  (t) => [index('districts_province_idx').on(t.provinceCode)],
);

export const subdistricts = pgTable(
  'subdistricts',
  {
    code: text('code').primaryKey(),
    districtCode: text('district_code').notNull().references(() => districts.code),
    provinceCode: text('province_code').notNull().references(() => provinces.code),
    nameTh: text('name_th').notNull(),
    nameEn: text('name_en').notNull(),
    kind: text('kind').notNull(),
    postalCode: text('postal_code'),
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
  },
  (t) => [index('subdistricts_district_idx').on(t.districtCode)],
);

export const holidays = pgTable('holidays', {
  date: date('date', { mode: 'string' }).primaryKey(),
  nameTh: text('name_th').notNull(),
  nameEn: text('name_en').notNull(),
  /** government offices close on this day */
  governmentDayOff: boolean('government_day_off').notNull(),
});

// ─── Organisations and people ───────────────────────────────────────────────────────────────

export const organisations = pgTable(
  'organisations',
  {
    id: serial('id').primaryKey(),
    /** stable key from the source data, e.g. `dla`, `lao-6100101`, `dopa-district-1001` */
    code: text('code').notNull().unique(),
    parentId: integer('parent_id'),
    /** materialised path of ids, `/1/4/97/`: a subtree is `path LIKE '/1/4/%'` */
    path: text('path').notNull(),
    /** ministry, department, provincial_office, district_office, bangkok_district_office,
     * cdd_district_office, pao, city_municipality, town_municipality, subdistrict_municipality,
     * tao, bangkok, pattaya, dlt_provincial_office, land_provincial_office, sso_provincial_office, … */
    kind: text('kind').notNull(),
    nameTh: text('name_th').notNull(),
    nameEn: text('name_en'),
    abbrTh: text('abbr_th'),
    provinceCode: text('province_code').references(() => provinces.code),
    districtCode: text('district_code').references(() => districts.code),
    website: text('website'),
    phone: text('phone'),
  },
  (t) => [
    index('organisations_parent_idx').on(t.parentId),
    index('organisations_path_idx').using('btree', sql`${t.path} text_pattern_ops`),
    index('organisations_area_idx').on(t.provinceCode, t.districtCode),
  ],
);

export const users = pgTable('users', {
  id: serial('id').primaryKey(),
  email: text('email').notNull().unique(),
  passwordHash: text('password_hash'),
  firstName: text('first_name').notNull(),
  lastName: text('last_name').notNull(),
  phone: text('phone'),
  organisationId: integer('organisation_id').notNull().references(() => organisations.id),
  /** unverified → pending (e-mail verified, awaiting approval) → approved; or rejected / disabled */
  status: text('status').notNull().default('unverified'),
  emailVerifiedAt: timestamptz('email_verified_at'),
  approvedBy: integer('approved_by'),
  approvedAt: timestamptz('approved_at'),
  totpSecret: text('totp_secret'),
  failedSignIns: integer('failed_sign_ins').notNull().default(0),
  lockedUntil: timestamptz('locked_until'),
  locale: text('locale').notNull().default('th'),
  createdAt: createdAt(),
});

export const roleGrants = pgTable(
  'role_grants',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    /** officer | supervisor | admin */
    role: text('role').notNull(),
    /** scope by line: this organisation and everything below it */
    organisationId: integer('organisation_id').references(() => organisations.id),
    /** scope by area: a province, or a district when both are set */
    provinceCode: text('province_code').references(() => provinces.code),
    districtCode: text('district_code').references(() => districts.code),
    createdAt: createdAt(),
  },
  (t) => [index('role_grants_user_idx').on(t.userId)],
);

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the opaque cookie value; the value itself is never stored */
    idHash: text('id_hash').primaryKey(),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    lastSeenAt: timestamptz('last_seen_at').notNull().defaultNow(),
    expiresAt: timestamptz('expires_at').notNull(),
    /** the second factor was passed in this session */
    secondFactorAt: timestamptz('second_factor_at'),
    revokedAt: timestamptz('revoked_at'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const emailTokens = pgTable('email_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  /** verify-email | reset-password */
  purpose: text('purpose').notNull(),
  expiresAt: timestamptz('expires_at').notNull(),
  usedAt: timestamptz('used_at'),
  createdAt: createdAt(),
});

// ─── Service points ─────────────────────────────────────────────────────────────────────────

/** Weekly hours: for each weekday (0 = Sunday) the open intervals, e.g. [["08:30","12:00"],["13:00","16:30"]]. */
export type WeeklyHours = Record<'0' | '1' | '2' | '3' | '4' | '5' | '6', [string, string][]>;

export const servicePoints = pgTable(
  'service_points',
  {
    id: serial('id').primaryKey(),
    /** short public code for URLs and QR posters: `/p/{code}` */
    code: text('code').notNull().unique(),
    organisationId: integer('organisation_id').notNull().references(() => organisations.id),
    nameTh: text('name_th').notNull(),
    nameEn: text('name_en'),
    addressTh: text('address_th'),
    addressEn: text('address_en'),
    provinceCode: text('province_code').notNull().references(() => provinces.code),
    districtCode: text('district_code').notNull().references(() => districts.code),
    subdistrictCode: text('subdistrict_code').references(() => subdistricts.code),
    postalCode: text('postal_code'),
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
    pinAccuracyM: doublePrecision('pin_accuracy_m'),
    /** source-data | centroid | gps | map | typed | link */
    pinMethod: text('pin_method').notNull(),
    pinnedAt: timestamptz('pinned_at').notNull().defaultNow(),
    pinnedBy: integer('pinned_by').references(() => users.id),
    /** unverified | verified | flagged */
    verification: text('verification').notNull().default('unverified'),
    phones: text('phones').array().notNull().default(sql`'{}'::text[]`),
    website: text('website'),
    email: text('email'),
    hours: jsonb('hours').$type<WeeklyHours>().notNull(),
    closedOnHolidays: boolean('closed_on_holidays').notNull().default(true),
    /** active | closed */
    status: text('status').notNull().default('active'),
    /** the office confirmed that its list of services (manuals) is complete */
    manualsConfirmedAt: timestamptz('manuals_confirmed_at'),
    postersPrintedAt: timestamptz('posters_printed_at'),
    /** lower-cased names, organisation and place names in Thai and English, for substring search */
    searchText: text('search_text').notNull(),
    createdAt: createdAt(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('service_points_organisation_idx').on(t.organisationId),
    index('service_points_area_idx').on(t.provinceCode, t.districtCode),
    // max(updated_at) tells the map index and open-data caches whether anything changed.
    index('service_points_updated_idx').on(t.updatedAt),
    index('service_points_earth_idx').using('gist', sql`ll_to_earth(${t.lat}, ${t.lng})`),
    index('service_points_search_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
  ],
);

export const hoursExceptions = pgTable(
  'hours_exceptions',
  {
    pointId: integer('point_id').notNull().references(() => servicePoints.id, { onDelete: 'cascade' }),
    date: date('date', { mode: 'string' }).notNull(),
    /** empty = closed all day */
    intervals: jsonb('intervals').$type<[string, string][]>().notNull(),
    noteTh: text('note_th'),
    noteEn: text('note_en'),
  },
  (t) => [primaryKey({ columns: [t.pointId, t.date] })],
);

export const photos = pgTable(
  'photos',
  {
    id: serial('id').primaryKey(),
    pointId: integer('point_id').notNull().references(() => servicePoints.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    altTh: text('alt_th').notNull(),
    altEn: text('alt_en'),
    /** re-encoded WebP without metadata */
    image: bytea('image').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('photos_point_idx').on(t.pointId, t.position)],
);

// ─── Citizen's Manuals and Zero Copy ────────────────────────────────────────────────────────

export type LocalisedText = { th: string; en: string | null };
export type ManualFee = { descriptionTh: string; descriptionEn: string | null; amountBaht: number | null; noteTh: string | null; noteEn: string | null };
export type ComplaintChannel = { nameTh: string; nameEn: string | null; contact: string };

export const manuals = pgTable(
  'manuals',
  {
    id: serial('id').primaryKey(),
    slug: text('slug').notNull().unique(),
    titleTh: text('title_th').notNull(),
    titleEn: text('title_en'),
    synonymsTh: text('synonyms_th').array().notNull().default(sql`'{}'::text[]`),
    synonymsEn: text('synonyms_en').array().notNull().default(sql`'{}'::text[]`),
    /** the agency that owns and edits the manual */
    ownerOrganisationId: integer('owner_organisation_id').references(() => organisations.id),
    ownerAgencyTh: text('owner_agency_th').notNull(),
    ownerAgencyEn: text('owner_agency_en'),
    ministryTh: text('ministry_th'),
    ministryEn: text('ministry_en'),
    categoryTh: text('category_th'),
    categoryEn: text('category_en'),
    legalBasis: jsonb('legal_basis').$type<LocalisedText[]>().notNull(),
    statutoryTimeTh: text('statutory_time_th'),
    statutoryTimeEn: text('statutory_time_en'),
    criteriaTh: text('criteria_th'),
    criteriaEn: text('criteria_en'),
    hoursTh: text('hours_th'),
    hoursEn: text('hours_en'),
    totalTimeValue: doublePrecision('total_time_value'),
    /** minute | hour | day | working_day */
    totalTimeUnit: text('total_time_unit'),
    fees: jsonb('fees').$type<ManualFee[]>().notNull(),
    complaintChannels: jsonb('complaint_channels').$type<ComplaintChannel[]>().notNull(),
    /** kinds of service point that usually give this service (used to seed links) */
    offeredAt: text('offered_at').array().notNull().default(sql`'{}'::text[]`),
    sourceUrl: text('source_url'),
    sourceNote: text('source_note'),
    /** draft | published */
    status: text('status').notNull().default('published'),
    searchText: text('search_text').notNull(),
    createdAt: createdAt(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [index('manuals_search_idx').using('gin', sql`${t.searchText} gin_trgm_ops`)],
);

export const manualSteps = pgTable(
  'manual_steps',
  {
    id: serial('id').primaryKey(),
    manualId: integer('manual_id').notNull().references(() => manuals.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    /** document_check | consideration | signing | payment | delivery | inspection | other */
    kind: text('kind').notNull(),
    titleTh: text('title_th').notNull(),
    titleEn: text('title_en'),
    durationValue: doublePrecision('duration_value').notNull(),
    durationUnit: text('duration_unit').notNull(),
    responsibleTh: text('responsible_th'),
    responsibleEn: text('responsible_en'),
  },
  (t) => [index('manual_steps_manual_idx').on(t.manualId, t.position)],
);

export const manualDocuments = pgTable(
  'manual_documents',
  {
    id: serial('id').primaryKey(),
    manualId: integer('manual_id').notNull().references(() => manuals.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    nameTh: text('name_th').notNull(),
    nameEn: text('name_en'),
    issuingAgencyTh: text('issuing_agency_th'),
    issuingAgencyEn: text('issuing_agency_en'),
    /** issued by a state body: Zero Copy applies */
    governmentIssued: boolean('government_issued').notNull(),
    /** an identity document (manual section 16.1) */
    identity: boolean('identity').notNull().default(false),
    originals: integer('originals').notNull().default(0),
    copies: integer('copies').notNull().default(0),
    unitTh: text('unit_th'),
    conditionTh: text('condition_th'),
    conditionEn: text('condition_en'),
  },
  (t) => [index('manual_documents_manual_idx').on(t.manualId, t.position)],
);

/** A manual "pinned" to a service point: the service is given there. */
export const pointManuals = pgTable(
  'point_manuals',
  {
    pointId: integer('point_id').notNull().references(() => servicePoints.id, { onDelete: 'cascade' }),
    manualId: integer('manual_id').notNull().references(() => manuals.id, { onDelete: 'cascade' }),
    localNoteTh: text('local_note_th'),
    localNoteEn: text('local_note_en'),
    linkedAt: timestamptz('linked_at').notNull().defaultNow(),
    linkedBy: integer('linked_by').references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.pointId, t.manualId] }), index('point_manuals_manual_idx').on(t.manualId, t.pointId)],
);

/**
 * Zero Copy state of one state-issued document of a linked manual at one point.
 * No row means the office has not declared it yet (the manual's copy count applies).
 */
export const zeroCopyStatuses = pgTable(
  'zero_copy_statuses',
  {
    pointId: integer('point_id').notNull().references(() => servicePoints.id, { onDelete: 'cascade' }),
    documentId: integer('document_id').notNull().references(() => manualDocuments.id, { onDelete: 'cascade' }),
    /** copy_required | verified_at_source | copy_by_office */
    status: text('status').notNull(),
    /** for verified_at_source: data_link | smart_card */
    method: text('method'),
    reason: text('reason'),
    planDate: date('plan_date', { mode: 'string' }),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
    updatedBy: integer('updated_by').references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.pointId, t.documentId] })],
);

// ─── Feedback ───────────────────────────────────────────────────────────────────────────────

export const ratings = pgTable(
  'ratings',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    pointId: integer('point_id').notNull().references(() => servicePoints.id),
    createdAt: createdAt(),
    /** Bangkok calendar day of the visit */
    day: date('day', { mode: 'string' }).notNull(),
    /** qr | web | kiosk | survey */
    channel: text('channel').notNull(),
    overall: smallint('overall').notNull(),
    ease: smallint('ease'),
    timeliness: smallint('timeliness'),
    courtesy: smallint('courtesy'),
    fairness: smallint('fairness'),
    facilities: smallint('facilities'),
    outcome: smallint('outcome'),
    trust: smallint('trust'),
    manualId: integer('manual_id').references(() => manuals.id),
    /** did the office follow its published manual? yes | no | unsure */
    followedManual: text('followed_manual'),
    /** was a photocopy of a state-issued document demanded? yes | no | unsure */
    copyDemanded: text('copy_demanded'),
    comment: text('comment'),
    /** none | published | held | rejected */
    commentStatus: text('comment_status').notNull().default('none'),
    heldReason: text('held_reason'),
    replyTh: text('reply'),
    replyAt: timestamptz('reply_at'),
    replyBy: integer('reply_by').references(() => users.id),
    /** salted, rotating hashes; never a raw address */
    deviceHash: text('device_hash'),
    networkHash: text('network_hash'),
    /** counted in the published score (false while held or after being replaced) */
    counted: boolean('counted').notNull().default(true),
    /** null: no review needed; pending: held out of the score (a burst); released | rejected by a supervisor */
    reviewStatus: text('review_status'),
    replacedBy: bigint('replaced_by', { mode: 'number' }),
    proofOfWork: boolean('proof_of_work').notNull().default(false),
  },
  (t) => [
    index('ratings_point_idx').on(t.pointId, t.createdAt),
    index('ratings_device_idx').on(t.pointId, t.deviceHash, t.day),
    index('ratings_comments_idx').on(t.pointId, t.commentStatus, t.createdAt),
    index('ratings_review_idx').on(t.pointId).where(sql`${t.reviewStatus} = 'pending' or ${t.commentStatus} = 'held'`),
    // The office feedback inbox of a supervisor or admin: commented ratings newest first, many points at once.
    index('ratings_commented_idx').on(t.createdAt).where(sql`${t.commentStatus} <> 'none'`),
  ],
);

/** The sums every rollup row keeps; `dimensions` holds `{ ease: [sum, count], … }`. */
const rollupSums = () => ({
  count: integer('count').notNull().default(0),
  sumOverall: integer('sum_overall').notNull().default(0),
  score1: integer('score_1').notNull().default(0),
  score2: integer('score_2').notNull().default(0),
  score3: integer('score_3').notNull().default(0),
  score4: integer('score_4').notNull().default(0),
  score5: integer('score_5').notNull().default(0),
  dimensions: jsonb('dimensions').$type<Record<string, [number, number]>>().notNull().default({}),
  copyDemandedYes: integer('copy_demanded_yes').notNull().default(0),
  copyDemandedNo: integer('copy_demanded_no').notNull().default(0),
  followedManualYes: integer('followed_manual_yes').notNull().default(0),
  followedManualNo: integer('followed_manual_no').notNull().default(0),
});

/** Per point per Bangkok day: what reports read instead of scanning ratings. */
export const ratingDaily = pgTable(
  'rating_daily',
  {
    pointId: integer('point_id').notNull().references(() => servicePoints.id),
    day: date('day', { mode: 'string' }).notNull(),
    ...rollupSums(),
  },
  (t) => [primaryKey({ columns: [t.pointId, t.day] }), index('rating_daily_day_idx').on(t.day)],
);

/** Per point per calendar month (first day): a point's year is twelve rows for its public page. */
export const ratingMonthly = pgTable(
  'rating_monthly',
  {
    pointId: integer('point_id').notNull().references(() => servicePoints.id),
    month: date('month', { mode: 'string' }).notNull(),
    ...rollupSums(),
  },
  (t) => [primaryKey({ columns: [t.pointId, t.month] })],
);

// ─── Complaints ─────────────────────────────────────────────────────────────────────────────

export const complaints = pgTable(
  'complaints',
  {
    id: serial('id').primaryKey(),
    /** human-friendly, e.g. `CI-6911-4K7Q-2M` */
    trackingNumber: text('tracking_number').notNull().unique(),
    pointId: integer('point_id').references(() => servicePoints.id),
    organisationId: integer('organisation_id').notNull().references(() => organisations.id),
    category: text('category').notNull(),
    description: text('description').notNull(),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    addressText: text('address_text'),
    /** received | accepted | in_progress | resolved | rejected */
    status: text('status').notNull().default('received'),
    statusChangedAt: timestamptz('status_changed_at').notNull().defaultNow(),
    publicAnswer: text('public_answer'),
    /** AES-256-GCM encrypted JSON {name, phone, email}; null when anonymous */
    contactSealed: text('contact_sealed'),
    consentAt: timestamptz('consent_at'),
    /** web | open311 | kiosk */
    channel: text('channel').notNull(),
    apiKeyId: integer('api_key_id'),
    /** delivery to the national complaint centre, apart from the public status:
     * pending | delivered | dead | not_configured (no COMPLAINT_FORWARD_URL) */
    forwardStatus: text('forward_status').notNull().default('pending'),
    forwardedAt: timestamptz('forwarded_at'),
    externalId: text('external_id'),
    retainUntil: timestamptz('retain_until').notNull(),
    anonymisedAt: timestamptz('anonymised_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('complaints_point_idx').on(t.pointId, t.createdAt),
    index('complaints_organisation_idx').on(t.organisationId, t.status),
    // Open311 lists requests by date; the retention job looks for what is due and not yet anonymised.
    index('complaints_created_idx').on(t.createdAt),
    index('complaints_retention_idx').on(t.retainUntil).where(sql`${t.anonymisedAt} is null`),
  ],
);

export const complaintEvents = pgTable(
  'complaint_events',
  {
    id: serial('id').primaryKey(),
    complaintId: integer('complaint_id').notNull().references(() => complaints.id, { onDelete: 'cascade' }),
    at: timestamptz('at').notNull().defaultNow(),
    status: text('status').notNull(),
    /** shown on the tracking page */
    publicNote: text('public_note'),
    /** for the handling officers only */
    internalNote: text('internal_note'),
    byUserId: integer('by_user_id').references(() => users.id),
    /** office | centre (the national complaint centre's callback) | system */
    source: text('source').notNull().default('office'),
  },
  (t) => [index('complaint_events_complaint_idx').on(t.complaintId, t.at)],
);

export const complaintPhotos = pgTable('complaint_photos', {
  id: serial('id').primaryKey(),
  complaintId: integer('complaint_id').notNull().references(() => complaints.id, { onDelete: 'cascade' }),
  image: bytea('image').notNull(),
  width: integer('width').notNull(),
  height: integer('height').notNull(),
});

export const apiKeys = pgTable('api_keys', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  keyHash: text('key_hash').notNull().unique(),
  createdBy: integer('created_by').references(() => users.id),
  createdAt: createdAt(),
  revokedAt: timestamptz('revoked_at'),
});

// ─── Agency service survey ──────────────────────────────────────────────────────────────────

export const surveyRounds = pgTable('survey_rounds', {
  id: serial('id').primaryKey(),
  /** Buddhist-era fiscal year, e.g. 2570 */
  fiscalYear: integer('fiscal_year').notNull(),
  titleTh: text('title_th').notNull(),
  titleEn: text('title_en'),
  opensOn: date('opens_on', { mode: 'string' }).notNull(),
  closesOn: date('closes_on', { mode: 'string' }).notNull(),
  questionnaire: jsonb('questionnaire').notNull(),
  createdAt: createdAt(),
});

export const surveyResponses = pgTable(
  'survey_responses',
  {
    id: serial('id').primaryKey(),
    roundId: integer('round_id').notNull().references(() => surveyRounds.id),
    organisationId: integer('organisation_id').notNull().references(() => organisations.id),
    answers: jsonb('answers').notNull(),
    submittedAt: timestamptz('submitted_at').notNull().defaultNow(),
    submittedBy: integer('submitted_by').references(() => users.id),
  },
  (t) => [uniqueIndex('survey_responses_round_org_idx').on(t.roundId, t.organisationId)],
);

// ─── Audit, e-mail and background jobs ──────────────────────────────────────────────────────

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamptz('at').notNull().defaultNow(),
    userId: integer('user_id').references(() => users.id),
    organisationId: integer('organisation_id').references(() => organisations.id),
    pointId: integer('point_id').references(() => servicePoints.id),
    /** e.g. service_point.update, point_manual.link, zero_copy.set */
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    changes: jsonb('changes').notNull(),
  },
  (t) => [index('audit_log_point_idx').on(t.pointId, t.at), index('audit_log_organisation_idx').on(t.organisationId, t.at)],
);

export const emails = pgTable('emails', {
  id: serial('id').primaryKey(),
  to: text('to').notNull(),
  subject: text('subject').notNull(),
  text: text('text').notNull(),
  html: text('html'),
  createdAt: createdAt(),
  sentAt: timestamptz('sent_at'),
});

/** The durable outbox: e-mails, complaint forwarding, webhooks, rollups. */
export const jobs = pgTable(
  'jobs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(),
    payload: jsonb('payload').notNull(),
    /** at most one job per key: enqueueing twice is harmless */
    idempotencyKey: text('idempotency_key').notNull().unique(),
    /** pending | running | done | dead */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(8),
    runAt: timestamptz('run_at').notNull().defaultNow(),
    lockedUntil: timestamptz('locked_until'),
    lastError: text('last_error'),
    createdAt: createdAt(),
    doneAt: timestamptz('done_at'),
  },
  (t) => [index('jobs_due_idx').on(t.status, t.runAt)],
);

/** Proof-of-work (ALTCHA) challenges already used: a solution counts once, on every app node. */
export const usedChallenges = pgTable(
  'used_challenges',
  {
    id: text('id').primaryKey(),
    expiresAt: timestamptz('expires_at').notNull(),
  },
  (t) => [index('used_challenges_expiry_idx').on(t.expiresAt)],
);

/** Small facts about this database, e.g. which seed version it holds. */
export const appMeta = pgTable('app_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});
