/**
 * What a rating is made of. The schema bounds every field (so arrays, "5abc", 0 and 6 never get
 * past it); the checks after it give each problem a message in Thai and English and clean the
 * comment.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { FastifySchemaValidationError } from 'fastify/types/schema.js';
import type { FieldIssue } from '../../http/errors.js';
import { validationIssues } from '../../http/forms.js';
import { formatNumber } from '../../i18n/index.js';
import { DIMENSIONS, type Dimension } from './rollups.js';
import { ratingMessages, type RatingMessages } from './messages.js';

export const COMMENT_MAX = 1000;
export const ANSWERS = ['yes', 'no', 'unsure'] as const;
export type Answer = (typeof ANSWERS)[number];

const optionalScore = () => Type.Optional(Type.String({ pattern: '^[1-5]?$' }));
const optionalAnswer = () => Type.Optional(Type.String({ pattern: '^(yes|no|unsure)?$' }));

/** The rating form (`POST /p/{code}/rate` and `/p/{code}/kiosk`), urlencoded. */
export const RatingForm = Type.Object(
  {
    overall: Type.Optional(Type.String({ pattern: '^[1-5]$' })),
    ease: optionalScore(),
    timeliness: optionalScore(),
    courtesy: optionalScore(),
    fairness: optionalScore(),
    facilities: optionalScore(),
    outcome: optionalScore(),
    trust: optionalScore(),
    manual: Type.Optional(Type.String({ pattern: '^([0-9]{1,9})?$' })),
    followed_manual: optionalAnswer(),
    copy_demanded: optionalAnswer(),
    // Browsers send line breaks as two characters; the length that counts is checked after.
    comment: Type.Optional(Type.String({ maxLength: COMMENT_MAX * 2 })),
    /** how the visitor reached the form: a scanned poster, or a link on the site */
    channel: Type.Optional(Type.Union([Type.Literal('qr'), Type.Literal('web')])),
    altcha: Type.Optional(Type.String({ maxLength: 4000 })),
    _csrf: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type RatingForm = Static<typeof RatingForm>;

export interface CheckedRating {
  overall: number;
  scores: Partial<Record<Dimension, number>>;
  manualId: number | null;
  followedManual: Answer | null;
  copyDemanded: Answer | null;
  comment: string | null;
}

export function issueOf(field: string, key: keyof RatingMessages): FieldIssue {
  const th = ratingMessages.th[key];
  const en = ratingMessages.en[key];
  const max = (locale: 'th' | 'en') => formatNumber(COMMENT_MAX, locale);
  return {
    field,
    th: typeof th === 'function' ? (th as (n: string) => string)(max('th')) : th,
    en: typeof en === 'function' ? (en as (n: string) => string)(max('en')) : en,
  };
}

/** The comment as it is stored: one kind of line break, no control characters, trimmed. */
export function cleanComment(raw: string): string {
  return raw
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .trim();
}

const answerOf = (value: string | undefined): Answer | null => (ANSWERS as readonly string[]).includes(value ?? '') ? (value as Answer) : null;

/** Checks what the schema cannot: the overall score is there, the service is offered, the comment fits. */
export function checkRating(form: Answers, offeredManuals: ReadonlySet<number>): { issues: FieldIssue[]; rating: CheckedRating | null } {
  const issues: FieldIssue[] = [];
  if (!form.overall) issues.push(issueOf('overall', 'chooseOverall'));
  const manualId = form.manual ? Number(form.manual) : null;
  if (manualId !== null && !offeredManuals.has(manualId)) issues.push(issueOf('manual', 'serviceNotOffered'));
  const comment = cleanComment(form.comment ?? '');
  if (comment.length > COMMENT_MAX) issues.push(issueOf('comment', 'commentTooLong'));
  if (issues.length > 0) return { issues, rating: null };
  const scores: Partial<Record<Dimension, number>> = {};
  for (const dimension of DIMENSIONS) if (form[dimension]) scores[dimension] = Number(form[dimension]);
  return {
    issues,
    rating: {
      overall: Number(form.overall),
      scores,
      manualId,
      followedManual: answerOf(form.followed_manual),
      copyDemanded: answerOf(form.copy_demanded),
      comment: comment || null,
    },
  };
}

/** Schema problems of the form, each with the message of the field's own rule. */
export function formIssues(errors: FastifySchemaValidationError[]): FieldIssue[] {
  return validationIssues(errors).map((issue) => {
    if (issue.field === 'overall') return issueOf('overall', 'chooseOverall');
    if ((DIMENSIONS as readonly string[]).includes(issue.field)) return issueOf(issue.field, 'scoreInvalid');
    if (issue.field === 'followed_manual' || issue.field === 'copy_demanded') return issueOf(issue.field, 'answerInvalid');
    if (issue.field === 'manual') return issueOf('manual', 'serviceNotOffered');
    if (issue.field === 'comment') return issueOf('comment', 'commentTooLong');
    if (issue.field === 'altcha') return issueOf('altcha', 'proofFailed');
    if (issue.field === 'channel') return issueOf('form', 'formTampered');
    return issue;
  });
}

/** The form's text fields as sent (strings only: an array sent for a field is dropped). */
export type Answers = Partial<Record<keyof RatingForm, string>>;

/** The answers of a posted body, for checking and for showing the form again after a problem. */
export function answersOf(body: unknown): Answers {
  const shown: Answers = {};
  if (body && typeof body === 'object') {
    for (const key of Object.keys(RatingForm.properties) as (keyof RatingForm)[]) {
      const value = (body as Record<string, unknown>)[key];
      if (typeof value === 'string') shown[key] = value.slice(0, COMMENT_MAX * 2);
    }
  }
  return shown;
}
