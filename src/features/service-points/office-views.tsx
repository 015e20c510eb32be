/** Back-office views shared by a point's pages, and the list, history and audit pages. */
import type { WeeklyHours } from '../../db/schema.js';
import { useHref, useMessages, useView, type Children } from '../../http/view.js';
import { OfficeLayout } from '../../http/views/office-layout.js';
import { formatDate, formatNumber, messageByKey, type Locale } from '../../i18n/index.js';
import { WEEK_ORDER, weekdayName } from './hours-form.js';
import { officeMessages, type OfficeMessages } from './office-messages.js';
import { PAGE_SIZE, type AuditLine, type PointAccess, type PointListItem, type PointListQuery } from './office-queries.js';

export const localName = (locale: Locale, th: string, en: string | null | undefined): string => (locale === 'en' && en ? en : th);

export function Notice({ text }: { text: string | null }) {
  return text ? (
    <p class="notice" role="status">
      {text}
    </p>
  ) : null;
}

export type PointTab = 'details' | 'pin' | 'hours' | 'photos' | 'manuals' | 'zero-copy' | 'history';

/** The frame of every page of one point: its name, state, and the tabs between its parts. */
export function PointFrame(props: { access: PointAccess; tab: PointTab; title: string; notice?: string | null; head?: Children; children: Children }) {
  const m = useMessages(officeMessages);
  const href = useHref();
  const { locale } = useView();
  const { point, organisation } = props.access;
  const base = `/office/points/${point.code}`;
  const tabs: [PointTab, string, string][] = [
    ['details', base, m.tabDetails],
    ['pin', `${base}/pin`, m.tabPin],
    ['hours', `${base}/hours`, m.tabHours],
    ['photos', `${base}/photos`, m.tabPhotos],
    ['manuals', `${base}/manuals`, m.tabManuals],
    ['zero-copy', `${base}/zero-copy`, m.tabZeroCopy],
    ['history', `${base}/history`, m.tabHistory],
  ];
  const name = localName(locale, point.nameTh, point.nameEn);
  return (
    <OfficeLayout title={`${props.title} · ${name}`} head={props.head}>
      <p class="crumbs-line">
        <a href={href('/office/points')}>{m.backToList}</a>
      </p>
      <h1>{name}</h1>
      <p class="meta">
        {m.code} {point.code} · {localName(locale, organisation.nameTh, organisation.nameEn)}
      </p>
      <p class="meta-row">
        {point.status === 'closed' && <span class="badge bad">{m.closedBadge}</span>}
        <VerificationBadge verification={point.verification} />
        <a href={href(`/p/${point.code}`)}>{m.publicPage}</a>
        <a href={href(`/office/points/${point.code}/poster`)}>{m.posterLink}</a>
      </p>
      <nav aria-label={m.pointNav} class="tabs">
        {tabs.map(([tab, path, label]) => (
          <a key={tab} href={href(path)} aria-current={tab === props.tab ? 'page' : undefined}>
            {label}
          </a>
        ))}
      </nav>
      {point.status === 'closed' && <p class="notice error">{m.closedNotice}</p>}
      {!props.access.canManage && <p class="notice">{m.readOnly}</p>}
      <Notice text={props.notice ?? null} />
      {props.children}
    </OfficeLayout>
  );
}

export function VerificationBadge({ verification }: { verification: string }) {
  const m = useMessages(officeMessages);
  const tone = verification === 'verified' ? 'ok' : verification === 'flagged' ? 'bad' : 'neutral';
  return <span class={`badge ${tone}`}>{messageByKey(m, `verification_${verification}`)}</span>;
}

function PinBadge({ method }: { method: string }) {
  const m = useMessages(officeMessages);
  if (method === 'centroid') return <span class="badge warn">{m.pinApproximate}</span>;
  if (method === 'source-data') return <span class="badge neutral">{m.pinFromSource}</span>;
  return <span class="badge ok">{m.pinPinned}</span>;
}

// ─── The list ───────────────────────────────────────────────────────────────────────────────

export function PointListPage(props: { items: PointListItem[]; total: number; query: PointListQuery; canAdd: boolean; readOnly: boolean }) {
  const m = useMessages(officeMessages);
  const href = useHref();
  const { locale } = useView();
  const { query, total } = props;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const pageLink = (page: number) => {
    const params = new URLSearchParams({ q: query.q, status: query.status, verification: query.verification, page: String(page) });
    return href(`/office/points?${params.toString()}`);
  };
  return (
    <OfficeLayout title={m.pointsTitle}>
      <h1>{m.pointsTitle}</h1>
      <p>{props.readOnly ? m.pointsIntroReadOnly : m.pointsIntro}</p>
      {props.canAdd && (
        <p class="actions">
          <a class="button" href={href('/office/points/new')}>
            {m.newPoint}
          </a>
        </p>
      )}
      <form method="get" action={href('/office/points')} class="search-form" role="search" aria-label={m.filterLegend}>
        <div class="filters">
          <div>
            <label for="f-q">{m.searchLabel}</label>
            <input id="f-q" name="q" type="search" value={query.q} maxLength={200} />
          </div>
          <div>
            <label for="f-status">{m.statusLabel}</label>
            <select id="f-status" name="status">
              {(['all', 'active', 'closed'] as const).map((status) => (
                <option key={status} value={status} selected={query.status === status}>
                  {{ all: m.statusAll, active: m.statusActive, closed: m.statusClosed }[status]}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="f-verification">{m.verificationLabel}</label>
            <select id="f-verification" name="verification">
              {(['all', 'unverified', 'verified', 'flagged'] as const).map((verification) => (
                <option key={verification} value={verification} selected={query.verification === verification}>
                  {verification === 'all' ? m.verificationAny : messageByKey(m, `verification_${verification}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div>
          <button type="submit">{m.filter}</button>
        </div>
      </form>
      <p aria-live="polite">
        <strong>{m.found(formatNumber(total, locale))}</strong>
      </p>
      {props.items.length === 0 ? (
        <p>{m.empty}</p>
      ) : (
        <ul class="result-list">
          {props.items.map((item) => (
            <li key={item.code} class="card">
              <h2>
                <a href={href(`/office/points/${item.code}`)}>{localName(locale, item.nameTh, item.nameEn)}</a>
              </h2>
              <p class="meta">
                {m.code} {item.code} · {localName(locale, item.organisationTh, item.organisationEn)} · {locale === 'en' ? `${item.districtEn}, ${item.provinceEn}` : `${item.districtTh} ${item.provinceTh}`}
              </p>
              <p class="meta-row">
                {item.status === 'closed' && <span class="badge bad">{m.closedBadge}</span>}
                <PinBadge method={item.pinMethod} />
                <VerificationBadge verification={item.verification} />
                <span class={item.hoursFilled ? 'badge ok' : 'badge warn'}>{item.hoursFilled ? m.hoursFilled : m.hoursMissing}</span>
                <span class={item.manuals > 0 ? 'badge neutral' : 'badge warn'}>{m.manualsLinked(formatNumber(item.manuals, locale))}</span>
                <span class="badge neutral">{item.postersPrintedAt ? m.postersPrinted(formatDate(new Date(item.postersPrintedAt), locale)) : m.postersNever}</span>
              </p>
            </li>
          ))}
        </ul>
      )}
      {pages > 1 && (
        <nav class="pager" aria-label={m.pager}>
          {query.page > 1 && <a href={pageLink(query.page - 1)}>{m.previous}</a>}
          <span>{m.pageOf(formatNumber(query.page, locale), formatNumber(pages, locale))}</span>
          {query.page < pages && <a href={pageLink(query.page + 1)}>{m.next}</a>}
        </nav>
      )}
    </OfficeLayout>
  );
}

// ─── History and audit ──────────────────────────────────────────────────────────────────────

const isWeek = (value: unknown): value is WeeklyHours => typeof value === 'object' && value !== null && !Array.isArray(value) && WEEK_ORDER.every((day) => day in value);

function showValue(value: unknown, m: OfficeMessages, locale: Locale): string {
  if (value === null || value === undefined || value === '') return m.empty_value;
  if (isWeek(value)) {
    return WEEK_ORDER.map((day) => `${weekdayName(day, locale)} ${value[day].length ? value[day].map((i) => i.join('–')).join(', ') : m.closedDay}`).join('; ');
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return m.empty_value;
    return value.map((item) => (Array.isArray(item) ? item.join('–') : String(item))).join(', ');
  }
  if (typeof value === 'boolean') return value ? '✓' : '✗';
  if (typeof value === 'object') return JSON.stringify(value);
  const text = String(value);
  if (/^\d{4}-\d{2}-\d{2}T/.test(text)) return formatDate(new Date(text), locale, 'dateTime');
  return text;
}

/** Values stored as codes, shown as words. */
const VALUE_LABELS: Record<string, string> = { pinMethod: 'method_', verification: 'verification_', status: 'status_' };

function Changes({ changes }: { changes: Record<string, unknown> }) {
  const m = useMessages(officeMessages);
  const { locale } = useView();
  const entries = Object.entries(changes);
  if (entries.length === 0) return null;
  return (
    <ul class="changes">
      {entries.map(([field, value]) => {
        const prefix = VALUE_LABELS[field];
        const show = (v: unknown) => (prefix && typeof v === 'string' ? messageByKey(m, `${prefix}${v}`, v) : showValue(v, m, locale));
        const pair = Array.isArray(value) && value.length === 2 ? (value as [unknown, unknown]) : null;
        const label = messageByKey(m, `field_${field}`, field);
        return (
          <li key={field}>
            <span class="change-field">{label}</span>:{' '}
            {pair ? (
              pair[0] === null || pair[0] === undefined ? (
                <ins>{show(pair[1])}</ins>
              ) : pair[1] === null || pair[1] === undefined ? (
                <del>{show(pair[0])}</del>
              ) : (
                <>
                  <del>{show(pair[0])}</del> → <ins>{show(pair[1])}</ins>
                </>
              )
            ) : (
              show(value)
            )}
          </li>
        );
      })}
    </ul>
  );
}

export function AuditList({ lines, showPoint, level }: { lines: AuditLine[]; showPoint: boolean; level: 2 | 3 }) {
  const Heading = level === 3 ? 'h3' : 'h2';
  const m = useMessages(officeMessages);
  const href = useHref();
  const { locale } = useView();
  if (lines.length === 0) return <p>{m.auditEmpty}</p>;
  return (
    <ol class="audit-list">
      {lines.map((line) => (
        <li key={line.id} class="card">
          <Heading class="audit-title">{messageByKey(m, `action_${line.action}`, line.action)}</Heading>
          <p class="meta">
            <time dateTime={line.at.toISOString()}>{formatDate(line.at, locale, 'dateTime')}</time> · {line.userName ?? m.system}
            {showPoint && line.organisationTh && <> · {localName(locale, line.organisationTh, line.organisationEn)}</>}
          </p>
          {showPoint && line.pointCode && (
            <p>
              {m.point}: <a href={href(`/office/points/${line.pointCode}/history`)}>{line.pointName ?? line.pointCode}</a> ({line.pointCode})
            </p>
          )}
          <Changes changes={line.changes} />
        </li>
      ))}
    </ol>
  );
}

export function OlderLink({ lines, full, path }: { lines: AuditLine[]; full: boolean; path: (before: number) => string }) {
  const m = useMessages(officeMessages);
  const last = lines[lines.length - 1];
  return full && last ? (
    <nav class="pager" aria-label={m.pager}>
      <a href={path(last.id)}>{m.older}</a>
    </nav>
  ) : null;
}

export function HistoryPage({ access, lines, full, paged }: { access: PointAccess; lines: AuditLine[]; full: boolean; paged: boolean }) {
  const m = useMessages(officeMessages);
  const href = useHref();
  const base = `/office/points/${access.point.code}/history`;
  return (
    <PointFrame access={access} tab="history" title={m.historyTitle}>
      <h2>{m.historyTitle}</h2>
      {paged && (
        <p>
          <a href={href(base)}>{m.newest}</a>
        </p>
      )}
      <AuditList lines={lines} showPoint={false} level={3} />
      <OlderLink lines={lines} full={full} path={(before) => href(`${base}?before=${before}`)} />
    </PointFrame>
  );
}

export function AuditPage({ lines, full, paged, organisationId }: { lines: AuditLine[]; full: boolean; paged: boolean; organisationId: number | null }) {
  const m = useMessages(officeMessages);
  const href = useHref();
  const query = (before?: number) => {
    const params = new URLSearchParams();
    if (organisationId) params.set('organisation', String(organisationId));
    if (before) params.set('before', String(before));
    const text = params.toString();
    return href(`/office/audit${text ? `?${text}` : ''}`);
  };
  return (
    <OfficeLayout title={m.auditTitle}>
      <h1>{m.auditTitle}</h1>
      <p>{m.auditIntro}</p>
      {paged && (
        <p>
          <a href={query()}>{m.newest}</a>
        </p>
      )}
      <AuditList lines={lines} showPoint={true} level={2} />
      <OlderLink lines={lines} full={full} path={(before) => query(before)} />
    </OfficeLayout>
  );
}
