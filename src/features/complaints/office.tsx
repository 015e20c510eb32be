/**
 * The complaints inbox of the back office (`/office/complaints`). Officers see and handle the
 * complaints of their organisation's subtree; supervisors read those in their area or line and
 * never act on them; admins do everything.
 *
 * Contact details are opened only for those who may manage the complaint — the officers who
 * handle it (and admins). A supervisor monitors how complaints are handled (status, time in each
 * state, answers), which needs no contact details; the complainant agreed to be contacted about
 * the outcome by whoever handles it, not to be known to every level above. A supervisor who also
 * holds an officer grant for the organisation sees them through that grant. Every opening is
 * audited, and happens by an explicit button, never by loading the page.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { hasRole, type Actor } from '../../auth/access.js';
import { audit } from '../../auth/audit.js';
import { AppError, type FieldIssue } from '../../http/errors.js';
import { validationIssues } from '../../http/forms.js';
import { actorOf } from '../../http/scopes/office.js';
import { sendPage } from '../../http/view.js';
import { localePrefix } from '../../i18n/index.js';
import { CATEGORY_CODES } from './categories.js';
import { openContact, type Contact } from './contact.js';
import { officeComplaintMessages } from './office-messages.js';
import { AGE_CHOICES, complaintForOffice, complaintPhoto, inbox, INBOX_PAGE_SIZE, type OfficeView } from './office-queries.js';
import { DetailPage, InboxPage, type ActionForm } from './office-views.js';
import { nextStatuses, STATUSES, type Status } from './status.js';
import { TRACKING_PATTERN } from './tracking.js';
import { lockComplaint, recordChange } from './workflow.js';

const StatusLiteral = Type.Union(STATUSES.map((status) => Type.Literal(status)));
const Empty = Type.Literal('');

const InboxQuery = Type.Object(
  {
    status: Type.Optional(Type.Union([Empty, Type.Literal('open'), StatusLiteral])),
    category: Type.Optional(Type.Union([Empty, ...CATEGORY_CODES.map((code) => Type.Literal(code))])),
    point: Type.Optional(Type.String({ pattern: '^([2-9A-HJ-KM-NP-Za-hj-km-np-z]{6})?$' })),
    age: Type.Optional(Type.Union([Empty, ...AGE_CHOICES.map((days) => Type.Literal(String(days)))])),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  },
  { additionalProperties: false },
);

const NumberParams = Type.Object({ number: Type.String({ pattern: TRACKING_PATTERN }) });

/** One schema for the officer's action: a new status (or the same), an answer, a note. */
export const ActionBody = Type.Object(
  {
    from: StatusLiteral,
    to: StatusLiteral,
    public_note: Type.Optional(Type.String({ maxLength: 3000 })),
    internal_note: Type.Optional(Type.String({ maxLength: 3000 })),
    _csrf: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

const issue = (field: string, key: 'reasonRequired' | 'nothingToSave' | 'notAllowedStep'): FieldIssue => ({
  field,
  th: officeComplaintMessages.th[key],
  en: officeComplaintMessages.en[key],
});

const trimmed = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value.replace(/\r\n?/g, '\n').trim() : null);

export const complaintOfficePages: FastifyPluginAsyncTypebox = async (app) => {
  const settings = { piiKey: app.config.piiKey, publicUrl: app.config.publicUrl };

  function detail(request: FastifyRequest, reply: FastifyReply, view: OfficeView, options: { contact?: Contact | null; notice?: string | null; issues?: FieldIssue[]; form?: ActionForm | null } = {}, status = 200) {
    return sendPage(
      request,
      reply,
      <DetailPage view={view} now={new Date()} contact={options.contact ?? null} notice={options.notice ?? null} issues={options.issues ?? []} form={options.form ?? null} />,
      status,
    );
  }

  app.get('/office/complaints', { schema: { querystring: InboxQuery } }, async (request, reply) => {
    const actor = actorOf(request);
    const { status = '', category = '', point = '', age = '', page = 1 } = request.query;
    const { items, total } = await inbox(app.db, actor, {
      status: status || undefined,
      category: category || undefined,
      pointCode: point ? point.toUpperCase() : undefined,
      olderThanDays: age ? Number(age) : undefined,
      page,
    });
    if (page > 1 && (page - 1) * INBOX_PAGE_SIZE >= total) throw new AppError('not_found');
    return sendPage(request, reply, <InboxPage query={{ status, category, point, age, page }} items={items} total={total} now={new Date()} isAdmin={hasRole(actor, 'admin')} />);
  });

  app.get(
    '/office/complaints/:number',
    { schema: { params: NumberParams, querystring: Type.Object({ done: Type.Optional(Type.Literal('1')) }, { additionalProperties: false }) } },
    async (request, reply) => {
      const view = await complaintForOffice(app.db, actorOf(request), request.params.number);
      return detail(request, reply, view, { notice: request.query.done ? officeComplaintMessages.for(request.locale).saved : null });
    },
  );

  app.get('/office/complaints/:number/photos/:photoId', { schema: { params: Type.Object({ number: Type.String({ pattern: TRACKING_PATTERN }), photoId: Type.Integer({ minimum: 1, maximum: 2147483647 }) }) } }, async (request, reply) => {
    const view = await complaintForOffice(app.db, actorOf(request), request.params.number);
    const image = await complaintPhoto(app.db, view.complaint.id, request.params.photoId);
    if (!image) throw new AppError('not_found');
    return reply.type('image/webp').header('content-disposition', 'inline').send(image);
  });

  // A POST, so that opening contact details is a deliberate act (and never a prefetch), audited.
  app.post(
    '/office/complaints/:number/contact',
    { schema: { params: NumberParams, body: Type.Object({ _csrf: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false }) } },
    async (request, reply) => {
      const actor = actorOf(request);
      const view = await complaintForOffice(app.db, actor, request.params.number);
      if (!view.canManage) throw new AppError('forbidden');
      const contact = await app.db.transaction(async (tx) => {
        const locked = await lockComplaint(tx, { id: view.complaint.id });
        if (!locked?.contactSealed) return null;
        await audit(tx, actor, {
          action: 'complaint.contact_view',
          entity: 'complaint',
          entityId: locked.trackingNumber,
          organisationId: locked.organisationId,
          pointId: locked.pointId,
          changes: {},
        });
        return openContact(app.config.piiKey, locked.contactSealed);
      });
      reply.header('cache-control', 'no-store');
      return detail(request, reply, view, { contact });
    },
  );

  app.post('/office/complaints/:number', { schema: { params: NumberParams, body: ActionBody }, attachValidation: true }, async (request, reply) => {
    const actor: Actor = actorOf(request);
    const m = officeComplaintMessages.for(request.locale);
    const view = await complaintForOffice(app.db, actor, request.params.number);
    if (!view.canManage) throw new AppError('forbidden');
    const body = (request.body ?? {}) as Partial<Record<keyof typeof request.body, string>>;
    const form: ActionForm = { to: body.to ?? '', public_note: typeof body.public_note === 'string' ? body.public_note : '', internal_note: typeof body.internal_note === 'string' ? body.internal_note : '' };
    if (request.validationError) return detail(request, reply, view, { issues: validationIssues(request.validationError.validation), form }, 400);

    const { from, to } = request.body;
    const publicNote = trimmed(request.body.public_note);
    const internalNote = trimmed(request.body.internal_note);
    const issues: FieldIssue[] = [];
    if (to !== from && !nextStatuses(from).includes(to)) issues.push(issue('to', 'notAllowedStep'));
    if (to === 'rejected' && to !== from && !publicNote) issues.push(issue('public_note', 'reasonRequired'));
    if (to === from && !publicNote && !internalNote) issues.push(issue('public_note', 'nothingToSave'));
    if (issues.length > 0) return detail(request, reply, view, { issues, form }, 400);

    const outcome = await app.db.transaction(async (tx) => {
      const locked = await lockComplaint(tx, { id: view.complaint.id });
      if (!locked) throw new AppError('not_found');
      // The form was filled against an older state: do not overwrite someone else's step.
      if (locked.status !== from) return 'conflict' as const;
      await recordChange(tx, settings, locked, { to: to as Status, publicNote, internalNote, source: 'office', actor });
      return 'saved' as const;
    });
    if (outcome === 'conflict') {
      const fresh = await complaintForOffice(app.db, actor, request.params.number);
      return detail(request, reply, fresh, { notice: m.changedMeanwhile, form }, 409);
    }
    return reply.redirect(`${localePrefix(request.locale)}/office/complaints/${view.complaint.trackingNumber}?done=1`, 303);
  });
};
