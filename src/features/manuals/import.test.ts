import { describe, expect, it } from 'vitest';
import { ManualRecord, readCatalogue } from './catalogue.js';
import { fieldLabel, ImportFileError, MAX_IMPORT_RECORDS, parseImportFile, parseNumber, recordsToCsv } from './import.js';
import { applyRowAction, formToRecord, recordToForm, rowCount, slugFromTitle } from './office-form.js';
import { domainIssues, recordIssues, stepsTotal, withComputedTotal } from './record-rules.js';

const catalogue = readCatalogue();
/** The record with only the fields of the schema (the catalogue file carries a few more). */
const schemaFields = (record: ManualRecord): ManualRecord => {
  const { completeness: _completeness, ...source } = record.source;
  const fields = Object.fromEntries(Object.keys(ManualRecord.properties).map((key) => [key, record[key as keyof ManualRecord]])) as ManualRecord;
  return { ...fields, source };
};

function fileError(bytes: Buffer): ImportFileError {
  try {
    parseImportFile(bytes);
  } catch (error) {
    if (error instanceof ImportFileError) return error;
    throw error;
  }
  throw new Error('no error');
}

describe('CSV layout', () => {
  it('writes the whole catalogue as CSV and reads it back unchanged, escapes and all', () => {
    const csv = recordsToCsv(catalogue);
    expect(csv.startsWith('\ufeffid,title_th,')).toBe(true);
    const parsed = parseImportFile(Buffer.from(csv, 'utf8'));
    expect(parsed.format).toBe('csv');
    expect(parsed.rows).toHaveLength(catalogue.length);
    parsed.rows.forEach((row, index) => {
      expect(row.row).toBe(index + 2);
      expect(row.issues).toEqual([]);
      const expected = schemaFields(catalogue[index]!);
      for (const key of Object.keys(row.value as object)) expect((row.value as Record<string, unknown>)[key], key).toEqual((expected as Record<string, unknown>)[key]);
      expect(recordIssues(row.value)).toEqual([]);
    });
  });

  it('reads the list notation: | between items, ; between fields, backslash escapes, yes/no, Thai digits', () => {
    const header = 'id,title_th,title_en,owner_agency_th,owner_agency_en,legal_basis,steps,documents,complaint_channels,source_basis,synonyms_th';
    const line = [
      'tao-sign',
      'ขออนุญาตติดตั้งป้าย',
      'Sign permit',
      'อบต.ทดสอบ',
      'Test TAO',
      'พ.ร.บ.ภาษีป้าย พ.ศ. 2510;Signboard Tax Act',
      'document_check;ตรวจเอกสาร\\; รับคำขอ;Check;๑๕;minute|consideration;พิจารณา;;1,200;minute',
      'บัตรประจำตัวประชาชน;ID card;กรมการปกครอง;;yes;ใช่;1;1|แบบคำขอ;;;;no;;1;0',
      'อบต.ทดสอบ;;โทร 053 000 000 \\| www.test.go.th',
      'ประกาศ อบต.',
      'ป้าย|ภาษีป้าย\\|ป้ายโฆษณา',
    ]
      .map((cell) => `"${cell.replaceAll('"', '""')}"`)
      .join(',');
    const [row] = parseImportFile(Buffer.from(`${header}\n${line}\n`)).rows;
    expect(row!.issues).toEqual([]);
    const value = row!.value as ManualRecord;
    expect(value.legal_basis).toEqual([{ th: 'พ.ร.บ.ภาษีป้าย พ.ศ. 2510', en: 'Signboard Tax Act' }]);
    expect(value.steps[0]).toMatchObject({ kind: 'document_check', title_th: 'ตรวจเอกสาร; รับคำขอ', duration_value: 15, duration_unit: 'minute', responsible_th: null });
    expect(value.steps[1]).toMatchObject({ title_en: null, duration_value: 1200 });
    expect(value.documents[0]).toMatchObject({ government_issued: true, identity: true, originals: 1, copies: 1, issuing_agency_en: null });
    expect(value.documents[1]).toMatchObject({ government_issued: false, identity: false, copies: 0 });
    expect(value.complaint_channels[0]!.contact).toBe('โทร 053 000 000 | www.test.go.th');
    expect(value.synonyms_th).toEqual(['ป้าย', 'ภาษีป้าย|ป้ายโฆษณา']);
    expect(recordIssues(value)).toEqual([]);
    expect(withComputedTotal(value)).toMatchObject({ total_time_value: 1215, total_time_unit: 'minute' });
  });

  it('names the cell it cannot read', () => {
    const header = 'id,title_th,title_en,owner_agency_th,owner_agency_en,legal_basis,steps,documents,complaint_channels,source_basis';
    const line = 'x,ก,A,ก,A,กฎหมาย,"document_check;ตรวจ;;ห้านาที;minute|other;อื่น;;1;minute;;;extra",ก;;;;maybe;;1;0,ช่อง;;ติดต่อ,ที่มา';
    const [row] = parseImportFile(Buffer.from(`${header}\r\n${line}\r\n`)).rows;
    expect(row!.issues.map((i) => i.field)).toEqual(['steps.0.duration_value', 'steps.1', 'documents.0.government_issued']);
    expect(row!.issues[0]!.th).toContain('ไม่ใช่ตัวเลข');
    expect(row!.issues[1]!.en).toContain('\\;');
    expect(fieldLabel('steps.1.duration_value')).toBe('steps › #2 › duration_value');
  });

  it('refuses files it cannot read with a clear message and a 4xx status', () => {
    const csv = recordsToCsv(catalogue.slice(0, 1));
    expect(fileError(Buffer.from('')).status).toBe(400);
    const unclosed = fileError(Buffer.from('id,title_th\n"abc,def\n'));
    expect(unclosed.status).toBe(400);
    expect(unclosed.th).toContain('อ่านไฟล์ CSV ไม่ได้');
    expect(unclosed.en).toMatch(/line \d/);
    expect(fileError(Buffer.from('id,title_th\na,b,c\n')).en).toContain('cannot be read');
    expect(fileError(Buffer.from('id,title,colour\nx,y,z\n')).en).toContain('Unknown columns: title, colour');
    expect(fileError(Buffer.from('id,title_th\nx,y\n')).en).toContain('Missing columns');
    expect(fileError(Buffer.from(csv.split('\r\n')[0]!)).en).toContain('only the header row');
    // Excel's "Unicode text" and Thai Windows encodings.
    expect(fileError(Buffer.from(`\ufeff${csv}`, 'utf16le')).status).toBe(415);
    expect(fileError(Buffer.from([0x69, 0x64, 0x2c, 0xb7, 0xb4, 0xca, 0xcd, 0xba])).en).toContain('not UTF-8');
    expect(fileError(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00])).status).toBe(415);
    const many = `${csv.split('\r\n')[0]}\r\n${Array.from({ length: MAX_IMPORT_RECORDS + 1 }, () => csv.split('\r\n')[1]).join('\r\n')}`;
    expect(fileError(Buffer.from(many)).status).toBe(413);
  });

  it('reads JSON as a list or as the catalogue, and refuses anything else', () => {
    expect(parseImportFile(Buffer.from(JSON.stringify(catalogue.slice(0, 2)))).rows.map((r) => r.row)).toEqual([1, 2]);
    expect(parseImportFile(Buffer.from(` \n${JSON.stringify({ manuals: catalogue.slice(0, 3) })}`)).rows).toHaveLength(3);
    expect(fileError(Buffer.from('{"manuals": [ {"id": "x"} ')).en).toContain('malformed');
    expect(fileError(Buffer.from('{"items": []}')).en).toContain('must be a list');
    expect(fileError(Buffer.from('[]')).en).toContain('no manuals');
  });

  it('reads numbers as people type them', () => {
    expect(parseNumber('1,500')).toBe(1500);
    expect(parseNumber('๒.๕')).toBe(2.5);
    expect(parseNumber('1,5')).toBeNaN();
    expect(parseNumber('ten')).toBeNaN();
  });
});

describe('manual rules', () => {
  const base = schemaFields(catalogue.find((r) => r.owner_agency === 'lao')!);

  it('computes the total from the steps when they share a unit, and holds a typed total to it', () => {
    expect(stepsTotal([{ duration_value: 0.1, duration_unit: 'day' }, { duration_value: 0.2, duration_unit: 'day' }])).toEqual({ value: 0.3, unit: 'day' });
    expect(stepsTotal([{ duration_value: 1, duration_unit: 'day' }, { duration_value: 2, duration_unit: 'hour' }])).toBeNull();
    const sum = stepsTotal(base.steps)!;
    expect(domainIssues({ ...base, total_time_value: sum.value + 1 }).map((i) => i.field)).toEqual(['total_time_value']);
    expect(domainIssues({ ...base, total_time_value: null, total_time_unit: null })).toEqual([]);
    const mixed = { ...base, steps: [base.steps[0]!, { ...base.steps[0]!, duration_unit: 'hour' as const }], total_time_value: null, total_time_unit: null };
    expect(domainIssues(mixed)[0]!.en).toContain('different units');
    expect(domainIssues({ ...mixed, total_time_value: 3, total_time_unit: 'day' })).toEqual([]);
  });

  it('keeps documents coherent for Zero Copy', () => {
    const document = base.documents[0]!;
    const issues = domainIssues({
      ...base,
      documents: [
        { ...document, originals: 0, copies: 0 },
        { ...document, identity: true, government_issued: false },
        { ...document, government_issued: true, issuing_agency_th: null },
      ],
    });
    expect(issues.map((i) => i.field)).toEqual(['documents.0.originals', 'documents.1.government_issued', 'documents.2.issuing_agency_th']);
  });

  it('reports schema problems in Thai and English, by field', () => {
    const issues = recordIssues({ ...base, id: 'Not A Slug', title_th: '', steps: [], offered_at: ['moon_base'], documents: [{ ...base.documents[0], copies: -1 }], fees: 'free' });
    const byField = new Map(issues.map((i) => [i.field, i]));
    expect(byField.get('id')!.th).toContain('อักษรอังกฤษตัวเล็ก');
    expect(byField.get('title_th')!.en).toBe('This field is required');
    expect(byField.get('steps')!.en).toBe('Must have at least 1 item(s)');
    expect(byField.get('documents.0.copies')!.en).toBe('Must be at least 0');
    expect(byField.get('fees')!.th).toBe('ต้องเป็นรายการ');
    expect(recordIssues({ ...base, steps: [{ ...base.steps[0], kind: 'dance' }] })[0]!.en).toContain('Must be one of: document_check');
    expect(recordIssues({ ...base, offered_at: ['moon_base'] })[0]!.field).toBe('offered_at.0');
    expect(recordIssues({ ...base, ministry_th: 'ก'.repeat(201) })[0]!.en).toBe('Must be at most 200 characters');
  });

  it('reports schema and domain problems together, so a form shows them all at once', () => {
    const document = { ...base.documents[0]!, identity: true, government_issued: false };
    const issues = recordIssues({ ...base, title_en: '', documents: [document], legal_basis: [] });
    expect(issues.map((i) => i.field).sort()).toEqual(['documents.0.government_issued', 'legal_basis', 'title_en']);
    expect(recordIssues({ ...base, steps: 'none', documents: [null], source: null }).map((i) => i.field)).toContain('steps');
  });
});

describe('the editor form', () => {
  const record = schemaFields(catalogue.find((r) => r.documents.length > 2)!);

  it('turns a record into fields and back', () => {
    const state = recordToForm(record, 'published');
    const reading = formToRecord(state, record.id, record.owner_agency);
    expect(reading.issues).toEqual([]);
    expect(reading.value).toEqual({ ...record, total_time_value: null, total_time_unit: null });
    expect(withComputedTotal(reading.value as ManualRecord)).toEqual(record);
  });

  it('adds and removes rows, renumbering what follows', () => {
    const state = recordToForm(record, 'draft');
    const count = rowCount(state, 'documents');
    const added = applyRowAction(state, 'add:documents')!;
    expect(rowCount(added, 'documents')).toBe(count + 1);
    // An added row left empty is not part of the manual.
    expect((formToRecord(added, record.id, '-').value.documents as unknown[]).length).toBe(count);
    const removed = applyRowAction(state, 'remove:documents:0')!;
    expect(rowCount(removed, 'documents')).toBe(count - 1);
    expect(removed['documents.0.name_th']).toBe(record.documents[1]!.name_th);
    expect(applyRowAction(state, 'add:secrets')).toBeNull();
  });

  it('maps problems back to the form fields when empty rows were skipped', () => {
    let state = recordToForm(record, 'draft');
    state = applyRowAction(state, 'add:steps')!;
    state = applyRowAction(state, 'add:steps')!;
    const last = rowCount(state, 'steps') - 1;
    state[`steps.${last}.title_th`] = 'ขั้นตอนที่ไม่มีระยะเวลา';
    const reading = formToRecord(state, record.id, '-');
    expect(reading.issues.map((i) => i.field)).toEqual([`steps.${last}.duration_value`]);
    expect(reading.formField(`steps.${record.steps.length}.title_th`)).toBe(`steps.${last}.title_th`);
    expect(reading.formField('source.basis')).toBe('source_basis');
  });

  it('makes an id from the English title', () => {
    expect(slugFromTitle('Building permit (s. 21) — new!')).toBe('building-permit-s-21-new');
    expect(slugFromTitle('ขออนุญาต')).toBe('');
  });
});
