/**
 * Bulk files of Citizen's Manuals: reading an uploaded JSON or CSV file into records (with the row
 * each came from), and writing records as CSV. Validation of the records themselves is in
 * record-rules.ts; this module only turns bytes into values and reports what it cannot read.
 *
 * The CSV layout (documented on the import page, example at /office/manuals/import/example.csv):
 * one row per manual, UTF-8, comma-separated, first row = column names (CSV_COLUMNS). Scalar
 * columns hold the value as is. List columns hold items separated by `|`; an item made of several
 * fields separates them by `;` in the order of LIST_FIELDS. Inside list columns `\|`, `\;` and `\\`
 * stand for the characters themselves. Yes/no fields take yes/no (also true/false, 1/0, ใช่/ไม่ใช่).
 */
import { parse } from 'csv-parse/sync';
import type { FieldIssue } from '../../http/errors.js';
import type { ManualRecord } from './catalogue.js';

export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;
export const MAX_IMPORT_RECORDS = 500;

/** A problem with the file as a whole: nothing in it can be read. */
export class ImportFileError extends Error {
  constructor(
    readonly th: string,
    readonly en: string,
    readonly status: 400 | 413 | 415 = 400,
  ) {
    super(en);
  }
}

export interface ImportRow {
  /** the row in the spreadsheet (header = 1) or the record's position in a JSON file (from 1) */
  row: number;
  value: unknown;
  /** what could not be read from the row's cells (CSV only) */
  issues: FieldIssue[];
}

export interface ParsedImport {
  format: 'json' | 'csv';
  rows: ImportRow[];
}

/** The fields of one list item, in the order they are written in a CSV cell. */
export const LIST_FIELDS = {
  legal_basis: ['th', 'en'],
  steps: ['kind', 'title_th', 'title_en', 'duration_value', 'duration_unit', 'responsible_th', 'responsible_en'],
  fees: ['description_th', 'description_en', 'amount_baht', 'note_th', 'note_en'],
  documents: ['name_th', 'name_en', 'issuing_agency_th', 'issuing_agency_en', 'government_issued', 'identity', 'originals', 'copies', 'unit_th', 'condition_th', 'condition_en'],
  complaint_channels: ['name_th', 'name_en', 'contact'],
} as const;
type ListColumn = keyof typeof LIST_FIELDS;

export const CSV_COLUMNS = [
  'id',
  'title_th',
  'title_en',
  'synonyms_th',
  'synonyms_en',
  'owner_agency',
  'owner_agency_th',
  'owner_agency_en',
  'ministry_th',
  'ministry_en',
  'service_category_th',
  'service_category_en',
  'legal_basis',
  'statutory_time_limit_th',
  'statutory_time_limit_en',
  'criteria_th',
  'criteria_en',
  'hours_th',
  'hours_en',
  'steps',
  'total_time_value',
  'total_time_unit',
  'fees',
  'documents',
  'complaint_channels',
  'offered_at',
  'source_url',
  'source_basis',
] as const;
type CsvColumn = (typeof CSV_COLUMNS)[number];
export const REQUIRED_CSV_COLUMNS: CsvColumn[] = ['id', 'title_th', 'title_en', 'owner_agency_th', 'owner_agency_en', 'legal_basis', 'steps', 'documents', 'complaint_channels', 'source_basis'];

const NUMBER_FIELDS = new Set(['duration_value', 'amount_baht', 'originals', 'copies']);
const BOOLEAN_FIELDS = new Set(['government_issued', 'identity']);
/** List-item fields that must be given (empty text stays '' so the schema reports it). */
export const REQUIRED_ITEM_FIELDS: ReadonlySet<string> = new Set(['th', 'kind', 'title_th', 'duration_value', 'duration_unit', 'description_th', 'name_th', 'government_issued', 'contact']);

// ─── Reading a file ──────────────────────────────────────────────────────────────────────────

function decode(bytes: Buffer): string {
  if (bytes.length === 0) throw new ImportFileError('ไฟล์ว่างเปล่า', 'The file is empty');
  if (bytes.length > MAX_IMPORT_BYTES) throw new ImportFileError('ไฟล์ใหญ่เกิน 2 MB กรุณาแบ่งเป็นหลายไฟล์', 'The file is larger than 2 MB; split it into several files', 413);
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new ImportFileError(
      'ไฟล์นี้เข้ารหัสแบบ UTF-16 (Unicode Text) กรุณาบันทึกใหม่เป็น “CSV UTF-8” หรือ JSON แบบ UTF-8',
      'This file is UTF-16 (Unicode Text). Save it again as “CSV UTF-8” or as UTF-8 JSON',
      415,
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ImportFileError(
      'ไฟล์นี้ไม่ได้เข้ารหัสแบบ UTF-8 (อาจเป็น TIS-620 หรือ Windows-874) กรุณาบันทึกใหม่เป็น “CSV UTF-8”',
      'This file is not UTF-8 (it may be TIS-620 or Windows-874). Save it again as “CSV UTF-8”',
      415,
    );
  }
  if (text.includes('\u0000')) throw new ImportFileError('ไฟล์นี้ไม่ใช่ไฟล์ข้อความ CSV หรือ JSON', 'This is not a CSV or JSON text file', 415);
  return text.replace(/^\ufeff/, '');
}

/** Reads an uploaded file: JSON when it starts with `[` or `{`, CSV otherwise. */
export function parseImportFile(bytes: Buffer): ParsedImport {
  const text = decode(bytes);
  const first = text.trimStart()[0];
  return first === '[' || first === '{' ? { format: 'json', rows: parseJson(text) } : { format: 'csv', rows: parseCsv(text) };
}

function tooMany(count: number): ImportFileError {
  return new ImportFileError(
    `ไฟล์มี ${count} รายการ นำเข้าได้ครั้งละไม่เกิน ${MAX_IMPORT_RECORDS} รายการ`,
    `The file holds ${count} manuals; at most ${MAX_IMPORT_RECORDS} can be imported at once`,
    413,
  );
}

function parseJson(text: string): ImportRow[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : '';
    throw new ImportFileError(`ไฟล์ JSON ไม่ถูกต้อง: ${detail}`, `The JSON file is malformed: ${detail}`);
  }
  const list = Array.isArray(data) ? data : data && typeof data === 'object' && Array.isArray((data as { manuals?: unknown }).manuals) ? (data as { manuals: unknown[] }).manuals : null;
  if (!list) {
    throw new ImportFileError('ไฟล์ JSON ต้องเป็นรายการคู่มือ [ … ] หรือ { "manuals": [ … ] }', 'The JSON file must be a list of manuals [ … ] or { "manuals": [ … ] }');
  }
  if (list.length === 0) throw new ImportFileError('ไม่มีคู่มือในไฟล์', 'The file holds no manuals');
  if (list.length > MAX_IMPORT_RECORDS) throw tooMany(list.length);
  return list.map((value, index) => ({ row: index + 1, value, issues: [] }));
}

function parseCsv(text: string): ImportRow[] {
  let table: string[][];
  try {
    table = parse(text, { bom: true, skip_empty_lines: true, max_record_size: 500_000 });
  } catch (error) {
    const { message, lines } = error as { message?: string; lines?: number };
    throw new ImportFileError(
      `อ่านไฟล์ CSV ไม่ได้${lines ? ` (บรรทัดที่ ${lines})` : ''}: ${message ?? ''}`,
      `The CSV file cannot be read${lines ? ` (line ${lines})` : ''}: ${message ?? ''}`,
    );
  }
  const [header, ...body] = table;
  if (!header) throw new ImportFileError('ไฟล์ว่างเปล่า', 'The file is empty');
  const columns = header.map((name) => name.trim().toLowerCase());
  const unknown = columns.filter((name) => !(CSV_COLUMNS as readonly string[]).includes(name));
  if (unknown.length) {
    throw new ImportFileError(`ไม่รู้จักคอลัมน์: ${unknown.join(', ')} (ดูชื่อคอลัมน์ในไฟล์ตัวอย่าง)`, `Unknown columns: ${unknown.join(', ')} (see the column names in the example file)`);
  }
  const duplicated = columns.filter((name, index) => columns.indexOf(name) !== index);
  if (duplicated.length) throw new ImportFileError(`คอลัมน์ซ้ำ: ${duplicated.join(', ')}`, `Repeated columns: ${duplicated.join(', ')}`);
  const missing = REQUIRED_CSV_COLUMNS.filter((name) => !columns.includes(name));
  if (missing.length) throw new ImportFileError(`ขาดคอลัมน์: ${missing.join(', ')}`, `Missing columns: ${missing.join(', ')}`);
  if (body.length === 0) throw new ImportFileError('ไม่มีคู่มือในไฟล์ (มีแต่แถวหัวตาราง)', 'The file holds no manuals (only the header row)');
  if (body.length > MAX_IMPORT_RECORDS) throw tooMany(body.length);
  return body.map((cells, index) => {
    const byName = new Map<string, string>(columns.map((name, i) => [name, cells[i] ?? '']));
    const { value, issues } = csvRowToRecord((name) => byName.get(name) ?? '');
    return { row: index + 2, value, issues };
  });
}

// ─── The list notation ───────────────────────────────────────────────────────────────────────

/** Splits on `separator` where it is not escaped by `\`; escapes are kept for the next level. */
function splitEscaped(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === '\\' && i + 1 < text.length) {
      current += char + text[i + 1];
      i++;
    } else if (char === separator) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}

const unescape = (text: string) => text.replace(/\\(.)/g, '$1');
const escapeItem = (text: string) => text.replace(/[\\|;]/g, (c) => `\\${c}`);

const THAI_DIGITS = /[๐-๙]/g;
/** A number as people type it: `12`, `1,500`, `2.5`, or in Thai digits; NaN when it is none. */
export function parseNumber(text: string): number {
  const plain = text.trim().replace(THAI_DIGITS, (d) => String(d.charCodeAt(0) - 0x0e50));
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(plain)) return Number(plain.replaceAll(',', ''));
  return /^-?\d+(\.\d+)?$/.test(plain) ? Number(plain) : Number.NaN;
}

const YES = new Set(['yes', 'y', 'true', '1', 'ใช่']);
const NO = new Set(['no', 'n', 'false', '0', 'ไม่ใช่', 'ไม่']);

function csvRowToRecord(cell: (name: CsvColumn) => string): { value: Record<string, unknown>; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const text = (name: CsvColumn) => cell(name).trim();
  const optional = (name: CsvColumn) => text(name) || null;
  const simpleList = (name: CsvColumn) =>
    splitEscaped(text(name), '|')
      .map((item) => unescape(item).trim())
      .filter(Boolean);

  const list = (column: ListColumn): Record<string, unknown>[] => {
    const fields = LIST_FIELDS[column];
    return splitEscaped(text(column), '|')
      .filter((item) => item.trim() !== '')
      .map((item, index) => {
        const values = splitEscaped(item, ';').map((part) => unescape(part).trim());
        if (values.length > fields.length) {
          issues.push({
            field: `${column}.${index}`,
            th: `มี ${values.length} ช่อง แต่ต้องมีไม่เกิน ${fields.length} ช่อง (${fields.join(';')}) — ถ้าข้อความมีเครื่องหมาย ; ให้เขียนเป็น \\;`,
            en: `Has ${values.length} fields, at most ${fields.length} expected (${fields.join(';')}) — write \\; for a semicolon inside text`,
          });
        }
        const object: Record<string, unknown> = {};
        fields.forEach((field, i) => {
          const raw = values[i] ?? '';
          const path = `${column}.${index}.${field}`;
          if (NUMBER_FIELDS.has(field)) {
            if (raw === '' && field === 'duration_value') issues.push({ field: path, th: 'กรุณากรอกระยะเวลา', en: 'The duration is required' });
            if (raw === '') object[field] = field === 'amount_baht' ? null : 0;
            else {
              const number = parseNumber(raw);
              if (Number.isNaN(number)) issues.push({ field: path, th: `“${raw}” ไม่ใช่ตัวเลข`, en: `“${raw}” is not a number` });
              object[field] = number;
            }
          } else if (BOOLEAN_FIELDS.has(field)) {
            const word = raw.toLowerCase();
            if (YES.has(word)) object[field] = true;
            else if (NO.has(word) || (word === '' && field === 'identity')) object[field] = false;
            else issues.push({ field: path, th: `ต้องเป็น yes หรือ no (ได้ “${raw}”)`, en: `Must be yes or no (got “${raw}”)` });
          } else {
            object[field] = raw === '' && !REQUIRED_ITEM_FIELDS.has(field) ? null : raw;
          }
        });
        return object;
      });
  };

  const total = text('total_time_value');
  const totalValue = total === '' ? null : parseNumber(total);
  if (totalValue !== null && Number.isNaN(totalValue)) issues.push({ field: 'total_time_value', th: `“${total}” ไม่ใช่ตัวเลข`, en: `“${total}” is not a number` });

  const value: Record<string, unknown> = {
    id: text('id'),
    title_th: text('title_th'),
    title_en: text('title_en'),
    synonyms_th: simpleList('synonyms_th'),
    synonyms_en: simpleList('synonyms_en'),
    owner_agency: text('owner_agency') || '-',
    owner_agency_th: text('owner_agency_th'),
    owner_agency_en: text('owner_agency_en'),
    ministry_th: optional('ministry_th'),
    ministry_en: optional('ministry_en'),
    service_category_th: optional('service_category_th'),
    service_category_en: optional('service_category_en'),
    legal_basis: list('legal_basis'),
    statutory_time_limit_th: optional('statutory_time_limit_th'),
    statutory_time_limit_en: optional('statutory_time_limit_en'),
    criteria_th: optional('criteria_th'),
    criteria_en: optional('criteria_en'),
    hours_th: optional('hours_th'),
    hours_en: optional('hours_en'),
    steps: list('steps'),
    total_time_value: totalValue,
    total_time_unit: optional('total_time_unit'),
    fees: list('fees'),
    documents: list('documents'),
    complaint_channels: list('complaint_channels'),
    offered_at: simpleList('offered_at'),
    source: { url: optional('source_url'), basis: text('source_basis') },
  };
  return { value, issues };
}

// ─── Writing CSV ─────────────────────────────────────────────────────────────────────────────

const quote = (value: string) => `"${value.replaceAll('"', '""')}"`;
const itemText = (value: unknown) => (value === null || value === undefined ? '' : typeof value === 'boolean' ? (value ? 'yes' : 'no') : escapeItem(String(value)));

function recordCells(record: ManualRecord): Record<CsvColumn, string> {
  const list = (column: ListColumn, items: object[]) =>
    items.map((item) => LIST_FIELDS[column].map((field) => itemText((item as Record<string, unknown>)[field])).join(';')).join('|');
  return {
    id: record.id,
    title_th: record.title_th,
    title_en: record.title_en,
    synonyms_th: record.synonyms_th.map(escapeItem).join('|'),
    synonyms_en: record.synonyms_en.map(escapeItem).join('|'),
    owner_agency: record.owner_agency,
    owner_agency_th: record.owner_agency_th,
    owner_agency_en: record.owner_agency_en,
    ministry_th: record.ministry_th ?? '',
    ministry_en: record.ministry_en ?? '',
    service_category_th: record.service_category_th ?? '',
    service_category_en: record.service_category_en ?? '',
    legal_basis: list('legal_basis', record.legal_basis),
    statutory_time_limit_th: record.statutory_time_limit_th ?? '',
    statutory_time_limit_en: record.statutory_time_limit_en ?? '',
    criteria_th: record.criteria_th ?? '',
    criteria_en: record.criteria_en ?? '',
    hours_th: record.hours_th ?? '',
    hours_en: record.hours_en ?? '',
    steps: list('steps', record.steps),
    total_time_value: record.total_time_value === null ? '' : String(record.total_time_value),
    total_time_unit: record.total_time_unit ?? '',
    fees: list('fees', record.fees),
    documents: list('documents', record.documents),
    complaint_channels: list('complaint_channels', record.complaint_channels),
    offered_at: record.offered_at.map(escapeItem).join('|'),
    source_url: record.source.url ?? '',
    source_basis: record.source.basis,
  };
}

/** Records as CSV in the import layout: UTF-8 with a BOM (so Excel reads Thai), CRLF lines, every field quoted. */
export function recordsToCsv(records: ManualRecord[]): string {
  const lines = [
    CSV_COLUMNS.join(','),
    ...records.map((record) => {
      const cells = recordCells(record);
      return CSV_COLUMNS.map((column) => quote(cells[column])).join(',');
    }),
  ];
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

/** `steps.1.duration_value` → `steps #2 › duration_value`, for the error report. */
export function fieldLabel(path: string): string {
  return path
    .split('.')
    .map((part) => (/^\d+$/.test(part) ? `#${Number(part) + 1}` : part))
    .join(' › ');
}
