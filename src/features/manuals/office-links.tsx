/**
 * `/office/points/:code/manuals`: the services (Citizen's Manuals) given at a point. Officers of the
 * point's organisation pin manuals found by a Thai search of the catalogue, add local notes, remove
 * them, and confirm the list complete; any change to the list afterwards asks for a new
 * confirmation. Supervisors see the same page without the forms. Every change is audited.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'drizzle-orm';
import { audit, diff } from '../../auth/audit.js';
import { rows, type Db } from '../../db/client.js';
import { AppError, type FieldIssue } from '../../http/errors.js';
import { CsrfField, Field, IssueSummary, validationIssues } from '../../http/forms.js';
import { actorOf } from '../../http/scopes/office.js';
import { sendPage, useHref, useMessages, useView } from '../../http/view.js';
import { formatDate, formatNumber, localePrefix } from '../../i18n/index.js';
import { likeEscape, queryChunks } from '../../i18n/text.js';
import { KIND_NAMES } from '../organisations/kinds.js';
import { catalogueEntry, interpretQuery } from '../search/interpret.js';
import { officeManualMessages } from './office-messages.js';
import { Notice, PointPage, StatusBadge } from './office-parts.js';
import { officePoint, PointCodeParams, type OfficePoint } from './office-point.js';

const SEARCH_LIMIT = 30;
const DONE = ['linked', 'unlinked', 'note', 'confirmed', 'reconfirm'] as const;
type Done = (typeof DONE)[number];

interface LinkedManual {
  id: number;
  slug: string;
  titleTh: string;
  titleEn: string | null;
  ownerAgencyTh: string;
  ownerAgencyEn: string | null;
  status: string;
  localNoteTh: string | null;
  localNoteEn: string | null;
}

interface CatalogueManual {
  id: number;
  slug: string;
  titleTh: string;
  titleEn: string | null;
  ownerAgencyTh: string;
  ownerAgencyEn: string | null;
  linked: boolean;
}

const linkedManuals = (db: Db, pointId: number) =>
  rows<LinkedManual>(
    db,
    sql`select m.id, m.slug, m.title_th as "titleTh", m.title_en as "titleEn", m.owner_agency_th as "ownerAgencyTh", m.owner_agency_en as "ownerAgencyEn",
          m.status, pm.local_note_th as "localNoteTh", pm.local_note_en as "localNoteEn"
        from point_manuals pm join manuals m on m.id = pm.manual_id
        where pm.point_id = ${pointId}
        order by m.title_th, m.id`,
  );

const catalogueColumns = (pointId: number) =>
  sql`m.id, m.slug, m.title_th as "titleTh", m.title_en as "titleEn", m.owner_agency_th as "ownerAgencyTh", m.owner_agency_en as "ownerAgencyEn",
      exists (select 1 from point_manuals pm where pm.point_id = ${pointId} and pm.manual_id = m.id) as linked`;

/**
 * Published manuals matching a Thai or English query. Candidates share at least one word with it
 * (an indexed substring match, so Thai words inside unspaced text match); `interpretQuery` then
 * picks those the query names, as the citizen search does (titles first, then synonyms).
 */
async function searchManuals(db: Db, pointId: number, q: string): Promise<{ items: CatalogueManual[]; more: boolean }> {
  const words = [...new Set(queryChunks(q).flatMap((chunk) => chunk.words))].slice(0, 12);
  if (words.length === 0) return { items: [], more: false };
  const any = sql.join(
    words.map((word) => sql`search_text like ${`%${likeEscape(word)}%`}`),
    sql` or `,
  );
  const found = await rows<{
    id: number;
    titleTh: string;
    titleEn: string | null;
    synonymsTh: string[];
    synonymsEn: string[];
    ownerAgencyTh: string;
    ownerAgencyEn: string | null;
    categoryTh: string | null;
    categoryEn: string | null;
  }>(
    db,
    sql`select id, title_th as "titleTh", title_en as "titleEn", synonyms_th as "synonymsTh", synonyms_en as "synonymsEn",
          owner_agency_th as "ownerAgencyTh", owner_agency_en as "ownerAgencyEn", category_th as "categoryTh", category_en as "categoryEn"
        from manuals where status = 'published' and (${any}) limit 5000`,
  );
  const candidates = found.map((m) =>
    catalogueEntry(m.id, [m.titleTh, m.titleEn], [...m.synonymsTh, ...m.synonymsEn, m.ownerAgencyTh, m.ownerAgencyEn, m.categoryTh, m.categoryEn]),
  );
  const ids = interpretQuery(q, candidates).manualIds ?? [];
  if (ids.length === 0) return { items: [], more: false };
  const items = await rows<CatalogueManual>(
    db,
    sql`select ${catalogueColumns(pointId)} from manuals m
        where m.id in (${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )})
        order by m.title_th, m.id limit ${SEARCH_LIMIT + 1}`,
  );
  return { items: items.slice(0, SEARCH_LIMIT), more: items.length > SEARCH_LIMIT };
}

/** Published manuals that offices of this kind usually give, not yet at the point. */
const suggestedManuals = (db: Db, point: OfficePoint) =>
  rows<CatalogueManual>(
    db,
    sql`select ${catalogueColumns(point.id)} from manuals m
        where m.status = 'published' and ${point.organisationKind} = any(m.offered_at)
          and not exists (select 1 from point_manuals pm where pm.point_id = ${point.id} and pm.manual_id = m.id)
        order by m.title_th, m.id limit ${SEARCH_LIMIT}`,
  );

async function lastConfirmation(db: Db, pointId: number): Promise<Date | null> {
  const [row] = await rows<{ at: Date }>(db, sql`select at from audit_log where point_id = ${pointId} and action = 'service_point.manuals_confirm' order by at desc limit 1`);
  return row ? new Date(row.at) : null;
}

/** A change to the list withdraws the point's confirmation; returns the withdrawn one. */
async function withdrawConfirmation(tx: Db, pointId: number): Promise<Date | null> {
  const [row] = await rows<{ at: Date | null }>(tx, sql`select manuals_confirmed_at as at from service_points where id = ${pointId} for update`);
  if (!row?.at) return null;
  await tx.execute(sql`update service_points set manuals_confirmed_at = null, updated_at = now() where id = ${pointId}`);
  return new Date(row.at);
}

// ─── View ────────────────────────────────────────────────────────────────────────────────────

interface PageData {
  point: OfficePoint;
  linked: LinkedManual[];
  q: string;
  results: { items: CatalogueManual[]; more: boolean } | null;
  suggestions: CatalogueManual[];
  lastConfirmedAt: Date | null;
  done: Done | null;
  /** a note form shown again with its problems */
  noteForm: { manualId: number; th: string; en: string; issues: FieldIssue[] } | null;
  error: string | null;
}

const title = (manual: { titleTh: string; titleEn: string | null }, locale: 'th' | 'en') => (locale === 'en' && manual.titleEn ? manual.titleEn : manual.titleTh);
const owner = (manual: { ownerAgencyTh: string; ownerAgencyEn: string | null }, locale: 'th' | 'en') =>
  locale === 'en' && manual.ownerAgencyEn ? manual.ownerAgencyEn : manual.ownerAgencyTh;

function LinkButton({ point, manual, q }: { point: OfficePoint; manual: CatalogueManual; q: string }) {
  const m = useMessages(officeManualMessages);
  const href = useHref();
  const { locale } = useView();
  if (manual.linked) return <span class="badge neutral">{m.alreadyLinked}</span>;
  if (!point.canManage) return null;
  return (
    <form method="post" action={href(`/office/points/${point.code}/manuals/link`)} class="inline-form">
      <CsrfField />
      <input type="hidden" name="manual_id" value={String(manual.id)} />
      <input type="hidden" name="q" value={q} />
      <button type="submit" class="secondary" aria-label={m.linkLabel(title(manual, locale))}>
        {m.link}
      </button>
    </form>
  );
}

function CatalogueList({ point, items, q }: { point: OfficePoint; items: CatalogueManual[]; q: string }) {
  const { locale } = useView();
  const href = useHref();
  return (
    <ul class="result-list">
      {items.map((manual) => (
        <li key={manual.id} class="card row-card">
          <div>
            <h4>
              <a href={href(`/manuals/${manual.slug}`)}>{title(manual, locale)}</a>
            </h4>
            <p class="meta">{owner(manual, locale)}</p>
          </div>
          <LinkButton point={point} manual={manual} q={q} />
        </li>
      ))}
    </ul>
  );
}

function LinkedCard({ point, manual, noteForm }: { point: OfficePoint; manual: LinkedManual; noteForm: PageData['noteForm'] }) {
  const m = useMessages(officeManualMessages);
  const href = useHref();
  const { locale } = useView();
  const again = noteForm?.manualId === manual.id ? noteForm : null;
  const issues = again?.issues ?? [];
  const name = title(manual, locale);
  return (
    <li class="card">
      <h4>
        <a href={href(`/manuals/${manual.slug}?point=${point.code}`)}>{name}</a> {manual.status === 'draft' && <StatusBadge status="draft" />}
      </h4>
      <p class="meta">
        {m.ownerAgency}: {owner(manual, locale)}
      </p>
      {(manual.localNoteTh || manual.localNoteEn) && (
        <p class="office-note">
          <strong>{m.localNote}:</strong> {locale === 'en' && manual.localNoteEn ? manual.localNoteEn : (manual.localNoteTh ?? manual.localNoteEn)}
        </p>
      )}
      {point.canManage && (
        <div class="card-actions">
          <details class="note-edit" open={again !== null}>
            <summary>{m.editNote}</summary>
            <form method="post" action={href(`/office/points/${point.code}/manuals/${manual.id}/note`)} aria-label={m.noteLabel(name)}>
              <CsrfField />
              <IssueSummary issues={issues} />
              <div class="grid-pair">
                <Field name={`notes.${manual.id}.th`} label={m.noteTh} hint={m.noteHint} issues={issues}>
                  {(describedBy, invalid) => (
                    <textarea id={`f-notes.${manual.id}.th`} name="local_note_th" rows={2} maxLength={500} aria-describedby={describedBy} aria-invalid={invalid}>
                      {again ? again.th : (manual.localNoteTh ?? '')}
                    </textarea>
                  )}
                </Field>
                <Field name={`notes.${manual.id}.en`} label={m.noteEn} issues={issues}>
                  {(describedBy, invalid) => (
                    <textarea id={`f-notes.${manual.id}.en`} name="local_note_en" rows={2} maxLength={500} aria-describedby={describedBy} aria-invalid={invalid}>
                      {again ? again.en : (manual.localNoteEn ?? '')}
                    </textarea>
                  )}
                </Field>
              </div>
              <button type="submit" class="secondary">
                {m.saveNote}
              </button>
            </form>
          </details>
          <form method="post" action={href(`/office/points/${point.code}/manuals/${manual.id}/unlink`)}>
            <CsrfField />
            <button type="submit" class="secondary danger small" aria-label={m.unlinkLabel(name)}>
              {m.unlink}
            </button>
          </form>
        </div>
      )}
    </li>
  );
}

function LinksPage(props: PageData) {
  const m = useMessages(officeManualMessages);
  const href = useHref();
  const { locale } = useView();
  const { point, linked, q, results, suggestions } = props;
  const doneText: Record<Done, string> = { linked: m.doneLinked, unlinked: m.doneUnlinked, note: m.doneNote, confirmed: m.doneConfirmed, reconfirm: m.doneReconfirm };
  const kind = KIND_NAMES[point.organisationKind]?.[locale] ?? point.organisationKind;
  return (
    <PointPage point={point} tab="manuals" title={m.linksHeading} notice={props.done ? doneText[props.done] : null}>
        <p>{m.linksIntro}</p>
        <Notice text={props.error} kind="error" />
        <section class={point.manualsConfirmedAt ? 'status-box ok' : 'status-box warn'} aria-labelledby="confirm-state">
          <p id="confirm-state">
            <strong>
              {point.manualsConfirmedAt
                ? m.confirmedOn(formatDate(point.manualsConfirmedAt, locale, 'dateTime'))
                : props.lastConfirmedAt
                  ? m.changedSince(formatDate(props.lastConfirmedAt, locale, 'dateTime'))
                  : m.neverConfirmed}
            </strong>
          </p>
          {point.canManage && !point.manualsConfirmedAt && (
            <form method="post" action={href(`/office/points/${point.code}/manuals/confirm`)}>
              <CsrfField />
              <button type="submit">{m.confirmButton}</button>
            </form>
          )}
        </section>

        <h3 id="add">{m.addTitle}</h3>
        <form method="get" action={href(`/office/points/${point.code}/manuals`)} role="search" class="search-form" aria-labelledby="add">
          <label for="manual-q">{m.searchLabel}</label>
          <p class="hint" id="manual-q-hint">
            {m.searchHint}
          </p>
          <div class="search-row">
            <input id="manual-q" name="q" type="search" value={q} maxLength={200} aria-describedby="manual-q-hint" />
            <button type="submit">{m.searchButton}</button>
          </div>
        </form>
        {results && (
          <section aria-labelledby="results-title">
            <h4 id="results-title">{m.resultsTitle(q)}</h4>
            {results.items.length === 0 ? <p>{m.noResults(q)}</p> : <CatalogueList point={point} items={results.items} q={q} />}
            {results.more && <p class="meta">{m.moreResults}</p>}
          </section>
        )}
        {suggestions.length > 0 && (
          <details class="suggestions">
            <summary>{m.suggestionsTitle(kind, formatNumber(suggestions.length, locale))}</summary>
            <CatalogueList point={point} items={suggestions} q={q} />
          </details>
        )}

        <h3>{m.linkedTitle(formatNumber(linked.length, locale))}</h3>
        {linked.length === 0 ? (
          <p>{m.noneLinked}</p>
        ) : (
          <ul class="result-list">
            {linked.map((manual) => (
              <LinkedCard key={manual.id} point={point} manual={manual} noteForm={props.noteForm} />
            ))}
          </ul>
        )}
    </PointPage>
  );
}

// ─── Routes ──────────────────────────────────────────────────────────────────────────────────

const Csrf = Type.Optional(Type.String({ maxLength: 200 }));
const Query = Type.String({ maxLength: 200 });
const ManualParams = Type.Object({ code: PointCodeParams.properties.code, manualId: Type.Integer({ minimum: 1, maximum: 2147483647 }) });
export const LocalNotes = Type.Object({
  local_note_th: Type.String({ maxLength: 500 }),
  local_note_en: Type.String({ maxLength: 500 }),
  _csrf: Csrf,
});

export const officeLinkRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const back = (locale: 'th' | 'en', code: string, done: Done, q = '') => {
    const query = new URLSearchParams({ done });
    if (q) query.set('q', q);
    return `${localePrefix(locale)}/office/points/${code}/manuals?${query}`;
  };

  async function renderPage(point: OfficePoint, options: { q: string; done: Done | null; noteForm?: PageData['noteForm']; error?: string | null }) {
    const q = options.q.trim();
    const [linked, results, suggestions, lastConfirmedAt] = await Promise.all([
      linkedManuals(app.db, point.id),
      q ? searchManuals(app.db, point.id, q) : null,
      point.canManage ? suggestedManuals(app.db, point) : [],
      point.manualsConfirmedAt ? null : lastConfirmation(app.db, point.id),
    ]);
    return <LinksPage point={point} linked={linked} q={q} results={results} suggestions={suggestions} lastConfirmedAt={lastConfirmedAt} done={options.done} noteForm={options.noteForm ?? null} error={options.error ?? null} />;
  }

  app.get(
    '/office/points/:code/manuals',
    { schema: { params: PointCodeParams, querystring: Type.Object({ q: Type.Optional(Query), done: Type.Optional(Type.Union(DONE.map((d) => Type.Literal(d)))) }) } },
    async (request, reply) => {
      const actor = actorOf(request);
      const point = await officePoint(app.db, request.params.code, actor, 'read');
      return sendPage(request, reply, await renderPage(point, { q: request.query.q ?? '', done: request.query.done ?? null }));
    },
  );

  app.post(
    '/office/points/:code/manuals/link',
    { schema: { params: PointCodeParams, body: Type.Object({ manual_id: Type.Integer({ minimum: 1, maximum: 2147483647 }), q: Type.Optional(Query), _csrf: Csrf }) } },
    async (request, reply) => {
      const actor = actorOf(request);
      const point = await officePoint(app.db, request.params.code, actor, 'manage');
      const withdrawn = await app.db.transaction(async (tx) => {
        const [manual] = await rows<{ id: number; slug: string }>(tx, sql`select id, slug from manuals where id = ${request.body.manual_id} and status = 'published'`);
        if (!manual) throw new AppError('not_found');
        const inserted = await rows<{ manualId: number }>(
          tx,
          sql`insert into point_manuals (point_id, manual_id, linked_by) values (${point.id}, ${manual.id}, ${actor.userId})
              on conflict do nothing returning manual_id as "manualId"`,
        );
        if (inserted.length === 0) return null;
        const before = await withdrawConfirmation(tx, point.id);
        await audit(tx, actor, {
          action: 'point_manual.link',
          entity: 'point_manual',
          entityId: `${point.id}:${manual.id}`,
          organisationId: point.organisation.id,
          pointId: point.id,
          changes: { manual: manual.slug, ...(before ? { manualsConfirmedAt: [before, null] } : {}) },
        });
        return before;
      });
      return reply.redirect(back(request.locale, point.code, withdrawn ? 'reconfirm' : 'linked', request.body.q), 303);
    },
  );

  app.post('/office/points/:code/manuals/:manualId/unlink', { schema: { params: ManualParams, body: Type.Object({ _csrf: Csrf }) } }, async (request, reply) => {
    const actor = actorOf(request);
    const point = await officePoint(app.db, request.params.code, actor, 'manage');
    const withdrawn = await app.db.transaction(async (tx) => {
      const [removed] = await rows<{ slug: string; localNoteTh: string | null; localNoteEn: string | null }>(
        tx,
        sql`delete from point_manuals pm using manuals m
            where pm.point_id = ${point.id} and pm.manual_id = ${request.params.manualId} and m.id = pm.manual_id
            returning m.slug, pm.local_note_th as "localNoteTh", pm.local_note_en as "localNoteEn"`,
      );
      if (!removed) throw new AppError('not_found');
      const before = await withdrawConfirmation(tx, point.id);
      await audit(tx, actor, {
        action: 'point_manual.unlink',
        entity: 'point_manual',
        entityId: `${point.id}:${request.params.manualId}`,
        organisationId: point.organisation.id,
        pointId: point.id,
        changes: { manual: removed.slug, localNoteTh: removed.localNoteTh, localNoteEn: removed.localNoteEn, ...(before ? { manualsConfirmedAt: [before, null] } : {}) },
      });
      return before;
    });
    return reply.redirect(back(request.locale, point.code, withdrawn ? 'reconfirm' : 'unlinked'), 303);
  });

  app.post(
    '/office/points/:code/manuals/:manualId/note',
    { schema: { params: ManualParams, body: LocalNotes }, attachValidation: true },
    async (request, reply) => {
      const actor = actorOf(request);
      const point = await officePoint(app.db, request.params.code, actor, 'manage');
      const { manualId } = request.params;
      const body = request.body as Partial<typeof request.body>;
      if (request.validationError) {
        const issues = validationIssues(request.validationError.validation).map((issue) => ({
          ...issue,
          field: issue.field === 'local_note_en' ? `notes.${manualId}.en` : `notes.${manualId}.th`,
        }));
        const noteForm = { manualId, th: typeof body.local_note_th === 'string' ? body.local_note_th : '', en: typeof body.local_note_en === 'string' ? body.local_note_en : '', issues };
        return sendPage(request, reply, await renderPage(point, { q: '', done: null, noteForm }), 400);
      }
      const th = request.body.local_note_th.trim() || null;
      const en = request.body.local_note_en.trim() || null;
      await app.db.transaction(async (tx) => {
        const [before] = await rows<{ localNoteTh: string | null; localNoteEn: string | null }>(
          tx,
          sql`select local_note_th as "localNoteTh", local_note_en as "localNoteEn" from point_manuals where point_id = ${point.id} and manual_id = ${manualId} for update`,
        );
        if (!before) throw new AppError('not_found');
        const changes = diff(before, { localNoteTh: th, localNoteEn: en });
        if (Object.keys(changes).length === 0) return;
        await tx.execute(sql`update point_manuals set local_note_th = ${th}, local_note_en = ${en} where point_id = ${point.id} and manual_id = ${manualId}`);
        await audit(tx, actor, { action: 'point_manual.note', entity: 'point_manual', entityId: `${point.id}:${manualId}`, organisationId: point.organisation.id, pointId: point.id, changes });
      });
      return reply.redirect(back(request.locale, point.code, 'note'), 303);
    },
  );

  app.post('/office/points/:code/manuals/confirm', { schema: { params: PointCodeParams, body: Type.Object({ _csrf: Csrf }) } }, async (request, reply) => {
    const actor = actorOf(request);
    const point = await officePoint(app.db, request.params.code, actor, 'manage');
    const confirmed = await app.db.transaction(async (tx) => {
      const [counted] = await rows<{ count: number }>(tx, sql`select count(*)::int as count from point_manuals where point_id = ${point.id}`);
      if (!counted?.count) return false;
      const [old] = await rows<{ at: Date | null }>(tx, sql`select manuals_confirmed_at as at from service_points where id = ${point.id} for update`);
      const [now] = await rows<{ at: Date }>(tx, sql`update service_points set manuals_confirmed_at = now(), updated_at = now() where id = ${point.id} returning manuals_confirmed_at as at`);
      await audit(tx, actor, {
        action: 'service_point.manuals_confirm',
        entity: 'service_point',
        entityId: point.id,
        organisationId: point.organisation.id,
        pointId: point.id,
        changes: { manualsConfirmedAt: [old?.at ?? null, now?.at ?? null], manuals: counted.count },
      });
      return true;
    });
    if (!confirmed) {
      const m = officeManualMessages.for(request.locale);
      return sendPage(request, reply, await renderPage(point, { q: '', done: null, error: m.confirmNeedsManuals }), 400);
    }
    return reply.redirect(back(request.locale, point.code, 'confirmed'), 303);
  });
};
