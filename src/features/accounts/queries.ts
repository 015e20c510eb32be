import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { scopeSql, type Actor } from '../../auth/access.js';
import { rows, type Db } from '../../db/client.js';
import { emailTokens, roleGrants, users } from '../../db/schema.js';

export type TokenPurpose = 'verify-email' | 'reset-password';

const LOCK_AFTER = 5;
const LOCK_MINUTES = 15;

export const normaliseEmail = (email: string): string => email.trim().toLowerCase();
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function userByEmail(db: Db, email: string) {
  const [user] = await db.select().from(users).where(eq(users.email, normaliseEmail(email)));
  return user ?? null;
}

/** A single-use e-mail link token; only its hash is stored. */
export async function createEmailToken(db: Db, userId: number, purpose: TokenPurpose, validMinutes: number): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.insert(emailTokens).values({ tokenHash: hashToken(token), userId, purpose, expiresAt: new Date(Date.now() + validMinutes * 60_000) });
  return token;
}

/** The user of an unused, unexpired token, without using it up. */
export async function peekEmailToken(db: Db, token: string, purpose: TokenPurpose): Promise<number | null> {
  if (!/^[\w-]{43}$/.test(token)) return null;
  const [row] = await db
    .select({ userId: emailTokens.userId })
    .from(emailTokens)
    .where(and(eq(emailTokens.tokenHash, hashToken(token)), eq(emailTokens.purpose, purpose), isNull(emailTokens.usedAt), gt(emailTokens.expiresAt, new Date())));
  return row?.userId ?? null;
}

/** Uses a token up; returns its user, or null if it was already used (a replayed form). */
export async function consumeEmailToken(db: Db, token: string, purpose: TokenPurpose): Promise<number | null> {
  if (!/^[\w-]{43}$/.test(token)) return null;
  const used = await db
    .update(emailTokens)
    .set({ usedAt: new Date() })
    .where(and(eq(emailTokens.tokenHash, hashToken(token)), eq(emailTokens.purpose, purpose), isNull(emailTokens.usedAt), gt(emailTokens.expiresAt, new Date())))
    .returning({ userId: emailTokens.userId });
  return used[0]?.userId ?? null;
}

/** Counts a wrong password; the fifth in a row locks the account for 15 minutes. */
export async function recordFailedSignIn(db: Db, userId: number): Promise<void> {
  await db.execute(sql`
    update users set
      failed_sign_ins = case when failed_sign_ins + 1 >= ${LOCK_AFTER} then 0 else failed_sign_ins + 1 end,
      locked_until = case when failed_sign_ins + 1 >= ${LOCK_AFTER} then now() + ${LOCK_MINUTES} * interval '1 minute' else locked_until end
    where id = ${userId}`);
}

export async function recordSuccessfulSignIn(db: Db, userId: number): Promise<void> {
  await db.update(users).set({ failedSignIns: 0, lockedUntil: null }).where(eq(users.id, userId));
}

export interface PendingAccount {
  id: number;
  name: string;
  email: string;
  phone: string | null;
  organisationId: number;
  organisationTh: string;
  organisationEn: string | null;
  createdAt: Date;
}

/** Accounts with a confirmed e-mail waiting for approval, within what the actor may approve. */
export async function pendingAccounts(db: Db, actor: Actor): Promise<PendingAccount[]> {
  return rows<PendingAccount>(
    db,
    sql`
      select u.id, u.first_name || ' ' || u.last_name as name, u.email, u.phone, u.organisation_id as "organisationId",
        o.name_th as "organisationTh", o.name_en as "organisationEn", u.created_at as "createdAt"
      from users u join organisations o on o.id = u.organisation_id
      where u.status = 'pending' and ${scopeSql(actor, 'approve')}
      order by u.created_at
      limit 200`,
  );
}

/** Officers (and admins) who should hear that someone of this organisation waits for approval. */
export async function approverEmails(db: Db, organisationId: number): Promise<string[]> {
  const found = await rows<{ email: string }>(
    db,
    sql`
      select distinct u.email
      from users u join role_grants g on g.user_id = u.id, organisations o
      where o.id = ${organisationId} and u.status = 'approved' and (
        (g.role = 'officer' and g.organisation_id = o.id) or
        (g.role = 'supervisor' and (
          (g.organisation_id is not null and o.path like (select path from organisations where id = g.organisation_id) || '%') or
          (g.organisation_id is null and g.district_code is not null and g.district_code = o.district_code) or
          (g.organisation_id is null and g.district_code is null and g.province_code = o.province_code))))
      limit 20`,
  );
  return found.map((row) => row.email);
}

export async function grantOfficer(db: Db, userId: number, organisationId: number): Promise<void> {
  await db.insert(roleGrants).values({ userId, role: 'officer', organisationId });
}
