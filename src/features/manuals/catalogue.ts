/**
 * The Citizen's Manual catalogue shipped with the demo (reference-data/manuals/catalogue.json),
 * and the one function that turns a manual record into rows — used by the seed and by imports.
 */
import { readFileSync } from 'node:fs';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { normaliseForSearch } from '../../i18n/text.js';
import { fromRoot } from '../../paths.js';
import type { manualDocuments, manuals, manualSteps } from '../../db/schema.js';

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const OptionalText = (max: number) => Type.Union([Type.String({ maxLength: max }), Type.Null()]);

export const DURATION_UNITS = ['minute', 'hour', 'day', 'working_day'] as const;
export const DurationUnit = Type.Union(DURATION_UNITS.map((u) => Type.Literal(u)));
export const STEP_KINDS = ['document_check', 'consideration', 'signing', 'payment', 'delivery', 'inspection', 'other'] as const;

/**
 * One Citizen's Manual as exchanged in files: the catalogue, bulk imports and the API.
 * Field names follow the shared manual structure (MANUAL_STRUCTURE.md).
 */
export const ManualRecord = Type.Object({
  id: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 100 }),
  title_th: Text(300),
  title_en: Text(300),
  synonyms_th: Type.Array(Text(100), { maxItems: 30 }),
  synonyms_en: Type.Array(Text(100), { maxItems: 30 }),
  owner_agency: Text(40),
  owner_agency_th: Text(200),
  owner_agency_en: Text(200),
  ministry_th: OptionalText(200),
  ministry_en: OptionalText(200),
  service_category_th: OptionalText(100),
  service_category_en: OptionalText(100),
  legal_basis: Type.Array(Type.Object({ th: Text(500), en: OptionalText(500) }), { maxItems: 30 }),
  statutory_time_limit_th: OptionalText(1000),
  statutory_time_limit_en: OptionalText(1000),
  criteria_th: OptionalText(10000),
  criteria_en: OptionalText(10000),
  hours_th: OptionalText(500),
  hours_en: OptionalText(500),
  steps: Type.Array(
    Type.Object({
      kind: Type.Union(STEP_KINDS.map((k) => Type.Literal(k))),
      title_th: Text(1000),
      title_en: OptionalText(1000),
      duration_value: Type.Number({ minimum: 0, maximum: 100000 }),
      duration_unit: DurationUnit,
      responsible_th: OptionalText(300),
      responsible_en: OptionalText(300),
    }),
    { minItems: 1, maxItems: 50 },
  ),
  total_time_value: Type.Union([Type.Number({ minimum: 0, maximum: 100000 }), Type.Null()]),
  total_time_unit: Type.Union([DurationUnit, Type.Null()]),
  fees: Type.Array(
    Type.Object({
      description_th: Text(500),
      description_en: OptionalText(500),
      amount_baht: Type.Union([Type.Number({ minimum: 0, maximum: 100000000 }), Type.Null()]),
      note_th: OptionalText(500),
      note_en: OptionalText(500),
    }),
    { maxItems: 50 },
  ),
  documents: Type.Array(
    Type.Object({
      name_th: Text(500),
      name_en: OptionalText(500),
      issuing_agency_th: OptionalText(300),
      issuing_agency_en: OptionalText(300),
      government_issued: Type.Boolean(),
      identity: Type.Boolean(),
      originals: Type.Integer({ minimum: 0, maximum: 100 }),
      copies: Type.Integer({ minimum: 0, maximum: 100 }),
      unit_th: OptionalText(50),
      condition_th: OptionalText(1000),
      condition_en: OptionalText(1000),
    }),
    { maxItems: 60 },
  ),
  complaint_channels: Type.Array(Type.Object({ name_th: Text(300), name_en: OptionalText(300), contact: Text(500) }), { maxItems: 20 }),
  offered_at: Type.Array(Text(40), { maxItems: 20 }),
  source: Type.Object({ url: Type.Union([Type.String({ maxLength: 1000 }), Type.Null()]), basis: Text(1000), completeness: Type.Optional(Type.String()) }),
});
export type ManualRecord = Static<typeof ManualRecord>;
export type DurationUnit = Static<typeof DurationUnit>;

export function readCatalogue(): ManualRecord[] {
  const file = JSON.parse(readFileSync(fromRoot('reference-data/manuals/catalogue.json'), 'utf8')) as { manuals: unknown[] };
  return file.manuals.map((manual, index) => {
    if (!Value.Check(ManualRecord, manual)) {
      const first = Value.Errors(ManualRecord, manual).First();
      throw new Error(`catalogue manual #${index}: ${first?.path} ${first?.message}`);
    }
    return manual;
  });
}

export function manualSearchText(record: Pick<ManualRecord, 'title_th' | 'title_en' | 'synonyms_th' | 'synonyms_en' | 'owner_agency_th' | 'service_category_th'>): string {
  return normaliseForSearch(
    [record.title_th, record.title_en, ...record.synonyms_th, ...record.synonyms_en, record.owner_agency_th, record.service_category_th]
      .filter(Boolean)
      .join(' '),
  );
}

/** The rows of one manual; the caller fills in the manual id of steps and documents. */
export function manualRows(record: ManualRecord, ownerOrganisationId: number | null) {
  const manual: typeof manuals.$inferInsert = {
    slug: record.id,
    titleTh: record.title_th,
    titleEn: record.title_en,
    synonymsTh: record.synonyms_th,
    synonymsEn: record.synonyms_en,
    ownerOrganisationId,
    ownerAgencyTh: record.owner_agency_th,
    ownerAgencyEn: record.owner_agency_en,
    ministryTh: record.ministry_th,
    ministryEn: record.ministry_en,
    categoryTh: record.service_category_th,
    categoryEn: record.service_category_en,
    legalBasis: record.legal_basis.map((law) => ({ th: law.th, en: law.en })),
    statutoryTimeTh: record.statutory_time_limit_th,
    statutoryTimeEn: record.statutory_time_limit_en,
    criteriaTh: record.criteria_th,
    criteriaEn: record.criteria_en,
    hoursTh: record.hours_th,
    hoursEn: record.hours_en,
    totalTimeValue: record.total_time_value,
    totalTimeUnit: record.total_time_unit,
    fees: record.fees.map((fee) => ({
      descriptionTh: fee.description_th,
      descriptionEn: fee.description_en,
      amountBaht: fee.amount_baht,
      noteTh: fee.note_th,
      noteEn: fee.note_en,
    })),
    complaintChannels: record.complaint_channels.map((c) => ({ nameTh: c.name_th, nameEn: c.name_en, contact: c.contact })),
    offeredAt: record.offered_at,
    sourceUrl: record.source.url,
    sourceNote: record.source.basis,
    searchText: manualSearchText(record),
  };
  const steps: Omit<typeof manualSteps.$inferInsert, 'manualId'>[] = record.steps.map((step, position) => ({
    position,
    kind: step.kind,
    titleTh: step.title_th,
    titleEn: step.title_en,
    durationValue: step.duration_value,
    durationUnit: step.duration_unit,
    responsibleTh: step.responsible_th,
    responsibleEn: step.responsible_en,
  }));
  const documents: Omit<typeof manualDocuments.$inferInsert, 'manualId'>[] = record.documents.map((doc, position) => ({
    position,
    nameTh: doc.name_th,
    nameEn: doc.name_en,
    issuingAgencyTh: doc.issuing_agency_th,
    issuingAgencyEn: doc.issuing_agency_en,
    governmentIssued: doc.government_issued,
    identity: doc.identity,
    originals: doc.originals,
    copies: doc.copies,
    unitTh: doc.unit_th,
    conditionTh: doc.condition_th,
    conditionEn: doc.condition_en,
  }));
  return { manual, steps, documents };
}
