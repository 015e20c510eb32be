import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { users } from '../db/schema.js';
import { hasRole, loadGrants, type Actor } from './access.js';
import { findSession, type ActiveSession } from './sessions.js';

export interface SignedIn {
  actor: Actor;
  session: ActiveSession;
  /** supervisors, admins and anyone who turned it on must pass a second factor in each session */
  needsSecondFactor: boolean;
  hasSecondFactor: boolean;
}

/** The approved user behind a session cookie, with their grants; null for anything else. */
export async function signedInFrom(db: Db, sessionId: string): Promise<SignedIn | null> {
  const session = await findSession(db, sessionId);
  if (!session) return null;
  const [user] = await db.select().from(users).where(eq(users.id, session.userId));
  if (!user || user.status !== 'approved') return null;
  const actor: Actor = {
    userId: user.id,
    email: user.email,
    name: `${user.firstName} ${user.lastName}`,
    organisationId: user.organisationId,
    grants: await loadGrants(db, user.id),
  };
  const required = user.totpSecret !== null || hasRole(actor, 'supervisor') || hasRole(actor, 'admin');
  return { actor, session, needsSecondFactor: required && session.secondFactorAt === null, hasSecondFactor: user.totpSecret !== null };
}
