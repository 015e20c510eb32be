/**
 * Forms: validation issues in Thai and English for each field, and the small components that show
 * a labelled field with its hint and error. A form that fails validation is shown again with what
 * the user typed and the messages, with status 400.
 */
import type { FastifySchemaValidationError } from 'fastify/types/schema.js';
import type { FieldIssue } from './errors.js';
import { defineMessages } from '../i18n/index.js';
import { useMessages, useView, type Children } from './view.js';

type Params = Record<string, unknown>;

function describe(keyword: string, params: Params): { th: string; en: string } {
  switch (keyword) {
    case 'required':
      return { th: 'กรุณากรอกช่องนี้', en: 'This field is required' };
    case 'minLength':
      return params.limit === 1
        ? { th: 'กรุณากรอกช่องนี้', en: 'This field is required' }
        : { th: `ต้องยาวอย่างน้อย ${params.limit} ตัวอักษร`, en: `Must be at least ${params.limit} characters` };
    case 'maxLength':
      return { th: `ยาวเกิน ${params.limit} ตัวอักษร`, en: `Must be at most ${params.limit} characters` };
    case 'format':
      return params.format === 'email'
        ? { th: 'รูปแบบอีเมลไม่ถูกต้อง', en: 'Not a valid e-mail address' }
        : { th: 'รูปแบบไม่ถูกต้อง', en: `Not a valid ${String(params.format)}` };
    case 'pattern':
      return { th: 'รูปแบบไม่ถูกต้อง', en: 'Not in the expected format' };
    case 'minimum':
    case 'exclusiveMinimum':
      return { th: `ต้องไม่น้อยกว่า ${params.limit}`, en: `Must be at least ${params.limit}` };
    case 'maximum':
    case 'exclusiveMaximum':
      return { th: `ต้องไม่เกิน ${params.limit}`, en: `Must be at most ${params.limit}` };
    case 'type':
      return { th: 'ชนิดข้อมูลไม่ถูกต้อง', en: `Must be ${String(params.type)}` };
    case 'enum':
    case 'const':
    case 'anyOf':
    case 'union':
      return { th: 'ค่าไม่อยู่ในตัวเลือกที่กำหนด', en: 'Not one of the allowed values' };
    case 'additionalProperties':
      return { th: `ไม่รู้จักช่อง “${String(params.additionalProperty)}”`, en: `Unknown field “${String(params.additionalProperty)}”` };
    case 'maxItems':
      return { th: `เลือกได้ไม่เกิน ${params.limit} รายการ`, en: `At most ${params.limit} items` };
    default:
      return { th: 'ค่าไม่ถูกต้อง', en: 'Not valid' };
  }
}

/** Fastify/Ajv validation errors → one issue per field, in both languages. */
export function validationIssues(errors: FastifySchemaValidationError[]): FieldIssue[] {
  const issues = new Map<string, FieldIssue>();
  for (const error of errors) {
    const params = (error.params ?? {}) as Params;
    const path = (error.instancePath || '').replace(/^\//, '').replaceAll('/', '.');
    const field = error.keyword === 'required' ? [path, String(params.missingProperty)].filter(Boolean).join('.') : path;
    if (!issues.has(field)) issues.set(field, { field, ...describe(error.keyword, params) });
  }
  return [...issues.values()];
}

/** The issue of one field, in the page's language. */
export function useIssue(issues: FieldIssue[], field: string): string | null {
  const { locale } = useView();
  const issue = issues.find((i) => i.field === field);
  return issue ? issue[locale] : null;
}

export interface FieldProps {
  name: string;
  label: string;
  hint?: string;
  issues: FieldIssue[];
  children: (describedBy: string | undefined, invalid: boolean) => Children;
}

/** A labelled field with its hint and error, wired up with aria-describedby and aria-invalid. */
export function Field({ name, label, hint, issues, children }: FieldProps) {
  const error = useIssue(issues, name);
  const id = `f-${name}`;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>{label}</label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      {children(describedBy, error !== null)}
    </div>
  );
}

const formMessages = defineMessages({ problems: 'กรุณาแก้ไขข้อมูลต่อไปนี้' }, { problems: 'Please correct the following' });

/**
 * The list of problems at the top of a form that failed, each a link to its field (`#f-{field}`,
 * or where `anchorOf` says for fields without an input of their own); `label` names the field.
 */
export function IssueSummary({ issues, label, anchorOf = (field) => `f-${field}` }: { issues: FieldIssue[]; label?: (field: string) => string; anchorOf?: (field: string) => string }) {
  const m = useMessages(formMessages);
  const { locale } = useView();
  if (issues.length === 0) return null;
  return (
    <div class="notice error" role="alert" tabIndex={-1} id="problems">
      <h2>{m.problems}</h2>
      <ul>
        {issues.map((issue) => (
          <li key={issue.field + issue.en}>
            <a href={`#${anchorOf(issue.field)}`}>{label ? `${label(issue.field)}: ${issue[locale]}` : issue[locale]}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The hidden CSRF field every POST form carries. */
export function CsrfField() {
  const { csrfToken } = useView();
  return csrfToken ? <input type="hidden" name="_csrf" value={csrfToken} /> : null;
}
