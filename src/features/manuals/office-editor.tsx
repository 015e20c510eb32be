/**
 * The catalogue in the back office and the manual editor. Every officer reads the catalogue
 * (published manuals, and drafts within their read scope); a manual is edited by officers whose
 * organisation subtree holds its owner, and created by officers for their own organisation.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { can, type Actor } from '../../auth/access.js';
import { audit } from '../../auth/audit.js';
import { AppError, type FieldIssue } from '../../http/errors.js';
import { validationIssues } from '../../http/forms.js';
import { actorOf } from '../../http/scopes/office.js';
import { sendPage, useHref, useMessages, useView } from '../../http/view.js';
import { OfficeLayout } from '../../http/views/office-layout.js';
import { formatDate, formatNumber, localePrefix } from '../../i18n/index.js';
import { organisationById, type OrganisationRecord } from '../organisations/queries.js';
import { ManualRecord } from './catalogue.js';
import { ManualEditorPage } from './office-editor-view.js';
import { applyRowAction, emptyForm, fieldValue, formToRecord, ManualForm, recordToForm, slugFromTitle, statusOf, type FormState } from './office-form.js';
import { officeManualMessages } from './office-messages.js';
import { StatusBadge } from './office-parts.js';
import { canEditManual, canSeeManual, listOfficeManuals, MANUAL_STATUSES, saveManual, storedManual, type ManualListItem, type StoredManual } from './office-store.js';
import { recordIssues, withComputedTotal } from './record-rules.js';

const PAGE_SIZE = 50;

export const SlugParams = Type.Object({ slug: ManualRecord.properties.id });

// ─── The catalogue ───────────────────────────────────────────────────────────────────────────

const ListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  scope: Type.Optional(Type.Union([Type.Literal('all'), Type.Literal('mine')])),
  status: Type.Optional(Type.Union([Type.Literal(''), ...MANUAL_STATUSES.map((s) => Type.Literal(s))])),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })),
});

interface ListProps {
  items: ManualListItem[];
  total: number;
  q: string;
  mine: boolean;
  status: string;
  page: number;
  canCreate: boolean;
}

function ManualListPage(props: ListProps) {
  const m = useMessages(officeManualMessages);
  const href = useHref();
  const { locale } = useView();
  const pages = Math.max(1, Math.ceil(props.total / PAGE_SIZE));
  const pageLink = (page: number) => {
    const query = new URLSearchParams({ q: props.q, scope: props.mine ? 'mine' : 'all', status: props.status, page: String(page) });
    return href(`/office/manuals?${query}`);
  };
  return (
    <OfficeLayout title={m.catalogueTitle}>
      <h1>{m.catalogueTitle}</h1>
      <p>{m.catalogueIntro}</p>
      <p class="actions">
        {props.canCreate && (
          <>
            <a class="button" href={href('/office/manuals/new')}>
              {m.newManual}
            </a>
            <a class="button secondary" href={href('/office/manuals/import')}>
              {m.importManuals}
            </a>
          </>
        )}
        <a class="button secondary" href={href('/office/manuals/export.json')}>
          {m.exportMine}
        </a>
        <a class="button secondary" href={href('/office/manuals/export.csv')}>
          {m.exportMineCsv}
        </a>
      </p>
      <form method="get" action={href('/office/manuals')} class="search-form" role="search" aria-label={m.filters}>
        <div class="filters">
          <div>
            <label for="f-q">{m.filterText}</label>
            <input id="f-q" name="q" type="search" value={props.q} maxLength={200} />
          </div>
          <div>
            <label for="f-scope">{m.filterScope}</label>
            <select id="f-scope" name="scope">
              <option value="all" selected={!props.mine}>
                {m.scopeAll}
              </option>
              <option value="mine" selected={props.mine}>
                {m.scopeMine}
              </option>
            </select>
          </div>
          <div>
            <label for="f-status">{m.filterStatus}</label>
            <select id="f-status" name="status">
              <option value="">{m.anyStatus}</option>
              <option value="published" selected={props.status === 'published'}>
                {m.published}
              </option>
              <option value="draft" selected={props.status === 'draft'}>
                {m.draft}
              </option>
            </select>
          </div>
        </div>
        <div>
          <button type="submit">{m.applyFilters}</button>
        </div>
      </form>
      <p role="status">{m.found(formatNumber(props.total, locale))}</p>
      {props.items.length === 0 ? (
        <p>{m.noManuals}</p>
      ) : (
        <ul class="result-list">
          {props.items.map((item) => {
            const title = locale === 'en' && item.titleEn ? item.titleEn : item.titleTh;
            return (
              <li key={item.id} class="card row-card">
                <div>
                  <h2>{title}</h2>
                  <p class="meta">
                    {locale === 'en' && item.ownerAgencyEn ? item.ownerAgencyEn : item.ownerAgencyTh} · <StatusBadge status={item.status} /> · {m.updatedAt}{' '}
                    {formatDate(item.updatedAt, locale)}
                  </p>
                </div>
                <p class="actions">
                  {item.editable && (
                    <a class="button secondary" href={href(`/office/manuals/${item.slug}/edit`)} aria-label={m.editLabel(title)}>
                      {m.edit}
                    </a>
                  )}
                  {item.status === 'published' && <a href={href(`/manuals/${item.slug}`)}>{m.view}</a>}
                </p>
              </li>
            );
          })}
        </ul>
      )}
      {pages > 1 && (
        <nav class="pager" aria-label={m.pager}>
          {props.page > 1 && <a href={pageLink(props.page - 1)}>{m.previous}</a>}
          <span>{m.pageOf(formatNumber(props.page, locale), formatNumber(pages, locale))}</span>
          {props.page < pages && <a href={pageLink(props.page + 1)}>{m.next}</a>}
        </nav>
      )}
    </OfficeLayout>
  );
}

// ─── Routes ──────────────────────────────────────────────────────────────────────────────────

/** The organisation a new manual will belong to: the actor's own, if they manage it. */
export async function creatorOrganisation(request: FastifyRequest, actor: Actor): Promise<OrganisationRecord> {
  const organisation = await organisationById(request.server.db, actor.organisationId);
  if (!organisation || !can(actor, 'manage', organisation)) throw new AppError('forbidden');
  return organisation;
}

const ownerName = (owner: OrganisationRecord | null, locale: 'th' | 'en') => (owner ? (locale === 'en' && owner.nameEn ? owner.nameEn : owner.nameTh) : '—');

/** The manual at `slug` if the actor may edit it: 404 when they may not even see it, 403 when they may only read it. */
async function editableManual(request: FastifyRequest, actor: Actor, slug: string): Promise<StoredManual> {
  const manual = await storedManual(request.server.db, slug);
  if (!manual || !canSeeManual(actor, manual)) throw new AppError('not_found');
  if (!canEditManual(actor, manual.owner)) throw new AppError('forbidden');
  return manual;
}

const EditQuery = Type.Object({ saved: Type.Optional(Type.Union([Type.Literal('created'), Type.Literal('updated')])) });

export const officeEditorRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/office/manuals', { schema: { querystring: ListQuery } }, async (request, reply) => {
    const actor = actorOf(request);
    const q = (request.query.q ?? '').trim();
    const mine = request.query.scope === 'mine';
    const status = request.query.status || null;
    const page = request.query.page ?? 1;
    const { items, total } = await listOfficeManuals(app.db, actor, { q, mine, status, page, pageSize: PAGE_SIZE });
    if (page > 1 && items.length === 0) throw new AppError('not_found');
    const own = await organisationById(app.db, actor.organisationId);
    return sendPage(
      request,
      reply,
      <ManualListPage items={items} total={total} q={q} mine={mine} status={status ?? ''} page={page} canCreate={own !== null && can(actor, 'manage', own)} />,
    );
  });

  const showEditor = (
    request: FastifyRequest,
    reply: FastifyReply,
    props: { mode: 'new' | 'edit'; slug: string | null; state: FormState; issues: FieldIssue[]; owner: OrganisationRecord | null; notice?: string | null; error?: string | null; version: string | null },
    status = 200,
  ) =>
    sendPage(
      request,
      reply,
      <ManualEditorPage
        mode={props.mode}
        slug={props.slug}
        state={props.state}
        issues={props.issues}
        owner={ownerName(props.owner, request.locale)}
        notice={props.notice ?? null}
        error={props.error ?? null}
        version={props.version}
      />,
      status,
    );

  /** Reads the posted form into a valid record, or the problems to show beside the fields. */
  function readForm(state: FormState, slug: string, ownerCode: string): { record: ManualRecord | null; issues: FieldIssue[] } {
    const reading = formToRecord(state, slug, ownerCode);
    const issues = [...reading.issues];
    for (const issue of recordIssues(reading.value)) {
      const field = reading.formField(issue.field);
      if (!issues.some((known) => known.field === field)) issues.push({ ...issue, field });
    }
    return issues.length ? { record: null, issues } : { record: withComputedTotal(reading.value as ManualRecord), issues: [] };
  }

  const formBody = (request: FastifyRequest): FormState => {
    if (request.validationError) throw new AppError('invalid_input', validationIssues(request.validationError.validation));
    return request.body as FormState;
  };

  app.get('/office/manuals/new', async (request, reply) => {
    const actor = actorOf(request);
    const organisation = await creatorOrganisation(request, actor);
    return showEditor(request, reply, { mode: 'new', slug: null, state: emptyForm({ th: organisation.nameTh, en: organisation.nameEn }), issues: [], owner: organisation, version: null });
  });

  app.post('/office/manuals/new', { schema: { body: ManualForm }, attachValidation: true }, async (request, reply) => {
    const actor = actorOf(request);
    const organisation = await creatorOrganisation(request, actor);
    const state = formBody(request);
    const action = fieldValue(state, 'action');
    const base = { mode: 'new' as const, slug: null, owner: organisation, version: null };
    if (action !== 'save' && action !== '') {
      const next = applyRowAction(state, action);
      if (!next) throw new AppError('invalid_input');
      return showEditor(request, reply, { ...base, state: next, issues: [] });
    }
    const slug = fieldValue(state, 'id').trim().toLowerCase() || slugFromTitle(fieldValue(state, 'title_en'));
    const { record, issues } = readForm(state, slug, organisation.code.slice(0, 40));
    if (!record) return showEditor(request, reply, { ...base, state, issues }, 400);
    const saved = await app.db.transaction(async (tx) => {
      if (await storedManual(tx, record.id)) return null;
      const result = await saveManual(tx, record, { existing: null, ownerOrganisationId: organisation.id, status: statusOf(state) });
      await audit(tx, actor, { action: 'manual.create', entity: 'manual', entityId: result.id, organisationId: organisation.id, changes: result.changes });
      return result;
    });
    if (!saved) {
      const issues = [{ field: 'id', th: officeManualMessages.th.slugTaken, en: officeManualMessages.en.slugTaken }];
      return showEditor(request, reply, { ...base, state: { ...state, id: record.id }, issues }, 400);
    }
    return reply.redirect(`${localePrefix(request.locale)}/office/manuals/${record.id}/edit?saved=created`, 303);
  });

  app.get('/office/manuals/:slug/edit', { schema: { params: SlugParams, querystring: EditQuery } }, async (request, reply) => {
    const actor = actorOf(request);
    const manual = await editableManual(request, actor, request.params.slug);
    const m = officeManualMessages.for(request.locale);
    const notice = request.query.saved === 'created' ? m.savedCreated : request.query.saved === 'updated' ? m.savedUpdated : null;
    return showEditor(request, reply, {
      mode: 'edit',
      slug: manual.slug,
      state: recordToForm(manual.record, manual.status),
      issues: [],
      owner: manual.owner,
      notice,
      version: String(manual.updatedAt.getTime()),
    });
  });

  app.post('/office/manuals/:slug/edit', { schema: { params: SlugParams, body: ManualForm }, attachValidation: true }, async (request, reply) => {
    const actor = actorOf(request);
    const manual = await editableManual(request, actor, request.params.slug);
    const state = formBody(request);
    const action = fieldValue(state, 'action');
    const version = fieldValue(state, 'version') || String(manual.updatedAt.getTime());
    const base = { mode: 'edit' as const, slug: manual.slug, owner: manual.owner, version };
    if (action !== 'save' && action !== '') {
      const next = applyRowAction(state, action);
      if (!next) throw new AppError('invalid_input');
      return showEditor(request, reply, { ...base, state: next, issues: [] });
    }
    const { record, issues } = readForm(state, manual.slug, manual.record.owner_agency);
    if (!record) return showEditor(request, reply, { ...base, state, issues }, 400);
    const saved = await app.db.transaction(async (tx) => {
      // Someone saved the manual after this form was opened: keep their work, show this form again.
      const current = await storedManual(tx, manual.slug);
      if (!current || String(current.updatedAt.getTime()) !== version) return null;
      const result = await saveManual(tx, record, { existing: current, ownerOrganisationId: current.owner?.id ?? actor.organisationId, status: statusOf(state) });
      await audit(tx, actor, { action: 'manual.update', entity: 'manual', entityId: result.id, organisationId: current.owner?.id ?? null, changes: result.changes });
      return result;
    });
    if (!saved) {
      const m = officeManualMessages.for(request.locale);
      return showEditor(request, reply, { ...base, state, issues: [], error: m.changedMeanwhile }, 409);
    }
    return reply.redirect(`${localePrefix(request.locale)}/office/manuals/${manual.slug}/edit?saved=updated`, 303);
  });
};
