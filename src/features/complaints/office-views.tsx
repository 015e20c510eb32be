/** Back-office pages of complaints: the inbox and one complaint. */
import type { FieldIssue } from '../../http/errors.js';
import { CsrfField, Field } from '../../http/forms.js';
import { useHref, useMessages, useView } from '../../http/view.js';
import { OfficeLayout } from '../../http/views/office-layout.js';
import { Localised } from '../../http/views/localised.js';
import { formatDate, formatNumber } from '../../i18n/index.js';
import { COMPLAINT_CATEGORIES, categoryName } from './categories.js';
import type { Contact } from './contact.js';
import { officeComplaintMessages } from './office-messages.js';
import { AGE_CHOICES, INBOX_PAGE_SIZE, type InboxItem, type OfficeView } from './office-queries.js';
import { nextStatuses, STATUSES, statusName, statusTone } from './status.js';

type M = ReturnType<typeof officeComplaintMessages.for>;

function since(from: Date, now: Date, m: M): string {
  const hours = Math.max(0, Math.floor((now.getTime() - from.getTime()) / 3_600_000));
  return m.duration(Math.floor(hours / 24), hours % 24);
}

function forwardText(status: string, m: M): string {
  const texts: Record<string, string> = {
    pending: m.forward_pending,
    delivered: m.forward_delivered,
    dead: m.forward_dead,
    not_configured: m.forward_not_configured,
  };
  return texts[status] ?? status;
}

export interface InboxQuery {
  status: string;
  category: string;
  point: string;
  age: string;
  page: number;
}

function StatusBadge({ status }: { status: string }) {
  const { locale } = useView();
  return <span class={`badge ${statusTone(status)}`}>{statusName(status, locale)}</span>;
}

export function InboxPage({ query, items, total, now, isAdmin }: { query: InboxQuery; items: InboxItem[]; total: number; now: Date; isAdmin: boolean }) {
  const m = useMessages(officeComplaintMessages);
  const href = useHref();
  const { locale } = useView();
  const pages = Math.max(1, Math.ceil(total / INBOX_PAGE_SIZE));
  const pageLink = (page: number) => {
    const params = new URLSearchParams();
    for (const key of ['status', 'category', 'point', 'age'] as const) if (query[key]) params.set(key, query[key]);
    params.set('page', String(page));
    return href(`/office/complaints?${params}`);
  };
  return (
    <OfficeLayout title={m.inboxTitle}>
      <h1>{m.inboxTitle}</h1>
      <p>{m.inboxIntro}</p>
      <form method="get" action={href('/office/complaints')} class="search-form" aria-label={m.filters}>
        <div class="filters">
          <div class="field">
            <label for="f-status">{m.status}</label>
            <select id="f-status" name="status">
              <option value="">{m.anyStatus}</option>
              <option value="open" selected={query.status === 'open'}>
                {m.openOnly}
              </option>
              {STATUSES.map((status) => (
                <option key={status} value={status} selected={query.status === status}>
                  {statusName(status, locale)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="f-category">{m.category}</label>
            <select id="f-category" name="category">
              <option value="">{m.anyCategory}</option>
              {COMPLAINT_CATEGORIES.map((category) => (
                <option key={category.code} value={category.code} selected={query.category === category.code}>
                  {locale === 'th' ? category.nameTh : category.nameEn}
                </option>
              ))}
            </select>
          </div>
          <Field name="point" label={m.point} hint={m.pointHint} issues={[]}>
            {(describedBy) => <input id="f-point" name="point" type="text" value={query.point} maxLength={6} autocapitalize="characters" aria-describedby={describedBy} />}
          </Field>
          <div class="field">
            <label for="f-age">{m.age}</label>
            <select id="f-age" name="age">
              <option value="">{m.anyAge}</option>
              {AGE_CHOICES.map((days) => (
                <option key={days} value={String(days)} selected={query.age === String(days)}>
                  {m.olderThan(days)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <p>
          <button type="submit">{m.filter}</button>
        </p>
      </form>
      <p role="status">{m.count(formatNumber(total, locale))}</p>
      {items.length === 0 ? (
        <p>{m.empty}</p>
      ) : (
        <ul class="result-list complaint-list">
          {items.map((item) => (
            <li key={item.trackingNumber} class="card">
              <h2>
                <a href={href(`/office/complaints/${item.trackingNumber}`)}>{item.trackingNumber}</a> · {categoryName(item.category, locale)}
              </h2>
              <p class="meta-row">
                <StatusBadge status={item.status} />
                <span class="meta">
                  {m.timeInState} {since(item.statusChangedAt, now, m)}
                </span>
              </p>
              <p class="meta">
                {item.pointNameTh ? <Localised th={item.pointNameTh} en={item.pointNameEn} /> : m.organisationLevel} · <Localised th={item.organisationNameTh} en={item.organisationNameEn} /> ·{' '}
                {m.received} {formatDate(item.createdAt, locale, 'dateTime')}
              </p>
            </li>
          ))}
        </ul>
      )}
      {pages > 1 && (
        <nav class="pager" aria-label={m.page(query.page, pages)}>
          {query.page > 1 && (
            <a class="button secondary" href={pageLink(query.page - 1)} rel="prev">
              {m.previous}
            </a>
          )}
          <span>{m.page(query.page, pages)}</span>
          {query.page < pages && (
            <a class="button secondary" href={pageLink(query.page + 1)} rel="next">
              {m.next}
            </a>
          )}
        </nav>
      )}
      {isAdmin && (
        <section aria-labelledby="admin-heading">
          <h2 id="admin-heading">{m.adminLinks}</h2>
          <p class="actions">
            <a class="button secondary" href={href('/office/admin/dead-letters')}>
              {m.deadTitle}
            </a>
            <a class="button secondary" href={href('/office/admin/api-keys')}>
              {m.keysLink}
            </a>
          </p>
        </section>
      )}
    </OfficeLayout>
  );
}

export interface ActionForm {
  to: string;
  public_note: string;
  internal_note: string;
}

export interface DetailProps {
  view: OfficeView;
  now: Date;
  contact: Contact | null;
  notice: string | null;
  issues: FieldIssue[];
  form: ActionForm | null;
}

function ContactSection({ view, contact }: { view: OfficeView; contact: Contact | null }) {
  const m = useMessages(officeComplaintMessages);
  const href = useHref();
  const { complaint } = view;
  return (
    <section aria-labelledby="contact-heading">
      <h2 id="contact-heading">{m.contact}</h2>
      {!complaint.hasContact ? (
        <p>{m.noContact}</p>
      ) : !view.canManage ? (
        <p>{m.contactOnlyHandlers}</p>
      ) : contact ? (
        <>
          <p class="notice" role="status">
            {m.contactLogged}
          </p>
          <dl class="facts">
            <dt>{m.contactName}</dt>
            <dd>{contact.name ?? '—'}</dd>
            <dt>{m.contactPhone}</dt>
            <dd>{contact.phone ? <a href={`tel:${contact.phone.replace(/[^\d+]/g, '')}`}>{contact.phone}</a> : '—'}</dd>
            <dt>{m.contactEmail}</dt>
            <dd>{contact.email ? <a href={`mailto:${contact.email}`}>{contact.email}</a> : '—'}</dd>
          </dl>
        </>
      ) : (
        <form method="post" action={href(`/office/complaints/${complaint.trackingNumber}/contact`)}>
          <CsrfField />
          <p>{m.contactHidden}</p>
          <button type="submit" class="secondary">
            {m.showContact}
          </button>
        </form>
      )}
    </section>
  );
}

function ActionSection({ view, issues, form }: { view: OfficeView; issues: FieldIssue[]; form: ActionForm | null }) {
  const m = useMessages(officeComplaintMessages);
  const href = useHref();
  const { locale } = useView();
  const { complaint } = view;
  if (!view.canManage) return <p class="notice">{m.readOnly}</p>;
  const choices = [...nextStatuses(complaint.status), complaint.status];
  const selected = form?.to ?? choices[0];
  return (
    <section aria-labelledby="action-heading">
      <h2 id="action-heading">{m.action}</h2>
      {issues.length > 0 && (
        <div class="notice error" role="alert">
          <ul>
            {issues.map((issue) => (
              <li key={issue.field}>
                <a href={`#f-${issue.field}`}>{issue[locale]}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <form method="post" action={href(`/office/complaints/${complaint.trackingNumber}`)} class="narrow-form">
        <CsrfField />
        <input type="hidden" name="from" value={complaint.status} />
        <fieldset>
          <legend>{m.nextStatus}</legend>
          <ul class="choice-list">
            {choices.map((status, index) => (
              <li key={status}>
                <label class="choice">
                  <input type="radio" name="to" value={status} id={index === 0 ? 'f-to' : undefined} checked={selected === status} />
                  <span>{status === complaint.status ? m.keepStatus(statusName(status, locale)) : statusName(status, locale)}</span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        <Field name="public_note" label={m.publicAnswer} hint={m.publicAnswerHint} issues={issues}>
          {(describedBy, invalid) => (
            <textarea id="f-public_note" name="public_note" rows={4} maxLength={3000} aria-describedby={describedBy} aria-invalid={invalid}>
              {form?.public_note ?? ''}
            </textarea>
          )}
        </Field>
        <Field name="internal_note" label={m.internalNoteLabel} issues={issues}>
          {(describedBy, invalid) => (
            <textarea id="f-internal_note" name="internal_note" rows={3} maxLength={3000} aria-describedby={describedBy} aria-invalid={invalid}>
              {form?.internal_note ?? ''}
            </textarea>
          )}
        </Field>
        <p class="hint">{m.mailNote}</p>
        <button type="submit">{m.save}</button>
      </form>
    </section>
  );
}

export function DetailPage({ view, now, contact, notice, issues, form }: DetailProps) {
  const m = useMessages(officeComplaintMessages);
  const href = useHref();
  const { locale } = useView();
  const { complaint, events } = view;
  return (
    <OfficeLayout title={m.detailTitle(complaint.trackingNumber)}>
      <p>
        <a href={href('/office/complaints')}>{m.backToInbox}</a>
      </p>
      <h1>
        {m.detailHeading} <span class="tracking-number">{complaint.trackingNumber}</span>
      </h1>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <p class="meta-row">
        <StatusBadge status={complaint.status} />
        <span class="meta">
          {m.timeInState} {since(complaint.statusChangedAt, now, m)}
        </span>
      </p>
      <h2>{m.facts}</h2>
      <dl class="facts complaint-facts">
        <dt>{m.category}</dt>
        <dd>{categoryName(complaint.category, locale)}</dd>
        <dt>{m.targetFact}</dt>
        <dd>
          {complaint.pointCode && complaint.pointNameTh ? (
            <>
              <Localised th={complaint.pointNameTh} en={complaint.pointNameEn} /> ({complaint.pointCode})
            </>
          ) : (
            m.organisationLevel
          )}
          {' · '}
          <Localised th={complaint.organisationNameTh} en={complaint.organisationNameEn} />
        </dd>
        <dt>{m.received}</dt>
        <dd>{formatDate(complaint.createdAt, locale, 'dateTime')}</dd>
        <dt>{m.channel}</dt>
        <dd>{complaint.channel === 'open311' ? m.channel_open311 : m.channel_web}</dd>
        <dt>{m.forwarding}</dt>
        <dd>
          {forwardText(complaint.forwardStatus, m)}
          {complaint.externalId && ` · ${m.centreReference(complaint.externalId)}`}
        </dd>
      </dl>
      <h2>{m.description}</h2>
      {complaint.anonymisedAt ? <p class="meta">{m.anonymised}</p> : <p class="complaint-text">{complaint.description}</p>}
      <h2>{m.location}</h2>
      {complaint.addressText || complaint.lat !== null ? (
        <p>
          {complaint.addressText}
          {complaint.lat !== null && complaint.lng !== null && (
            <>
              {complaint.addressText && ' · '}
              <a href={`https://www.openstreetmap.org/?mlat=${complaint.lat}&mlon=${complaint.lng}#map=18/${complaint.lat}/${complaint.lng}`} rel="noopener noreferrer">
                {complaint.lat.toFixed(5)}, {complaint.lng.toFixed(5)} ({m.openMap})
              </a>
            </>
          )}
        </p>
      ) : (
        <p>{m.noLocation}</p>
      )}
      <h2>{m.photos}</h2>
      {view.photoIds.length === 0 ? (
        <p>{m.noPhotos}</p>
      ) : (
        <ul class="photos plain-list">
          {view.photoIds.map((id, index) => (
            <li key={id}>
              <a href={href(`/office/complaints/${complaint.trackingNumber}/photos/${id}`)}>
                <img src={href(`/office/complaints/${complaint.trackingNumber}/photos/${id}`)} alt={m.photoAlt(index + 1)} loading="lazy" />
              </a>
            </li>
          ))}
        </ul>
      )}
      <ContactSection view={view} contact={contact} />
      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{m.history}</h2>
        <ol class="timeline">
          {events.map((event, index) => (
            <li key={index}>
              <p>
                <strong>{statusName(event.status, locale)}</strong>{' '}
                <span class="meta">
                  · {formatDate(event.at, locale, 'dateTime')} ·{' '}
                  {event.source === 'centre' ? m.sourceCentre : event.byName ? m.by(event.byName) : m.sourceSystem}
                </span>
              </p>
              {event.publicNote && (
                <p>
                  <strong>{m.publicNote}:</strong> {event.publicNote}
                </p>
              )}
              {event.internalNote && (
                <p class="internal-note">
                  <strong>{m.internalNote}:</strong> {event.internalNote}
                </p>
              )}
            </li>
          ))}
        </ol>
      </section>
      <ActionSection view={view} issues={issues} form={form} />
    </OfficeLayout>
  );
}
