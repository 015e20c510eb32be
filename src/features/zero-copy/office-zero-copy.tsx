/**
 * `/office/points/:code/zero-copy`: the Zero Copy state of every state-issued document of every
 * manual linked to a point, grouped by document name so one state can be set for the same document
 * in all (or some) manuals at once — stored per document row — and the point's count of copies
 * still demanded. Supervisors read; officers of the point's organisation change. Audited per row.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'drizzle-orm';
import { audit, diff } from '../../auth/audit.js';
import { rows, type Db } from '../../db/client.js';
import { AppError, type FieldIssue } from '../../http/errors.js';
import { CsrfField, useIssue } from '../../http/forms.js';
import { actorOf } from '../../http/scopes/office.js';
import { sendPage, useHref, useMessages, useView } from '../../http/view.js';
import { bangkokDate, formatDate, formatNumber, localePrefix } from '../../i18n/index.js';
import { PointPage } from '../manuals/office-parts.js';
import { officePoint, PointCodeParams, type OfficePoint } from '../manuals/office-point.js';
import { officeZeroCopyMessages } from './office-messages.js';
import { ZERO_COPY_STATUSES, type ZeroCopyStatus } from './state.js';
import {
  addDays,
  countCopies,
  groupDocuments,
  isCalendarDate,
  VERIFY_METHODS,
  type Declaration,
  type DocumentAtPoint,
  type DocumentGroup,
  type VerifyMethod,
} from './office-rules.js';

type M = (typeof officeZeroCopyMessages)['th'];

const documentsAtPoint = (db: Db, pointId: number) =>
  rows<DocumentAtPoint>(
    db,
    sql`select d.id as "documentId", m.id as "manualId", m.slug as "manualSlug", m.title_th as "manualTitleTh", m.title_en as "manualTitleEn",
          d.name_th as "nameTh", d.name_en as "nameEn", d.issuing_agency_th as "issuingAgencyTh", d.issuing_agency_en as "issuingAgencyEn", d.copies,
          z.status, z.method, z.reason, z.plan_date::text as "planDate"
        from point_manuals pm
        join manuals m on m.id = pm.manual_id
        join manual_documents d on d.manual_id = m.id and d.government_issued
        left join zero_copy_statuses z on z.point_id = pm.point_id and z.document_id = d.id
        where pm.point_id = ${pointId}
        order by m.title_th, d.position, d.id`,
  );

/** The posted form of one group, kept to show it again with its problems. */
interface GroupForm {
  /** `g` + the first document id of the group the form belongs to */
  anchor: string;
  documentIds: number[];
  status: string;
  method: string;
  reason: string;
  planDate: string;
  issues: FieldIssue[];
}

const localised = (th: string, en: string | null, locale: 'th' | 'en') => (locale === 'en' && en ? en : th);

function stateText(m: M, declaration: { status: ZeroCopyStatus | null; method: VerifyMethod | null }, copies: number): string {
  switch (declaration.status) {
    case 'verified_at_source':
      return declaration.method === 'smart_card' ? m.stateVerifiedSmartCard : declaration.method === 'data_link' ? m.stateVerifiedDataLink : m.stateVerified;
    case 'copy_by_office':
      return m.stateByOffice;
    case 'copy_required':
      return m.stateRequired;
    default:
      return copies > 0 ? m.stateUndeclared : m.noCopyAsked;
  }
}

const copiesText = (m: M, copies: number, locale: 'th' | 'en') => (copies > 0 ? m.copiesAsked(formatNumber(copies, locale)) : m.noCopyAsked);

function StateBadge({ document }: { document: DocumentAtPoint }) {
  const m = useMessages(officeZeroCopyMessages);
  const { locale } = useView();
  const tone = document.status === 'verified_at_source' || document.status === 'copy_by_office' ? 'ok' : document.copies === 0 ? 'neutral' : document.status === 'copy_required' ? 'bad' : 'warn';
  return (
    <>
      <span class={`badge ${tone}`}>{stateText(m, document, document.copies)}</span>
      {document.status === 'copy_required' && document.planDate && <span class="meta"> · {m.planUntil(formatDate(document.planDate, locale, 'long'))}</span>}
      {document.status === 'copy_required' && document.reason && <span class="meta"> · {m.reasonText(document.reason)}</span>}
    </>
  );
}

function RadioGroup(props: { name: string; legend: string; id: string; issues: FieldIssue[]; options: { value: string; label: string }[]; value: string; className?: string }) {
  const error = useIssue(props.issues, props.id);
  return (
    <fieldset class={[props.className, error ? 'has-error' : null].filter(Boolean).join(' ')} id={`f-${props.id}`} tabIndex={-1}>
      <legend>{props.legend}</legend>
      {error && <p class="field-error">{error}</p>}
      <ul class="choice-list">
        {props.options.map((option) => (
          <li key={option.value}>
            <label class="choice">
              <input type="radio" name={props.name} value={option.value} checked={props.value === option.value} />
              <span>{option.label}</span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

function GroupCard({ point, group, form }: { point: OfficePoint; group: DocumentGroup; form: GroupForm | null }) {
  const m = useMessages(officeZeroCopyMessages);
  const href = useHref();
  const { locale } = useView();
  const anchor = `g${group.documents[0]!.documentId}`;
  const name = localised(group.nameTh, group.nameEn, locale);
  // Different Thai documents can share an English name: the Thai one keeps form names unique.
  const uniqueName = locale === 'en' && group.nameEn ? `${group.nameEn} (${group.nameTh})` : name;
  const issues = form?.issues ?? [];
  const common: Declaration | null = group.common;
  const chosen = new Set(form ? form.documentIds : group.documents.map((d) => d.documentId));
  const status = form ? form.status : (common?.status ?? '');
  const method = form ? form.method : (common?.method ?? '');
  const reason = form ? form.reason : (common?.reason ?? '');
  const planDate = form ? form.planDate : (common?.planDate ?? '');
  const reasonError = useIssue(issues, `${anchor}.reason`);
  const planError = useIssue(issues, `${anchor}.plan_date`);
  const today = bangkokDate();
  return (
    <div class="card zc-group" id={anchor} tabIndex={-1}>
      <h4>
        {name}
        {locale === 'en' && group.nameEn && (
          <span class="meta" lang="th">
            {' '}
            · {group.nameTh}
          </span>
        )}
      </h4>
      <p class="meta">
        {group.issuingAgencyTh && m.issuedBy(localised(group.issuingAgencyTh, group.issuingAgencyEn, locale))}
        {group.issuingAgencyTh && ' · '}
        {m.inManuals(formatNumber(group.documents.length, locale))}
        {group.stillDemanded > 0 && (
          <>
            {' · '}
            <strong>{m.groupStillDemanded(formatNumber(group.stillDemanded, locale))}</strong>
          </>
        )}
      </p>
      <p>
        {group.shared ? <StateBadge document={{ ...group.documents[0]!, copies: group.asked ? 1 : 0 }} /> : <span class="badge neutral">{m.mixedStates}</span>}
      </p>
      {group.documents.length === 1 ? (
        <p class="meta">
          {localised(group.documents[0]!.manualTitleTh, group.documents[0]!.manualTitleEn, locale)} · {copiesText(m, group.documents[0]!.copies, locale)}
        </p>
      ) : (
        <details class="zc-list">
          <summary>{m.showManuals(formatNumber(group.documents.length, locale))}</summary>
          <ul class="zc-manuals">
            {group.documents.map((document) => (
              <li key={document.documentId}>
                <span>{localised(document.manualTitleTh, document.manualTitleEn, locale)}</span>
                <span class="meta"> · {copiesText(m, document.copies, locale)}</span>
                <br />
                <StateBadge document={document} />
              </li>
            ))}
          </ul>
        </details>
      )}
      {point.canManage && (
        <details class="zc-edit" open={form !== null}>
          <summary>{m.change}</summary>
        <form method="post" action={`${href(`/office/points/${point.code}/zero-copy`)}#${anchor}`} class="zc-form" aria-label={m.formLegend(uniqueName)} novalidate>
          <CsrfField />
          <input type="hidden" name="group" value={String(group.documents[0]!.documentId)} />
          {issues.length > 0 && (
            <ul class="notice error" role="alert">
              {issues.map((issue) => (
                <li key={issue.field}>
                  <a href={`#f-${issue.field}`}>{issue[locale]}</a>
                </li>
              ))}
            </ul>
          )}
          {group.documents.length > 1 ? (
            <fieldset id={`f-${anchor}.documents`} tabIndex={-1}>
              <legend>{m.applyTo}</legend>
              <p class="hint">{m.applyToHint}</p>
              <ul class="check-grid">
                {group.documents.map((document) => (
                  <li key={document.documentId}>
                    <label class="choice">
                      <input type="checkbox" name="document" value={String(document.documentId)} checked={chosen.has(document.documentId)} />
                      <span>{localised(document.manualTitleTh, document.manualTitleEn, locale)}</span>
                    </label>
                  </li>
                ))}
              </ul>
            </fieldset>
          ) : (
            <input type="hidden" name="document" value={String(group.documents[0]!.documentId)} />
          )}
          <RadioGroup
            name="status"
            id={`${anchor}.status`}
            legend={m.status}
            issues={issues}
            value={status}
            options={[
              { value: 'verified_at_source', label: m.optionVerified },
              { value: 'copy_by_office', label: m.optionByOffice },
              { value: 'copy_required', label: m.optionRequired },
            ]}
          />
          <RadioGroup
            name="method"
            id={`${anchor}.method`}
            legend={m.method}
            issues={issues}
            value={method}
            className="zc-when-verified"
            options={[
              { value: 'smart_card', label: m.methodSmartCard },
              { value: 'data_link', label: m.methodDataLink },
            ]}
          />
          <div class="zc-when-required">
            <div class={reasonError ? 'field has-error' : 'field'}>
              <label for={`f-${anchor}.reason`}>{m.reason}</label>
              <p class="hint" id={`${anchor}-reason-hint`}>
                {m.reasonHint}
              </p>
              {reasonError && (
                <p class="field-error" id={`${anchor}-reason-error`}>
                  {reasonError}
                </p>
              )}
              <textarea
                id={`f-${anchor}.reason`}
                name="reason"
                rows={2}
                maxLength={500}
                aria-describedby={[`${anchor}-reason-hint`, reasonError ? `${anchor}-reason-error` : null].filter(Boolean).join(' ')}
                aria-invalid={reasonError !== null}
              >
                {reason}
              </textarea>
            </div>
            <div class={planError ? 'field has-error' : 'field'}>
              <label for={`f-${anchor}.plan_date`}>{m.planDate}</label>
              <p class="hint" id={`${anchor}-plan-hint`}>
                {m.planDateHint}
              </p>
              {planError && (
                <p class="field-error" id={`${anchor}-plan-error`}>
                  {planError}
                </p>
              )}
              <input
                id={`f-${anchor}.plan_date`}
                name="plan_date"
                type="date"
                value={planDate}
                min={addDays(today, 1)}
                max={addDays(today, 5 * 366)}
                aria-describedby={[`${anchor}-plan-hint`, planError ? `${anchor}-plan-error` : null].filter(Boolean).join(' ')}
                aria-invalid={planError !== null}
              />
            </div>
          </div>
          <button type="submit" aria-label={m.save(uniqueName)}>
            {m.saveShort}
          </button>
        </form>
        </details>
      )}
    </div>
  );
}

function ZeroCopyPage({ point, documents, saved, form }: { point: OfficePoint; documents: DocumentAtPoint[]; saved: boolean; form: GroupForm | null }) {
  const m = useMessages(officeZeroCopyMessages);
  const href = useHref();
  const { locale } = useView();
  const count = countCopies(documents);
  const groups = groupDocuments(documents);
  const asked = groups.filter((g) => g.asked);
  const notAsked = groups.filter((g) => !g.asked);
  const formFor = (group: DocumentGroup) => (form && form.anchor === `g${group.documents[0]!.documentId}` ? form : null);
  const title = m.heading;
  const n = (value: number) => formatNumber(value, locale);
  return (
    <PointPage point={point} tab="zero-copy" title={title} notice={saved ? m.saved : null}>
        <p>{m.intro}</p>
        {documents.length === 0 ? (
          <p>
            {m.noManuals} <a href={href(`/office/points/${point.code}/manuals`)}>{m.addManuals}</a>
          </p>
        ) : (
          <>
            <section class={count.stillDemanded > 0 ? 'status-box warn' : 'status-box ok'} aria-labelledby="zc-count">
              <p class="zc-count" id="zc-count">
                <strong>{count.stillDemanded > 0 ? m.stillDemanded(n(count.stillDemanded)) : m.noneDemanded}</strong>
              </p>
              <p class="meta">{m.countRule(n(count.asked))}</p>
              <p class="meta">{m.breakdown}:</p>
              <ul class="meta zc-breakdown">
                <li>
                  {m.stateVerified}: {n(count.byState.verified_at_source)}
                </li>
                <li>
                  {m.stateByOffice}: {n(count.byState.copy_by_office)}
                </li>
                <li>
                  {m.stateRequired}: {n(count.byState.copy_required)}
                </li>
                <li>
                  {m.stateUndeclared}: {n(count.byState.undeclared)}
                </li>
              </ul>
            </section>
            <h3>{m.askedTitle(n(asked.length))}</h3>
            {asked.map((group) => (
              <GroupCard key={group.key} point={point} group={group} form={formFor(group)} />
            ))}
            {notAsked.length > 0 && (
              <details class="zc-not-asked" open={notAsked.some((group) => formFor(group) !== null)}>
                <summary>
                  <h3>{m.notAskedTitle(n(notAsked.length))}</h3>
                </summary>
                <p class="hint">{m.notAskedHint}</p>
                {notAsked.map((group) => (
                  <GroupCard key={group.key} point={point} group={group} form={formFor(group)} />
                ))}
              </details>
            )}
          </>
        )}
    </PointPage>
  );
}

// ─── Routes ──────────────────────────────────────────────────────────────────────────────────

const DocumentId = Type.String({ pattern: '^\\d{1,9}$' });
export const ZeroCopyForm = Type.Object({
  group: DocumentId,
  document: Type.Optional(Type.Union([DocumentId, Type.Array(DocumentId, { maxItems: 200 })])),
  status: Type.Optional(Type.Union([Type.Literal(''), ...ZERO_COPY_STATUSES.map((s) => Type.Literal(s))])),
  method: Type.Optional(Type.Union([Type.Literal(''), ...VERIFY_METHODS.map((s) => Type.Literal(s))])),
  reason: Type.Optional(Type.String({ maxLength: 2000 })),
  plan_date: Type.Optional(Type.String({ maxLength: 40 })),
  _csrf: Type.Optional(Type.String({ maxLength: 200 })),
});

/** Checks one group's form; returns the declaration to store, or the problems. */
function readDeclaration(body: { status?: string; method?: string; reason?: string; plan_date?: string }, documentIds: number[], anchor: string): { declaration: Declaration | null; issues: FieldIssue[] } {
  const th = officeZeroCopyMessages.th;
  const en = officeZeroCopyMessages.en;
  const issues: FieldIssue[] = [];
  const issue = (field: string, key: keyof M & string) => issues.push({ field: `${anchor}.${field}`, th: th[key] as string, en: en[key] as string });
  if (documentIds.length === 0) issue('documents', 'issueDocuments');
  const status = (ZERO_COPY_STATUSES as readonly string[]).includes(body.status ?? '') ? (body.status as ZeroCopyStatus) : null;
  if (!status) issue('status', 'issueStatus');
  let method: VerifyMethod | null = null;
  let reason: string | null = null;
  let planDate: string | null = null;
  if (status === 'verified_at_source') {
    method = (VERIFY_METHODS as readonly string[]).includes(body.method ?? '') ? (body.method as VerifyMethod) : null;
    if (!method) issue('method', 'issueMethod');
  }
  if (status === 'copy_required') {
    reason = (body.reason ?? '').trim() || null;
    if (!reason) issue('reason', 'issueReason');
    else if (reason.length > 500) issue('reason', 'issueReasonLong');
    const date = (body.plan_date ?? '').trim();
    const today = bangkokDate();
    if (!date) issue('plan_date', 'issuePlanMissing');
    else if (!isCalendarDate(date)) issue('plan_date', 'issuePlanFormat');
    else if (date <= today) issue('plan_date', 'issuePlanPast');
    else if (date > addDays(today, 5 * 366)) issue('plan_date', 'issuePlanFar');
    else planDate = date;
  }
  return issues.length || !status ? { declaration: null, issues } : { declaration: { status, method, reason, planDate }, issues };
}

export const officeZeroCopyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/office/points/:code/zero-copy',
    { schema: { params: PointCodeParams, querystring: Type.Object({ done: Type.Optional(Type.Literal('saved')) }) } },
    async (request, reply) => {
      const point = await officePoint(app.db, request.params.code, actorOf(request), 'read');
      return sendPage(request, reply, <ZeroCopyPage point={point} documents={await documentsAtPoint(app.db, point.id)} saved={request.query.done === 'saved'} form={null} />);
    },
  );

  app.post('/office/points/:code/zero-copy', { schema: { params: PointCodeParams, body: ZeroCopyForm } }, async (request, reply) => {
    const actor = actorOf(request);
    const point = await officePoint(app.db, request.params.code, actor, 'manage');
    const documents = await documentsAtPoint(app.db, point.id);
    // The form of one card: its group, and the documents of the group it applies to.
    const group = groupDocuments(documents).find((g) => g.documents.some((d) => d.documentId === Number(request.body.group)));
    if (!group) throw new AppError('not_found');
    const inGroup = new Map(group.documents.map((d) => [d.documentId, d]));
    const documentIds = [...new Set([request.body.document ?? []].flat().map(Number))];
    if (documentIds.some((id) => !inGroup.has(id))) throw new AppError('not_found');
    const anchor = `g${group.documents[0]!.documentId}`;
    const { declaration, issues } = readDeclaration(request.body, documentIds, anchor);
    if (!declaration) {
      const form: GroupForm = {
        anchor,
        documentIds,
        status: request.body.status ?? '',
        method: request.body.method ?? '',
        reason: request.body.reason ?? '',
        planDate: request.body.plan_date ?? '',
        issues,
      };
      return sendPage(request, reply, <ZeroCopyPage point={point} documents={documents} saved={false} form={form} />, 400);
    }
    await app.db.transaction(async (tx) => {
      const before = new Map(
        (
          await rows<{ documentId: number; status: string; method: string | null; reason: string | null; planDate: string | null }>(
            tx,
            sql`select document_id as "documentId", status, method, reason, plan_date::text as "planDate" from zero_copy_statuses
                where point_id = ${point.id} and document_id in (${sql.join(
                  documentIds.map((id) => sql`${id}`),
                  sql`, `,
                )}) for update`,
          )
        ).map((row) => [row.documentId, row]),
      );
      for (const documentId of documentIds) {
        const old = before.get(documentId);
        const changes = old ? diff(old, declaration) : { status: [null, declaration.status], method: [null, declaration.method], reason: [null, declaration.reason], planDate: [null, declaration.planDate] };
        if (Object.keys(changes).length === 0) continue;
        await tx.execute(sql`
          insert into zero_copy_statuses (point_id, document_id, status, method, reason, plan_date, updated_at, updated_by)
          values (${point.id}, ${documentId}, ${declaration.status}, ${declaration.method}, ${declaration.reason}, ${declaration.planDate}::date, now(), ${actor.userId})
          on conflict (point_id, document_id) do update set status = excluded.status, method = excluded.method, reason = excluded.reason,
            plan_date = excluded.plan_date, updated_at = now(), updated_by = excluded.updated_by`);
        const document = inGroup.get(documentId)!;
        await audit(tx, actor, {
          action: 'zero_copy.set',
          entity: 'zero_copy_status',
          entityId: `${point.id}:${documentId}`,
          organisationId: point.organisation.id,
          pointId: point.id,
          changes: { ...changes, document: document.nameTh, manual: document.manualSlug },
        });
      }
    });
    return reply.redirect(`${localePrefix(request.locale)}/office/points/${point.code}/zero-copy?done=saved#${anchor}`, 303);
  });
};
