/**
 * Citizen feedback in the back office (`/office/feedback`): the inbox of commented ratings, one
 * rating with its public reply, and the supervisors' queues — comments held by the automatic
 * checks, and ratings held out of the score as a burst. Access rules live in office-queries.ts;
 * the writes, their locks and audit rows in office-actions.ts.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { AppError, type FieldIssue } from '../../http/errors.js';
import { validationIssues } from '../../http/forms.js';
import { actorOf } from '../../http/scopes/office.js';
import { sendPage } from '../../http/view.js';
import { localePrefix, type Locale } from '../../i18n/index.js';
import { checkText, COMMENT_MAX, moderateComment, REPLY_MAX, reviewRatings, REVIEW_MAX, saveReply, type TextProblem } from './office-actions.js';
import { officeFeedbackMessages } from './office-messages.js';
import { COMMENT_STATUSES, heldComments, inbox, isModerator, pendingRatings, ratingForOffice, REPLY_FILTERS, type FeedbackItem } from './office-queries.js';
import { DetailPage, HeldPage, InboxPage, PendingPage } from './office-views.js';

const Empty = Type.Literal('');
const Csrf = Type.Optional(Type.String({ maxLength: 200 }));
const Page = Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 }));
// Ids as digits only (no signs, exponents or spaces that number coercion would accept), below 2^53.
const RatingId = Type.String({ pattern: '^[1-9][0-9]{0,14}$' });
const IdParams = Type.Object({ id: RatingId });

const InboxQuery = Type.Object(
  {
    point: Type.Optional(Type.String({ pattern: '^([2-9A-HJ-KM-NP-Za-hj-km-np-z]{6})?$' })),
    status: Type.Optional(Type.Union([Empty, ...COMMENT_STATUSES.map((s) => Type.Literal(s))])),
    reply: Type.Optional(Type.Union([Empty, ...REPLY_FILTERS.map((r) => Type.Literal(r))])),
    score: Type.Optional(Type.Union([Empty, ...['1', '2', '3', '4', '5'].map((n) => Type.Literal(n))])),
    page: Page,
  },
  { additionalProperties: false },
);

const DONE = ['replied', 'published', 'rejected', 'released', 'dismissed'] as const;
type Done = (typeof DONE)[number];
const Outcome = Type.Optional(Type.Union(DONE.map((d) => Type.Literal(d))));
const DetailQuery = Type.Object({ done: Outcome }, { additionalProperties: false });
const QueueQuery = Type.Object({ page: Page, done: Outcome, n: Type.Optional(Type.Integer({ minimum: 1, maximum: REVIEW_MAX })) }, { additionalProperties: false });

// Browsers send each line break as two characters; the length that counts is checked after.
const ReplyBody = Type.Object({ reply: Type.Optional(Type.String({ maxLength: REPLY_MAX * 2 })), _csrf: Csrf }, { additionalProperties: false });
const From = Type.Optional(Type.Union([Type.Literal('queue'), Type.Literal('detail')]));
const ModerationBody = Type.Object(
  { decision: Type.Union([Type.Literal('publish'), Type.Literal('reject')]), comment: Type.Optional(Type.String({ maxLength: COMMENT_MAX * 2 })), from: From, _csrf: Csrf },
  { additionalProperties: false },
);
const ReviewBody = Type.Object(
  {
    ids: Type.Optional(Type.Array(RatingId, { maxItems: REVIEW_MAX })),
    decision: Type.Union([Type.Literal('release'), Type.Literal('reject')]),
    from: From,
    _csrf: Csrf,
  },
  { additionalProperties: false },
);

const m = officeFeedbackMessages;

function textIssue(field: string, problem: TextProblem, kind: 'reply' | 'comment'): FieldIssue {
  const text = (locale: Locale) => {
    const messages = m.for(locale);
    if (problem === 'empty') return kind === 'reply' ? messages.replyEmpty : messages.commentEmpty;
    if (problem === 'tooLong') return kind === 'reply' ? messages.replyTooLong(REPLY_MAX) : messages.commentTooLong(COMMENT_MAX);
    return problem === 'html' ? messages.noHtml : messages.unreadable;
  };
  return { field, th: text('th'), en: text('en') };
}

/** Schema problems of a text field read as the field's own length rule; others as they are. */
const formIssues = (request: FastifyRequest, field: string, bodyField: string, kind: 'reply' | 'comment'): FieldIssue[] =>
  validationIssues(request.validationError?.validation ?? []).map((issue) => (issue.field === bodyField ? textIssue(field, 'tooLong', kind) : issue));

function doneText(locale: Locale, done: Done | undefined, count = 1): string | null {
  if (!done) return null;
  const messages = m.for(locale);
  if (done === 'released') return messages.done_released(count);
  if (done === 'dismissed') return messages.done_dismissed(count);
  return messages[`done_${done}`];
}

const idsOf = (value: string[] | undefined): number[] => [...new Set((value ?? []).map(Number))];

/** Form fields by the WHATWG rules: malformed UTF-8 becomes U+FFFD; a repeated name, a list. */
function formFields(body: string): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = Object.create(null);
  for (const [name, value] of new URLSearchParams(body)) {
    const seen = fields[name];
    fields[name] = seen === undefined ? value : [seen, value].flat();
  }
  return fields;
}

export const feedbackOfficePages: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db;
  // The app's parser leaves a value with malformed UTF-8 undecoded ("%FF"), which would be stored
  // as typed text; here it reaches the text checks as U+FFFD and is refused as unreadable.
  app.removeContentTypeParser('application/x-www-form-urlencoded');
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => done(null, formFields(body as string)));

  /** The rating id of the path; a malformed one is refused before the body is looked at. */
  function ratingIdOf(request: FastifyRequest, id: string): number {
    const error = request.validationError;
    if (error?.validationContext === 'params') throw new AppError('invalid_input', validationIssues(error.validation));
    return Number(id);
  }

  /** A page answering a form post: it carries forms again, so it needs a CSRF token of its own. */
  function answer(request: FastifyRequest, reply: FastifyReply, page: VNode, status: number) {
    request.viewExtras = { ...request.viewExtras, csrfToken: reply.generateCsrf() };
    return sendPage(request, reply, page, status);
  }

  function requireModerator(request: FastifyRequest) {
    const actor = actorOf(request);
    if (!isModerator(actor)) throw new AppError('forbidden');
    return actor;
  }

  const detail = (request: FastifyRequest, reply: FastifyReply, item: FeedbackItem, options: { notice?: string | null; issues?: FieldIssue[]; replyDraft?: string; commentDraft?: string | null }, status = 200) =>
    answer(
      request,
      reply,
      <DetailPage item={item} notice={options.notice ?? null} issues={options.issues ?? []} replyDraft={options.replyDraft ?? ''} commentDraft={options.commentDraft ?? null} />,
      status,
    );

  const backTo = (request: FastifyRequest, reply: FastifyReply, path: string) => reply.redirect(`${localePrefix(request.locale)}${path}`, 303);

  app.get('/office/feedback', { schema: { querystring: InboxQuery } }, async (request, reply) => {
    const actor = actorOf(request);
    const { point = '', status = '', reply: replied = '', score = '', page = 1 } = request.query;
    const listing = await inbox(db, actor, {
      pointCode: point ? point.toUpperCase() : undefined,
      status: status || undefined,
      reply: replied || undefined,
      score: score ? Number(score) : undefined,
      page,
    });
    if (page > 1 && listing.items.length === 0) throw new AppError('not_found');
    return sendPage(request, reply, <InboxPage query={{ point, status, reply: replied, score, page }} listing={listing} moderator={isModerator(actor)} />);
  });

  app.get('/office/feedback/held', { schema: { querystring: QueueQuery } }, async (request, reply) => {
    const actor = requireModerator(request);
    const { page = 1, done } = request.query;
    const listing = await heldComments(db, actor, page);
    if (page > 1 && listing.items.length === 0) throw new AppError('not_found');
    return sendPage(request, reply, <HeldPage listing={listing} page={page} notice={doneText(request.locale, done)} failed={null} />);
  });

  app.get('/office/feedback/pending', { schema: { querystring: QueueQuery } }, async (request, reply) => {
    const actor = requireModerator(request);
    const { page = 1, done, n } = request.query;
    const listing = await pendingRatings(db, actor, page);
    if (page > 1 && listing.items.length === 0) throw new AppError('not_found');
    return sendPage(request, reply, <PendingPage listing={listing} page={page} notice={doneText(request.locale, done, n)} issues={[]} />);
  });

  app.get('/office/feedback/:id', { schema: { params: IdParams, querystring: DetailQuery } }, async (request, reply) => {
    const item = await ratingForOffice(db, actorOf(request), Number(request.params.id));
    return sendPage(request, reply, <DetailPage item={item} notice={doneText(request.locale, request.query.done)} issues={[]} replyDraft="" commentDraft={null} />);
  });

  app.post('/office/feedback/:id/reply', { schema: { params: IdParams, body: ReplyBody }, attachValidation: true }, async (request, reply) => {
    const actor = actorOf(request);
    const item = await ratingForOffice(db, actor, ratingIdOf(request, request.params.id));
    const draft = typeof request.body?.reply === 'string' ? request.body.reply : '';
    if (request.validationError) return detail(request, reply, item, { issues: formIssues(request, 'reply', 'reply', 'reply'), replyDraft: draft.slice(0, REPLY_MAX * 2) }, 400);
    const checked = checkText(request.body.reply, REPLY_MAX, { html: false });
    if ('problem' in checked) return detail(request, reply, item, { issues: [textIssue('reply', checked.problem, 'reply')], replyDraft: draft }, 400);
    const outcome = await saveReply(db, actor, item.id, checked.text);
    if (outcome !== 'saved') {
      const fresh = await ratingForOffice(db, actor, item.id);
      const messages = m.for(request.locale);
      return detail(request, reply, fresh, { notice: outcome === 'already_replied' ? messages.alreadyReplied : messages.notPublished }, 409);
    }
    return backTo(request, reply, `/office/feedback/${item.id}?done=replied`);
  });

  app.post('/office/feedback/:id/moderation', { schema: { params: IdParams, body: ModerationBody }, attachValidation: true }, async (request, reply) => {
    const actor = requireModerator(request);
    const item = await ratingForOffice(db, actor, ratingIdOf(request, request.params.id));
    if (!item.canModerate) throw new AppError('forbidden');
    const body = (request.body ?? {}) as Partial<typeof request.body>;
    const field = `comment-${item.id}`;
    const draft = typeof body.comment === 'string' ? body.comment.slice(0, COMMENT_MAX * 2) : null;
    const fromQueue = body.from === 'queue';

    const refuse = async (issues: FieldIssue[], notice: string | null, status: number) => {
      if (!fromQueue) return detail(request, reply, await ratingForOffice(db, actor, item.id), { issues, notice, commentDraft: draft }, status);
      const listing = await heldComments(db, actor, 1);
      return answer(request, reply, <HeldPage listing={listing} page={1} notice={notice} failed={issues.length ? { id: item.id, issues, draft: draft ?? '' } : null} />, status);
    };

    if (request.validationError) return refuse(formIssues(request, field, 'comment', 'comment'), null, 400);
    let redacted: string | null = null;
    if (body.decision === 'publish' && body.comment !== undefined) {
      const checked = checkText(body.comment, COMMENT_MAX, { html: true });
      if ('problem' in checked) return refuse([textIssue(field, checked.problem, 'comment')], null, 400);
      redacted = checked.text;
    }
    const decision = body.decision === 'publish' ? 'publish' : 'reject';
    const outcome = await moderateComment(db, actor, item.id, decision, redacted);
    if (outcome === 'already_moderated') return refuse([], m.for(request.locale).alreadyModerated, 409);
    const done = decision === 'publish' ? 'published' : 'rejected';
    return backTo(request, reply, fromQueue ? `/office/feedback/held?done=${done}` : `/office/feedback/${item.id}?done=${done}`);
  });

  app.post('/office/feedback/review', { schema: { body: ReviewBody }, attachValidation: true }, async (request, reply) => {
    const actor = requireModerator(request);
    const refuse = async (issues: FieldIssue[], notice: string | null, status: number) =>
      answer(request, reply, <PendingPage listing={await pendingRatings(db, actor, 1)} page={1} notice={notice} issues={issues} />, status);
    if (request.validationError) return refuse(validationIssues(request.validationError.validation), null, 400);
    const ids = idsOf(request.body.ids);
    if (ids.length === 0) return refuse([{ field: 'ids', th: m.th.chooseSome, en: m.en.chooseSome }], null, 400);
    const { decision, from } = request.body;
    const outcome = await reviewRatings(db, actor, ids, decision);
    if (outcome === 'already_reviewed') return refuse([], m.for(request.locale).alreadyReviewed, 409);
    const done = decision === 'release' ? 'released' : 'dismissed';
    if (from === 'detail' && ids.length === 1) return backTo(request, reply, `/office/feedback/${ids[0]}?done=${done}`);
    return backTo(request, reply, `/office/feedback/pending?done=${done}&n=${ids.length}`);
  });
};
