/** Small pieces shared by the back-office manual and Zero Copy pages. */
import type { FieldIssue } from '../../http/errors.js';
import { useHref, useMessages, useView, type Children } from '../../http/view.js';
import { officeManualMessages } from './office-messages.js';
import type { OfficePoint } from './office-point.js';

export function Notice({ text, kind = 'info' }: { text: string | null; kind?: 'info' | 'error' }) {
  if (!text) return null;
  return (
    <p class={kind === 'error' ? 'notice error' : 'notice'} role={kind === 'error' ? 'alert' : 'status'}>
      {text}
    </p>
  );
}

/** The list of problems at the top of a form, each a link to its field. */
export function IssueSummary({ issues, label }: { issues: FieldIssue[]; label?: (field: string) => string }) {
  const m = useMessages(officeManualMessages);
  const { locale } = useView();
  if (issues.length === 0) return null;
  return (
    <div class="notice error" role="alert">
      <p>
        <strong>{m.problemsTitle}</strong>
      </p>
      <ul>
        {issues.map((issue) => (
          <li key={issue.field}>
            <a href={`#f-${issue.field}`}>{label ? `${label(issue.field)}: ${issue[locale]}` : issue[locale]}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function StatusBadge({ status }: { status: string }) {
  const m = useMessages(officeManualMessages);
  return status === 'draft' ? <span class="badge warn">{m.draft}</span> : <span class="badge ok">{m.published}</span>;
}

export const pointName = (point: Pick<OfficePoint, 'nameTh' | 'nameEn'>, locale: 'th' | 'en') => (locale === 'en' && point.nameEn ? point.nameEn : point.nameTh);

/** Breadcrumbs, the page title and the tabs between a point's manuals and its Zero Copy page. */
export function PointHeader({ point, title, current, children }: { point: OfficePoint; title: string; current: 'manuals' | 'zero-copy'; children?: Children }) {
  const m = useMessages(officeManualMessages);
  const href = useHref();
  const { locale } = useView();
  return (
    <>
      <nav aria-label="breadcrumb">
        <ol class="crumbs">
          <li>
            <a href={href('/office')}>{m.officeHome}</a>
          </li>
          <li>
            <a href={href('/office/points')}>{m.points}</a>
          </li>
          <li>
            {pointName(point, locale)} ({point.code})
          </li>
        </ol>
      </nav>
      <h1>{title}</h1>
      <nav class="tabs" aria-label={m.pointTabs}>
        <a href={href(`/office/points/${point.code}/manuals`)} aria-current={current === 'manuals' ? 'page' : undefined}>
          {m.tabManuals}
        </a>
        <a href={href(`/office/points/${point.code}/zero-copy`)} aria-current={current === 'zero-copy' ? 'page' : undefined}>
          {m.tabZeroCopy}
        </a>
      </nav>
      {!point.canManage && <p class="notice">{m.readOnly}</p>}
      {children}
    </>
  );
}
