/**
 * The public status of a complaint and the steps officers may take. A resolved or rejected
 * complaint can be reopened (back to in progress): people must be able to trust that "resolved"
 * is not the end when it was not true. Rejecting needs a public reason.
 */
import { complaintMessages } from './messages.js';

export const STATUSES = ['received', 'accepted', 'in_progress', 'resolved', 'rejected'] as const;
export type Status = (typeof STATUSES)[number];

export const isStatus = (value: string): value is Status => (STATUSES as readonly string[]).includes(value);

const NEXT: Record<Status, Status[]> = {
  received: ['accepted', 'rejected'],
  accepted: ['in_progress', 'resolved', 'rejected'],
  in_progress: ['resolved', 'rejected'],
  resolved: ['in_progress'],
  rejected: ['in_progress'],
};

export const nextStatuses = (from: Status): Status[] => NEXT[from];

/** Open311 has two states: open until the office has answered for good. */
export const isClosed = (status: string): boolean => status === 'resolved' || status === 'rejected';

export function statusName(status: string, locale: 'th' | 'en'): string {
  const m = complaintMessages.for(locale);
  return isStatus(status) ? m[`status_${status}`] : status;
}

/** Badge class: the text always says the status too, so colour is never the only sign. */
export function statusTone(status: string): 'ok' | 'warn' | 'bad' | 'neutral' {
  if (status === 'resolved') return 'ok';
  if (status === 'rejected') return 'bad';
  if (status === 'received') return 'warn';
  return 'neutral';
}
