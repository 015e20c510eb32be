/**
 * The manual editor's form as flat fields — `title_th`, `steps.2.duration_value`,
 * `documents.0.government_issued` — so it works as a plain HTML form: repeatable groups grow and
 * shrink by submit buttons that post the whole form and get it back with one row more or less.
 * This module turns a record into form fields and back, and applies the row buttons.
 */
import { Type } from '@sinclair/typebox';
import type { FieldIssue } from '../../http/errors.js';
import type { ManualRecord } from './catalogue.js';
import { LIST_FIELDS, parseNumber, REQUIRED_ITEM_FIELDS } from './import.js';
import { MANUAL_STATUSES, type ManualStatus } from './office-store.js';
import { stepsTotal } from './record-rules.js';

export type FormState = Record<string, string | string[]>;
export type Section = keyof typeof LIST_FIELDS;
export const SECTIONS = Object.keys(LIST_FIELDS) as Section[];
export const MAX_ROWS: Record<Section, number> = { legal_basis: 30, steps: 50, fees: 50, documents: 60, complaint_channels: 20 };

/**
 * The posted form. Field names are checked by pattern, values by length; what they mean is checked
 * on the record built from them (record-rules.ts), so errors can be shown beside each field.
 */
export const ManualForm = Type.Record(
  Type.String({ pattern: '^(_csrf|action|[a-z_]{1,40}|(legal_basis|steps|fees|documents|complaint_channels)\\.\\d{1,2}\\.[a-z_]{1,30})$' }),
  Type.Union([Type.String({ maxLength: 20000 }), Type.Array(Type.String({ maxLength: 200 }), { maxItems: 40 })]),
  { maxProperties: 1500 },
);

const BOOLEAN_FIELDS = new Set(['government_issued', 'identity']);
const NUMBER_FIELDS = new Set(['duration_value', 'amount_baht', 'originals', 'copies']);
const DEFAULTS: Record<string, string> = { kind: 'document_check', duration_unit: 'minute', originals: '1', copies: '0' };

const one = (value: string | string[] | undefined): string => (Array.isArray(value) ? (value[0] ?? '') : (value ?? ''));
export const fieldValue = (state: FormState, name: string): string => one(state[name]);
export const fieldValues = (state: FormState, name: string): string[] => {
  const value = state[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
};

export function rowCount(state: FormState, section: Section): number {
  const declared = Number(fieldValue(state, `rows_${section}`));
  let highest = -1;
  for (const key of Object.keys(state)) {
    const match = new RegExp(`^${section}\\.(\\d+)\\.`).exec(key);
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  const count = Math.max(Number.isInteger(declared) ? declared : 0, highest + 1);
  return Math.min(count, MAX_ROWS[section]);
}

/** An empty form for a new manual, with one row in each group that every manual needs. */
export function emptyForm(owner: { th: string; en: string | null }): FormState {
  return {
    status: 'draft',
    owner_agency_th: owner.th,
    owner_agency_en: owner.en ?? '',
    rows_legal_basis: '1',
    rows_steps: '1',
    rows_fees: '0',
    rows_documents: '1',
    rows_complaint_channels: '1',
    'steps.0.kind': DEFAULTS.kind!,
    'steps.0.duration_unit': DEFAULTS.duration_unit!,
    'documents.0.originals': DEFAULTS.originals!,
    'documents.0.copies': DEFAULTS.copies!,
  };
}

const text = (value: string | null | undefined) => value ?? '';

export function recordToForm(record: ManualRecord, status: ManualStatus): FormState {
  const state: FormState = {
    id: record.id,
    status,
    title_th: record.title_th,
    title_en: record.title_en,
    synonyms_th: record.synonyms_th.join('\n'),
    synonyms_en: record.synonyms_en.join('\n'),
    owner_agency_th: record.owner_agency_th,
    owner_agency_en: record.owner_agency_en,
    ministry_th: text(record.ministry_th),
    ministry_en: text(record.ministry_en),
    service_category_th: text(record.service_category_th),
    service_category_en: text(record.service_category_en),
    statutory_time_limit_th: text(record.statutory_time_limit_th),
    statutory_time_limit_en: text(record.statutory_time_limit_en),
    criteria_th: text(record.criteria_th),
    criteria_en: text(record.criteria_en),
    hours_th: text(record.hours_th),
    hours_en: text(record.hours_en),
    total_time_value: record.total_time_value === null ? '' : String(record.total_time_value),
    total_time_unit: text(record.total_time_unit),
    offered_at: record.offered_at,
    source_url: text(record.source.url),
    source_basis: record.source.basis,
  };
  for (const section of SECTIONS) {
    const items = record[section] as object[];
    state[`rows_${section}`] = String(items.length);
    items.forEach((item, index) => {
      for (const field of LIST_FIELDS[section]) {
        const value = (item as Record<string, unknown>)[field];
        if (BOOLEAN_FIELDS.has(field)) {
          if (value === true) state[`${section}.${index}.${field}`] = 'on';
        } else {
          state[`${section}.${index}.${field}`] = value === null || value === undefined ? '' : String(value);
        }
      }
    });
  }
  return state;
}

/** A row button: `add:steps` appends an empty row; `remove:steps:2` drops row 2 and renumbers the rest. */
export function applyRowAction(state: FormState, action: string): FormState | null {
  const add = /^add:([a-z_]+)$/.exec(action);
  const remove = /^remove:([a-z_]+):(\d{1,2})$/.exec(action);
  const section = (add?.[1] ?? remove?.[1]) as Section | undefined;
  if (!section || !SECTIONS.includes(section)) return null;
  const count = rowCount(state, section);
  if (add) {
    if (count >= MAX_ROWS[section]) return state;
    const next: FormState = { ...state, [`rows_${section}`]: String(count + 1) };
    for (const field of LIST_FIELDS[section]) if (DEFAULTS[field] && section !== 'fees') next[`${section}.${count}.${field}`] = DEFAULTS[field];
    return next;
  }
  const removed = Number(remove![2]);
  if (removed >= count) return state;
  const next: FormState = {};
  const prefix = `${section}.`;
  for (const [key, value] of Object.entries(state)) {
    if (!key.startsWith(prefix)) {
      next[key] = value;
      continue;
    }
    const [, index, field] = key.split('.');
    const at = Number(index);
    if (at < removed) next[key] = value;
    else if (at > removed) next[`${section}.${at - 1}.${field}`] = value;
  }
  next[`rows_${section}`] = String(count - 1);
  return next;
}

export interface FormReading {
  /** the record to validate (not yet checked against the schema) */
  value: Record<string, unknown>;
  /** what could not be read (numbers), with form field names */
  issues: FieldIssue[];
  /** record path → form field name: rows left empty are skipped, so indexes may differ */
  formField(path: string): string;
}

/** Reads the posted form into a record; `slug` and `ownerCode` come from the page, not the form. */
export function formToRecord(state: FormState, slug: string, ownerCode: string): FormReading {
  const issues: FieldIssue[] = [];
  const rowMaps: Partial<Record<Section, number[]>> = {};
  const optional = (name: string) => fieldValue(state, name).trim() || null;
  const lines = (name: string) =>
    fieldValue(state, name)
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean);

  const section = (name: Section): Record<string, unknown>[] => {
    const fields = LIST_FIELDS[name];
    const items: Record<string, unknown>[] = [];
    const map: number[] = [];
    for (let row = 0; row < rowCount(state, name); row++) {
      const raw = (field: string) => fieldValue(state, `${name}.${row}.${field}`).trim();
      // A row left as it was added (empty, defaults untouched) is not part of the manual.
      const used = fields.some((field) => raw(field) !== '' && raw(field) !== (DEFAULTS[field] ?? ''));
      if (!used) continue;
      const item: Record<string, unknown> = {};
      for (const field of fields) {
        const value = raw(field);
        if (BOOLEAN_FIELDS.has(field)) item[field] = value !== '';
        else if (NUMBER_FIELDS.has(field)) {
          if (value === '') {
            if (field === 'duration_value') issues.push({ field: `${name}.${row}.${field}`, th: 'กรุณากรอกระยะเวลา', en: 'The duration is required' });
            item[field] = field === 'amount_baht' ? null : 0;
          } else {
            const number = parseNumber(value);
            if (Number.isNaN(number)) issues.push({ field: `${name}.${row}.${field}`, th: `“${value}” ไม่ใช่ตัวเลข`, en: `“${value}” is not a number` });
            item[field] = number;
          }
        } else {
          item[field] = value === '' && !REQUIRED_ITEM_FIELDS.has(field) ? null : value;
        }
      }
      items.push(item);
      map.push(row);
    }
    rowMaps[name] = map;
    return items;
  };

  const steps = section('steps');
  // When every step uses one unit the total is the steps' sum (computed on save); otherwise it is typed.
  const total = stepsTotal(steps.filter((s) => typeof s.duration_value === 'number' && !Number.isNaN(s.duration_value)) as { duration_value: number; duration_unit: ManualRecord['total_time_unit'] & string }[]);
  const typedTotal = fieldValue(state, 'total_time_value').trim();
  const totalValue = total || typedTotal === '' ? null : parseNumber(typedTotal);
  if (totalValue !== null && Number.isNaN(totalValue)) issues.push({ field: 'total_time_value', th: `“${typedTotal}” ไม่ใช่ตัวเลข`, en: `“${typedTotal}” is not a number` });

  const value: Record<string, unknown> = {
    id: slug,
    title_th: fieldValue(state, 'title_th').trim(),
    title_en: fieldValue(state, 'title_en').trim(),
    synonyms_th: lines('synonyms_th'),
    synonyms_en: lines('synonyms_en'),
    owner_agency: ownerCode,
    owner_agency_th: fieldValue(state, 'owner_agency_th').trim(),
    owner_agency_en: fieldValue(state, 'owner_agency_en').trim(),
    ministry_th: optional('ministry_th'),
    ministry_en: optional('ministry_en'),
    service_category_th: optional('service_category_th'),
    service_category_en: optional('service_category_en'),
    legal_basis: section('legal_basis'),
    statutory_time_limit_th: optional('statutory_time_limit_th'),
    statutory_time_limit_en: optional('statutory_time_limit_en'),
    criteria_th: optional('criteria_th'),
    criteria_en: optional('criteria_en'),
    hours_th: optional('hours_th'),
    hours_en: optional('hours_en'),
    steps,
    total_time_value: totalValue,
    total_time_unit: total ? null : optional('total_time_unit'),
    fees: section('fees'),
    documents: section('documents'),
    complaint_channels: section('complaint_channels'),
    offered_at: fieldValues(state, 'offered_at'),
    source: { url: optional('source_url'), basis: fieldValue(state, 'source_basis').trim() },
  };

  const formField = (path: string): string => {
    const [head, index, ...rest] = path.split('.');
    if (head === 'source') return index === 'url' ? 'source_url' : 'source_basis';
    if (head === 'synonyms_th' || head === 'synonyms_en' || head === 'offered_at') return head;
    if (head && SECTIONS.includes(head as Section) && index !== undefined && /^\d+$/.test(index)) {
      const row = rowMaps[head as Section]?.[Number(index)] ?? Number(index);
      return [head, String(row), ...rest].join('.');
    }
    return path;
  };
  return { value, issues, formField };
}

export const statusOf = (state: FormState): ManualStatus => ((MANUAL_STATUSES as readonly string[]).includes(fieldValue(state, 'status')) ? (fieldValue(state, 'status') as ManualStatus) : 'draft');

/** A readable id from the English title: "Building permit (s. 21)" → "building-permit-s-21". */
export function slugFromTitle(title: string): string {
  return title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}
