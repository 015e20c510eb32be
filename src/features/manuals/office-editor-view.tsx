/** The manual editor form: every field of a Citizen's Manual, with repeatable groups that work without JavaScript. */
import type { FieldIssue } from '../../http/errors.js';
import { CsrfField, IssueSummary, useIssue } from '../../http/forms.js';
import { useHref, useMessages, useView, type Children } from '../../http/view.js';
import { OfficeLayout } from '../../http/views/office-layout.js';
import { formatNumber } from '../../i18n/index.js';
import { KIND_NAMES, SEARCHABLE_KINDS } from '../organisations/kinds.js';
import { DURATION_UNITS, STEP_KINDS } from './catalogue.js';
import { formatDuration } from './durations.js';
import { fieldValue, fieldValues, formToRecord, MAX_ROWS, rowCount, type FormState, type Section } from './office-form.js';
import { officeManualMessages, STEP_KIND_NAMES } from './office-messages.js';
import { Notice } from './office-parts.js';
import { stepsTotal, UNIT_NAMES } from './record-rules.js';

type M = (typeof officeManualMessages)['th'];

interface EditorProps {
  mode: 'new' | 'edit';
  /** the manual's id when editing */
  slug: string | null;
  state: FormState;
  issues: FieldIssue[];
  owner: string;
  notice: string | null;
  error: string | null;
  /** updated_at of the manual when the form was opened (edit only), to refuse overwriting newer changes */
  version: string | null;
}

/** Labels of fields, for the error summary: `steps.1.title_th` → "ขั้นตอนที่ 2 › รายละเอียดขั้นตอน (ภาษาไทย) *". */
function labels(m: M): { field: Record<string, string>; row: Record<Section, (n: string) => string> } {
  return {
    field: {
      id: m.slug,
      title_th: m.titleTh,
      title_en: m.titleEn,
      synonyms_th: m.synonymsTh,
      synonyms_en: m.synonymsEn,
      owner_agency_th: m.ownerTh,
      owner_agency_en: m.ownerEn,
      ministry_th: m.ministryTh,
      ministry_en: m.ministryEn,
      service_category_th: m.categoryTh,
      service_category_en: m.categoryEn,
      offered_at: m.offeredAt,
      legal_basis: m.sectionLaw,
      statutory_time_limit_th: m.statutoryTh,
      statutory_time_limit_en: m.statutoryEn,
      criteria_th: m.criteriaTh,
      criteria_en: m.criteriaEn,
      hours_th: m.hoursTh,
      hours_en: m.hoursEn,
      steps: m.sectionSteps,
      total_time_value: m.totalValue,
      total_time_unit: m.totalUnit,
      fees: m.sectionFees,
      documents: m.sectionDocuments,
      complaint_channels: m.sectionComplaints,
      source_url: m.sourceUrl,
      source_basis: m.sourceBasis,
      'legal_basis.th': m.lawTh,
      'legal_basis.en': m.lawEn,
      'steps.kind': m.stepKind,
      'steps.title_th': m.stepTitleTh,
      'steps.title_en': m.stepTitleEn,
      'steps.duration_value': m.duration,
      'steps.duration_unit': m.durationUnit,
      'steps.responsible_th': m.responsibleTh,
      'steps.responsible_en': m.responsibleEn,
      'fees.description_th': m.feeTh,
      'fees.description_en': m.feeEn,
      'fees.amount_baht': m.feeAmount,
      'fees.note_th': m.feeNoteTh,
      'fees.note_en': m.feeNoteEn,
      'documents.name_th': m.docNameTh,
      'documents.name_en': m.docNameEn,
      'documents.issuing_agency_th': m.docAgencyTh,
      'documents.issuing_agency_en': m.docAgencyEn,
      'documents.government_issued': m.docGovernment,
      'documents.identity': m.docIdentity,
      'documents.originals': m.docOriginals,
      'documents.copies': m.docCopies,
      'documents.unit_th': m.docUnit,
      'documents.condition_th': m.docConditionTh,
      'documents.condition_en': m.docConditionEn,
      'complaint_channels.name_th': m.complaintNameTh,
      'complaint_channels.name_en': m.complaintNameEn,
      'complaint_channels.contact': m.complaintContact,
    },
    row: { legal_basis: m.lawRow, steps: m.stepRow, fees: m.feeRow, documents: m.documentRow, complaint_channels: m.complaintRow },
  };
}

export function editorFieldLabel(m: M, field: string): string {
  const { field: names, row } = labels(m);
  const [head, index, name] = field.split('.');
  if (index !== undefined && name !== undefined && head && head in row) {
    return `${row[head as Section](String(Number(index) + 1))} › ${names[`${head}.${name}`] ?? name}`;
  }
  return names[field] ?? field;
}

function Text(props: { name: string; label: string; hint?: string; state: FormState; issues: FieldIssue[]; multiline?: boolean; rows?: number; maxLength: number; inputMode?: 'decimal' | 'numeric' | 'url'; lang?: 'th' | 'en' }) {
  const error = useIssue(props.issues, props.name);
  const id = `f-${props.name}`;
  const describedBy = [props.hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  const value = fieldValue(props.state, props.name);
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>{props.label}</label>
      {props.hint && (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      {props.multiline ? (
        <textarea id={id} name={props.name} maxLength={props.maxLength} rows={props.rows ?? 3} aria-describedby={describedBy} aria-invalid={error !== null} lang={props.lang}>
          {value}
        </textarea>
      ) : (
        <input
          id={id}
          name={props.name}
          type="text"
          value={value}
          maxLength={props.maxLength}
          inputMode={props.inputMode}
          aria-describedby={describedBy}
          aria-invalid={error !== null}
          lang={props.lang}
        />
      )}
    </div>
  );
}

function Select(props: { name: string; label: string; state: FormState; issues: FieldIssue[]; options: { value: string; label: string }[] }) {
  const error = useIssue(props.issues, props.name);
  const id = `f-${props.name}`;
  const value = fieldValue(props.state, props.name);
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>{props.label}</label>
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      <select id={id} name={props.name} aria-describedby={error ? `${id}-error` : undefined} aria-invalid={error !== null}>
        {props.options.map((option) => (
          <option key={option.value} value={option.value} selected={option.value === value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function Check(props: { name: string; label: string; state: FormState; issues: FieldIssue[] }) {
  const error = useIssue(props.issues, props.name);
  const id = `f-${props.name}`;
  return (
    <div class={error ? 'field has-error' : 'field'}>
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      <label class="choice" for={id}>
        <input type="checkbox" id={id} name={props.name} checked={fieldValue(props.state, props.name) !== ''} aria-describedby={error ? `${id}-error` : undefined} />
        <span>{props.label}</span>
      </label>
    </div>
  );
}

/** A repeatable group: one fieldset per row with its remove button, then the add button. */
function Rows(props: { section: Section; title: string; rowTitle: (n: string) => string; add: string; empty?: string; state: FormState; issues: FieldIssue[]; children: (row: number) => Children }) {
  const m = useMessages(officeManualMessages);
  const { locale } = useView();
  const count = rowCount(props.state, props.section);
  const error = useIssue(props.issues, props.section);
  return (
    <fieldset id={`f-${props.section}`} class="row-group" tabIndex={-1}>
      <legend>{props.title}</legend>
      {error && <p class="field-error">{error}</p>}
      <input type="hidden" name={`rows_${props.section}`} value={String(count)} />
      {count === 0 && props.empty && <p class="meta">{props.empty}</p>}
      {Array.from({ length: count }, (_, row) => (
        <fieldset key={row} class="row">
          <legend>{props.rowTitle(formatNumber(row + 1, locale))}</legend>
          {props.children(row)}
          <button type="submit" name="action" value={`remove:${props.section}:${row}`} class="secondary small">
            {m.removeRow(props.rowTitle(formatNumber(row + 1, locale)))}
          </button>
        </fieldset>
      ))}
      {count < MAX_ROWS[props.section] && (
        <button type="submit" name="action" value={`add:${props.section}`} class="secondary">
          + {props.add}
        </button>
      )}
    </fieldset>
  );
}

function TotalTime({ state, issues }: { state: FormState; issues: FieldIssue[] }) {
  const m = useMessages(officeManualMessages);
  const { locale } = useView();
  const steps = (formToRecord(state, '', '').value.steps as { duration_value: unknown; duration_unit: unknown }[]).filter(
    (step): step is { duration_value: number; duration_unit: (typeof DURATION_UNITS)[number] } =>
      typeof step.duration_value === 'number' && !Number.isNaN(step.duration_value) && (DURATION_UNITS as readonly unknown[]).includes(step.duration_unit),
  );
  const total = stepsTotal(steps);
  const units = DURATION_UNITS.map((unit) => ({ value: unit, label: UNIT_NAMES[unit][locale] }));
  // One unit (or no steps yet): the total is the steps' sum, computed on save.
  if (total || steps.length === 0) {
    return (
      <p class="computed" id="f-total_time_value">
        {m.totalComputed(total ? formatDuration(total.value, total.unit, locale) : '—')}
      </p>
    );
  }
  return (
    <div class="grid-pair">
      <Text name="total_time_value" label={m.totalValue} hint={m.totalHint} state={state} issues={issues} maxLength={12} inputMode="decimal" />
      <Select name="total_time_unit" label={m.totalUnit} state={state} issues={issues} options={[{ value: '', label: '—' }, ...units]} />
    </div>
  );
}

export function ManualEditorPage(props: EditorProps) {
  const m = useMessages(officeManualMessages);
  const href = useHref();
  const { locale } = useView();
  const { state, issues } = props;
  const title = props.mode === 'new' ? m.newTitle : m.editTitle(fieldValue(state, 'title_th') || (props.slug ?? ''));
  const action = props.mode === 'new' ? href('/office/manuals/new') : href(`/office/manuals/${props.slug}/edit`);
  const units = DURATION_UNITS.map((unit) => ({ value: unit, label: UNIT_NAMES[unit][locale] }));
  const kinds = STEP_KINDS.map((kind) => ({ value: kind, label: STEP_KIND_NAMES[kind]?.[locale] ?? kind }));
  const offered = new Set(fieldValues(state, 'offered_at'));
  const common = { state, issues };
  return (
    <OfficeLayout title={title}>
      <nav aria-label="breadcrumb">
        <ol class="crumbs">
          <li>
            <a href={href('/office')}>{m.officeHome}</a>
          </li>
          <li>
            <a href={href('/office/manuals')}>{m.catalogueTitle}</a>
          </li>
        </ol>
      </nav>
      <h1>{title}</h1>
      <p class="meta">{m.ownerNotice(props.owner)}</p>
      <p>{m.editorIntro}</p>
      <Notice text={props.notice} />
      <Notice text={props.error} kind="error" />
      <IssueSummary issues={issues} label={(field) => editorFieldLabel(m, field)} />
      <form method="post" action={action} class="manual-form" novalidate>
        {/* Enter in a text field submits the first button of the form: make that "save", not "add a row". */}
        <button type="submit" name="action" value="save" class="visually-hidden" tabIndex={-1} aria-hidden="true">
          {m.save}
        </button>
        <CsrfField />
        {props.version && <input type="hidden" name="version" value={props.version} />}

        <fieldset>
          <legend>{m.sectionGeneral}</legend>
          {props.mode === 'new' ? (
            <Text name="id" label={m.slug} hint={m.slugHint} maxLength={100} lang="en" {...common} />
          ) : (
            <p>
              <strong>{m.slugFixed(props.slug ?? '')}</strong>
            </p>
          )}
          <div class="grid-pair">
            <Text name="title_th" label={m.titleTh} maxLength={300} lang="th" {...common} />
            <Text name="title_en" label={m.titleEn} maxLength={300} lang="en" {...common} />
            <Text name="synonyms_th" label={m.synonymsTh} hint={m.synonymsHint} multiline rows={5} maxLength={3100} lang="th" {...common} />
            <Text name="synonyms_en" label={m.synonymsEn} hint={m.synonymsHint} multiline rows={5} maxLength={3100} lang="en" {...common} />
            <Text name="owner_agency_th" label={m.ownerTh} maxLength={200} lang="th" {...common} />
            <Text name="owner_agency_en" label={m.ownerEn} maxLength={200} lang="en" {...common} />
            <Text name="ministry_th" label={m.ministryTh} maxLength={200} lang="th" {...common} />
            <Text name="ministry_en" label={m.ministryEn} maxLength={200} lang="en" {...common} />
            <Text name="service_category_th" label={m.categoryTh} maxLength={100} lang="th" {...common} />
            <Text name="service_category_en" label={m.categoryEn} maxLength={100} lang="en" {...common} />
          </div>
          <fieldset id="f-offered_at" tabIndex={-1}>
            <legend>{m.offeredAt}</legend>
            <p class="hint">{m.offeredAtHint}</p>
            <ul class="check-grid">
              {SEARCHABLE_KINDS.map((kind) => (
                <li key={kind}>
                  <label class="choice">
                    <input type="checkbox" name="offered_at" value={kind} checked={offered.has(kind)} />
                    <span>{KIND_NAMES[kind]?.[locale] ?? kind}</span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        </fieldset>

        <Rows section="legal_basis" title={m.sectionLaw} rowTitle={m.lawRow} add={m.addLaw} {...common}>
          {(row) => (
            <div class="grid-pair">
              <Text name={`legal_basis.${row}.th`} label={m.lawTh} maxLength={500} lang="th" {...common} />
              <Text name={`legal_basis.${row}.en`} label={m.lawEn} maxLength={500} lang="en" {...common} />
            </div>
          )}
        </Rows>

        <fieldset>
          <legend>{m.sectionConditions}</legend>
          <div class="grid-pair">
            <Text name="statutory_time_limit_th" label={m.statutoryTh} multiline maxLength={1000} lang="th" {...common} />
            <Text name="statutory_time_limit_en" label={m.statutoryEn} multiline maxLength={1000} lang="en" {...common} />
            <Text name="criteria_th" label={m.criteriaTh} multiline rows={8} maxLength={10000} lang="th" {...common} />
            <Text name="criteria_en" label={m.criteriaEn} multiline rows={8} maxLength={10000} lang="en" {...common} />
            <Text name="hours_th" label={m.hoursTh} multiline maxLength={500} lang="th" {...common} />
            <Text name="hours_en" label={m.hoursEn} multiline maxLength={500} lang="en" {...common} />
          </div>
        </fieldset>

        <Rows section="steps" title={m.sectionSteps} rowTitle={m.stepRow} add={m.addStep} {...common}>
          {(row) => (
            <>
              <Select name={`steps.${row}.kind`} label={m.stepKind} options={kinds} {...common} />
              <div class="grid-pair">
                <Text name={`steps.${row}.title_th`} label={m.stepTitleTh} multiline rows={2} maxLength={1000} lang="th" {...common} />
                <Text name={`steps.${row}.title_en`} label={m.stepTitleEn} multiline rows={2} maxLength={1000} lang="en" {...common} />
                <Text name={`steps.${row}.duration_value`} label={m.duration} maxLength={12} inputMode="decimal" {...common} />
                <Select name={`steps.${row}.duration_unit`} label={m.durationUnit} options={units} {...common} />
                <Text name={`steps.${row}.responsible_th`} label={m.responsibleTh} maxLength={300} lang="th" {...common} />
                <Text name={`steps.${row}.responsible_en`} label={m.responsibleEn} maxLength={300} lang="en" {...common} />
              </div>
            </>
          )}
        </Rows>
        <TotalTime {...common} />

        <Rows section="fees" title={m.sectionFees} rowTitle={m.feeRow} add={m.addFee} empty={m.feesNone} {...common}>
          {(row) => (
            <div class="grid-pair">
              <Text name={`fees.${row}.description_th`} label={m.feeTh} maxLength={500} lang="th" {...common} />
              <Text name={`fees.${row}.description_en`} label={m.feeEn} maxLength={500} lang="en" {...common} />
              <Text name={`fees.${row}.amount_baht`} label={m.feeAmount} hint={m.feeAmountHint} maxLength={14} inputMode="decimal" {...common} />
              <span />
              <Text name={`fees.${row}.note_th`} label={m.feeNoteTh} maxLength={500} lang="th" {...common} />
              <Text name={`fees.${row}.note_en`} label={m.feeNoteEn} maxLength={500} lang="en" {...common} />
            </div>
          )}
        </Rows>

        <Rows section="documents" title={m.sectionDocuments} rowTitle={m.documentRow} add={m.addDocument} {...common}>
          {(row) => (
            <>
              <div class="grid-pair">
                <Text name={`documents.${row}.name_th`} label={m.docNameTh} maxLength={500} lang="th" {...common} />
                <Text name={`documents.${row}.name_en`} label={m.docNameEn} maxLength={500} lang="en" {...common} />
                <Text name={`documents.${row}.issuing_agency_th`} label={m.docAgencyTh} maxLength={300} lang="th" {...common} />
                <Text name={`documents.${row}.issuing_agency_en`} label={m.docAgencyEn} maxLength={300} lang="en" {...common} />
              </div>
              <Check name={`documents.${row}.government_issued`} label={m.docGovernment} {...common} />
              <Check name={`documents.${row}.identity`} label={m.docIdentity} {...common} />
              <div class="grid-triple">
                <Text name={`documents.${row}.originals`} label={m.docOriginals} maxLength={3} inputMode="numeric" {...common} />
                <Text name={`documents.${row}.copies`} label={m.docCopies} maxLength={3} inputMode="numeric" {...common} />
                <Text name={`documents.${row}.unit_th`} label={m.docUnit} maxLength={50} lang="th" {...common} />
              </div>
              <div class="grid-pair">
                <Text name={`documents.${row}.condition_th`} label={m.docConditionTh} maxLength={1000} lang="th" {...common} />
                <Text name={`documents.${row}.condition_en`} label={m.docConditionEn} maxLength={1000} lang="en" {...common} />
              </div>
            </>
          )}
        </Rows>

        <Rows section="complaint_channels" title={m.sectionComplaints} rowTitle={m.complaintRow} add={m.addComplaint} {...common}>
          {(row) => (
            <div class="grid-pair">
              <Text name={`complaint_channels.${row}.name_th`} label={m.complaintNameTh} maxLength={300} lang="th" {...common} />
              <Text name={`complaint_channels.${row}.name_en`} label={m.complaintNameEn} maxLength={300} lang="en" {...common} />
              <Text name={`complaint_channels.${row}.contact`} label={m.complaintContact} maxLength={500} {...common} />
            </div>
          )}
        </Rows>

        <fieldset>
          <legend>{m.sectionSource}</legend>
          <Text name="source_url" label={m.sourceUrl} inputMode="url" maxLength={1000} lang="en" {...common} />
          <Text name="source_basis" label={m.sourceBasis} hint={m.sourceBasisHint} multiline maxLength={1000} {...common} />
        </fieldset>

        <fieldset>
          <legend>{m.sectionStatus}</legend>
          <ul class="choice-list">
            <li>
              <label class="choice">
                <input type="radio" name="status" value="draft" checked={fieldValue(state, 'status') !== 'published'} />
                <span>{m.statusDraft}</span>
              </label>
            </li>
            <li>
              <label class="choice">
                <input type="radio" name="status" value="published" checked={fieldValue(state, 'status') === 'published'} />
                <span>{m.statusPublished}</span>
              </label>
            </li>
          </ul>
        </fieldset>

        <div class="actions">
          <button type="submit" name="action" value="save">
            {m.save}
          </button>
          <a class="button secondary" href={href('/office/manuals')}>
            {m.cancel}
          </a>
        </div>
      </form>
    </OfficeLayout>
  );
}
