/**
 * Server-side sessions: the browser holds only an opaque random id in an HttpOnly, SameSite=Lax
 * cookie; the database holds its SHA-256, so a leaked table does not give sessions away. A new id is
 * issued at every sign-in (no fixation); sessions expire after 12 hours or 2 idle hours and can be
 * revoked one by one or all at once (password reset).
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { sessions } from '../db/schema.js';

export const SESSION_COOKIE = 'ci_session';
const ABSOLUTE_MS = 12 * 60 * 60 * 1000;
const IDLE_MS = 2 * 60 * 60 * 1000;
/** `last_seen_at` is written at most this often, to keep page views read-only. */
const TOUCH_MS = 5 * 60 * 1000;

export const hashSessionId = (id: string): string => createHash('sha256').update(id).digest('hex');

export async function createSession(db: Db, userId: number, userAgent: string | undefined): Promise<{ id: string; expiresAt: Date }> {
  const id = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + ABSOLUTE_MS);
  await db.insert(sessions).values({ idHash: hashSessionId(id), userId, expiresAt, userAgent: userAgent?.slice(0, 300) ?? null });
  return { id, expiresAt };
}

export interface ActiveSession {
  idHash: string;
  userId: number;
  secondFactorAt: Date | null;
}

export async function findSession(db: Db, id: string): Promise<ActiveSession | null> {
  if (!/^[\w-]{43}$/.test(id)) return null;
  const idHash = hashSessionId(id);
  const now = new Date();
  const [row] = await db
    .select({ idHash: sessions.idHash, userId: sessions.userId, secondFactorAt: sessions.secondFactorAt, lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .where(and(eq(sessions.idHash, idHash), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)));
  if (!row || now.getTime() - row.lastSeenAt.getTime() > IDLE_MS) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_MS) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.idHash, idHash));
  }
  return { idHash: row.idHash, userId: row.userId, secondFactorAt: row.secondFactorAt };
}

export async function markSecondFactor(db: Db, idHash: string): Promise<void> {
  await db.update(sessions).set({ secondFactorAt: new Date() }).where(eq(sessions.idHash, idHash));
}

export async function revokeSession(db: Db, idHash: string): Promise<void> {
  await db.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.idHash, idHash));
}

export async function revokeUserSessions(db: Db, userId: number, exceptIdHash?: string): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), exceptIdHash ? sql`${sessions.idHash} <> ${exceptIdHash}` : sql`true`));
}

export function sessionCookieOptions(secure: boolean, expiresAt?: Date) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure, ...(expiresAt ? { expires: expiresAt } : {}) };
}
