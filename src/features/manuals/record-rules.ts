/**
 * What makes a Citizen's Manual record acceptable, for the editor and for bulk imports alike:
 * the TypeBox schema (`ManualRecord`) plus the domain rules it cannot express. Every problem is a
 * `FieldIssue` with a dotted path (`steps.2.duration_value`) and a Thai and an English message.
 */
import type { TSchema } from '@sinclair/typebox';
import { Value, ValueErrorType, type ValueError } from '@sinclair/typebox/value';
import type { FieldIssue } from '../../http/errors.js';
import { KIND_NAMES } from '../organisations/kinds.js';
import { ManualRecord, type DurationUnit } from './catalogue.js';

type Text = { th: string; en: string };

const fieldPath = (path: string) => path.replace(/^\//, '').replaceAll('/', '.').replaceAll('~1', '/').replaceAll('~0', '~');

const literalsOf = (schema: TSchema): string[] | null => {
  const variants = (schema as { anyOf?: { const?: unknown }[] }).anyOf;
  if (!variants || !variants.every((v) => typeof v.const === 'string')) return null;
  return variants.map((v) => String(v.const));
};

/** The message of one TypeBox error; union errors report the most specific failure of a variant. */
function describe(error: ValueError): Text {
  const schema = error.schema as Record<string, unknown>;
  switch (error.type) {
    case ValueErrorType.ObjectRequiredProperty:
      return { th: 'กรุณากรอกช่องนี้', en: 'This field is required' };
    case ValueErrorType.StringMinLength:
      return schema.minLength === 1 ? { th: 'กรุณากรอกช่องนี้', en: 'This field is required' } : { th: `ต้องยาวอย่างน้อย ${schema.minLength} ตัวอักษร`, en: `Must be at least ${schema.minLength} characters` };
    case ValueErrorType.StringMaxLength:
      return { th: `ยาวเกิน ${schema.maxLength} ตัวอักษร`, en: `Must be at most ${schema.maxLength} characters` };
    case ValueErrorType.StringPattern:
      return { th: 'ใช้ได้เฉพาะอักษรอังกฤษตัวเล็ก ตัวเลข และขีดกลาง เช่น tao-building-permit', en: 'Use lower-case letters, digits and hyphens only, e.g. tao-building-permit' };
    case ValueErrorType.NumberMinimum:
    case ValueErrorType.IntegerMinimum:
      return { th: `ต้องไม่น้อยกว่า ${schema.minimum}`, en: `Must be at least ${schema.minimum}` };
    case ValueErrorType.NumberMaximum:
    case ValueErrorType.IntegerMaximum:
      return { th: `ต้องไม่เกิน ${schema.maximum}`, en: `Must be at most ${schema.maximum}` };
    case ValueErrorType.Integer:
      return { th: 'ต้องเป็นจำนวนเต็ม', en: 'Must be a whole number' };
    case ValueErrorType.Number:
      return { th: 'ต้องเป็นตัวเลข', en: 'Must be a number' };
    case ValueErrorType.Boolean:
      return { th: 'ต้องเป็นใช่หรือไม่ใช่ (true/false)', en: 'Must be yes or no (true/false)' };
    case ValueErrorType.String:
      return { th: 'ต้องเป็นข้อความ', en: 'Must be text' };
    case ValueErrorType.Array:
      return { th: 'ต้องเป็นรายการ', en: 'Must be a list' };
    case ValueErrorType.Object:
      return { th: 'ต้องเป็นกลุ่มข้อมูล (object)', en: 'Must be an object' };
    case ValueErrorType.ArrayMinItems:
      return { th: `ต้องมีอย่างน้อย ${schema.minItems} รายการ`, en: `Must have at least ${schema.minItems} item(s)` };
    case ValueErrorType.ArrayMaxItems:
      return { th: `มีได้ไม่เกิน ${schema.maxItems} รายการ`, en: `Must have at most ${schema.maxItems} items` };
    case ValueErrorType.Union: {
      const literals = literalsOf(error.schema);
      if (literals) return { th: `ต้องเป็นค่าใดค่าหนึ่งต่อไปนี้: ${literals.join(', ')}`, en: `Must be one of: ${literals.join(', ')}` };
      const mismatch = new Set([ValueErrorType.String, ValueErrorType.Number, ValueErrorType.Integer, ValueErrorType.Null, ValueErrorType.Literal]);
      for (const variant of error.errors) {
        for (const inner of variant) if (!mismatch.has(inner.type)) return describe(inner);
      }
      return { th: 'ชนิดข้อมูลไม่ถูกต้อง', en: 'Not of the expected type' };
    }
    default:
      return { th: 'ค่าไม่ถูกต้อง', en: 'Not valid' };
  }
}

/** Schema problems, one per field (the first found). */
export function schemaIssues(value: unknown): FieldIssue[] {
  const issues = new Map<string, FieldIssue>();
  for (const error of Value.Errors(ManualRecord, value)) {
    const field = fieldPath(error.path) || 'record';
    if (!issues.has(field)) issues.set(field, { field, ...describe(error) });
  }
  return [...issues.values()];
}

/** The steps' total when every step uses the same unit; null when units differ. */
export function stepsTotal(steps: { duration_value: number; duration_unit: DurationUnit }[]): { value: number; unit: DurationUnit } | null {
  const unit = steps[0]?.duration_unit;
  if (!unit || steps.some((step) => step.duration_unit !== unit)) return null;
  // Rounded to avoid 0.1 + 0.2 style sums in what officers read.
  return { value: Math.round(steps.reduce((sum, step) => sum + step.duration_value, 0) * 1000) / 1000, unit };
}

/** The record with its total time filled in from the steps when their units agree and none was given. */
export function withComputedTotal(record: ManualRecord): ManualRecord {
  const total = stepsTotal(record.steps);
  if (!total || record.total_time_value !== null) return record;
  return { ...record, total_time_value: total.value, total_time_unit: total.unit };
}

/** Names of duration units, for messages and the editor. */
export const UNIT_NAMES: Record<DurationUnit, Text> = {
  minute: { th: 'นาที', en: 'minutes' },
  hour: { th: 'ชั่วโมง', en: 'hours' },
  day: { th: 'วัน', en: 'days' },
  working_day: { th: 'วันทำการ', en: 'working days' },
};

const issue = (field: string, th: string, en: string): FieldIssue => ({ field, th, en });

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const isUnit = (value: unknown): value is DurationUnit => typeof value === 'string' && Object.hasOwn(UNIT_NAMES, value);
/** A number the schema accepts for a duration or a count (the schema reports the others). */
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;

/**
 * Rules beyond the schema. They read the value defensively, so they also run on a record that has
 * schema problems elsewhere and a form shows every problem at once; a rule whose fields are
 * malformed is left to the schema's message.
 */
export function domainIssues(value: unknown): FieldIssue[] {
  const record = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const issues: FieldIssue[] = [];

  const rawSteps = list(record.steps) as { duration_value?: unknown; duration_unit?: unknown }[];
  const steps = rawSteps.filter((step): step is { duration_value: number; duration_unit: DurationUnit } => isNumber(step?.duration_value) && isUnit(step?.duration_unit));
  const totalValue = record.total_time_value;
  const totalUnit = record.total_time_unit;
  if (steps.length > 0 && steps.length === rawSteps.length && (totalValue === null || isNumber(totalValue)) && (totalUnit === null || isUnit(totalUnit))) {
    const total = stepsTotal(steps);
    if ((totalValue === null) !== (totalUnit === null)) {
      issues.push(issue('total_time_value', 'กรุณากรอกทั้งจำนวนและหน่วยของระยะเวลารวม', 'Give both the number and the unit of the total time'));
    } else if (total && totalValue !== null && (totalValue !== total.value || totalUnit !== total.unit)) {
      issues.push(
        issue(
          'total_time_value',
          `ระยะเวลารวมต้องเท่ากับผลรวมของขั้นตอน (${total.value} ${UNIT_NAMES[total.unit].th}) เมื่อทุกขั้นตอนใช้หน่วยเดียวกัน`,
          `The total time must equal the sum of the steps (${total.value} ${UNIT_NAMES[total.unit].en}) when all steps use the same unit`,
        ),
      );
    } else if (!total && totalValue === null) {
      issues.push(issue('total_time_value', 'ขั้นตอนใช้หน่วยเวลาต่างกัน กรุณากรอกระยะเวลารวมเอง', 'The steps use different units: give the total time yourself'));
    }
  }
  if (Array.isArray(record.legal_basis) && record.legal_basis.length === 0) issues.push(issue('legal_basis', 'กรุณาระบุกฎหมายที่ให้อำนาจอย่างน้อย 1 รายการ', 'Give at least one legal basis'));
  if (Array.isArray(record.complaint_channels) && record.complaint_channels.length === 0) {
    issues.push(issue('complaint_channels', 'กรุณาระบุช่องทางร้องเรียนอย่างน้อย 1 ช่องทาง', 'Give at least one complaint channel'));
  }
  list(record.documents).forEach((item, index) => {
    const doc = (item && typeof item === 'object' ? item : {}) as Record<string, unknown>;
    if (isNumber(doc.originals) && isNumber(doc.copies) && doc.originals + doc.copies === 0) {
      issues.push(issue(`documents.${index}.originals`, 'เอกสารต้องขอฉบับจริงหรือสำเนาอย่างน้อย 1 ฉบับ', 'A document must ask for at least one original or copy'));
    }
    if (doc.identity === true && doc.government_issued === false) {
      issues.push(issue(`documents.${index}.government_issued`, 'เอกสารยืนยันตัวตนต้องเป็นเอกสารที่ออกโดยหน่วยงานของรัฐ', 'An identity document must be issued by the state'));
    }
    if (doc.government_issued === true && !(typeof doc.issuing_agency_th === 'string' && doc.issuing_agency_th.trim())) {
      issues.push(
        issue(`documents.${index}.issuing_agency_th`, 'เอกสารที่รัฐออกให้ต้องระบุหน่วยงานผู้ออก (เพื่อตรวจสอบจากต้นทางแทนการขอสำเนา)', 'A state-issued document needs its issuing agency (to verify it at the source instead of asking for a copy)'),
      );
    }
  });
  list(record.offered_at).forEach((kind, index) => {
    if (typeof kind === 'string' && !KIND_NAMES[kind]) issues.push(issue(`offered_at.${index}`, `ไม่รู้จักประเภทหน่วยงาน “${kind}”`, `Unknown kind of office “${kind}”`));
  });
  const url = (record.source as { url?: unknown } | undefined)?.url;
  if (typeof url === 'string' && url !== '' && !/^https?:\/\/[^\s/]+\.[^\s]+$/i.test(url)) {
    issues.push(issue('source.url', 'ที่อยู่เว็บต้องขึ้นต้นด้วย http:// หรือ https://', 'The web address must start with http:// or https://'));
  }
  return issues;
}

/** All problems of a record, one per field: the schema's first, then the domain rules'. */
export function recordIssues(value: unknown): FieldIssue[] {
  const issues = schemaIssues(value);
  for (const found of domainIssues(value)) if (!issues.some((known) => known.field === found.field)) issues.push(found);
  return issues;
}
