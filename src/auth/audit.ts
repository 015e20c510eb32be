/** The audit log: who changed what public data and when. Written in the transaction of the change. */
import type { Db } from '../db/client.js';
import { auditLog } from '../db/schema.js';
import type { Actor } from './access.js';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId: string | number;
  organisationId?: number | null;
  pointId?: number | null;
  /** what changed: { field: [before, after] } or the created/removed record */
  changes: Record<string, unknown>;
}

export async function audit(db: Db, actor: Actor | null, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    userId: actor?.userId ?? null,
    organisationId: entry.organisationId ?? null,
    pointId: entry.pointId ?? null,
    action: entry.action,
    entity: entry.entity,
    entityId: String(entry.entityId),
    changes: entry.changes,
  });
}

/** The fields whose values differ, as { field: [before, after] }. */
export function diff<T extends Record<string, unknown>>(before: T, after: Partial<T>): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const [key, value] of Object.entries(after)) {
    if (value !== undefined && JSON.stringify(before[key]) !== JSON.stringify(value)) changes[key] = [before[key], value];
  }
  return changes;
}
