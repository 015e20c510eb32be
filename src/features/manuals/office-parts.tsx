/** Small pieces shared by the back-office manual and Zero Copy pages. */
import { useMessages, type Children } from '../../http/view.js';
import { PointFrame } from '../service-points/office-views.js';
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

export function StatusBadge({ status }: { status: string }) {
  const m = useMessages(officeManualMessages);
  return status === 'draft' ? <span class="badge warn">{m.draft}</span> : <span class="badge ok">{m.published}</span>;
}

/** A page of one point's back office: the point's frame and tabs, then this page's heading. */
export function PointPage({ point, tab, title, notice, children }: { point: OfficePoint; tab: 'manuals' | 'zero-copy'; title: string; notice?: string | null; children: Children }) {
  return (
    <PointFrame access={point.access} tab={tab} title={title} notice={notice ?? null}>
      <h2>{title}</h2>
      {children}
    </PointFrame>
  );
}
