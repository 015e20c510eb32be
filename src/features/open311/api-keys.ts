/**
 * API keys of Open311 clients. A key is 32 random bytes, shown once to the admin who creates it;
 * only its SHA-256 is stored (a key this long needs no slow hash), so a copy of the database
 * gives no working key. Revoked keys stay listed, for the record of who sent what.
 */
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Actor } from '../../auth/access.js';
import { audit } from '../../auth/audit.js';
import { rows, type Db } from '../../db/client.js';
import { apiKeys } from '../../db/schema.js';

const PREFIX = 'ci311_';

export const hashApiKey = (key: string): string => createHash('sha256').update(key).digest('hex');

export interface ApiKeyRecord {
  id: number;
  name: string;
}

/** The active key with this value, or null (unknown, malformed or revoked). */
export async function activeApiKey(db: Db, key: string | undefined): Promise<ApiKeyRecord | null> {
  if (!key || !key.startsWith(PREFIX) || key.length > 100) return null;
  const [found] = await rows<ApiKeyRecord>(db, sql`select id, name from api_keys where key_hash = ${hashApiKey(key)} and revoked_at is null`);
  return found ?? null;
}

export async function createApiKey(db: Db, actor: Actor, name: string): Promise<{ id: number; key: string }> {
  const key = `${PREFIX}${randomBytes(32).toString('base64url')}`;
  return db.transaction(async (tx) => {
    const [created] = await tx.insert(apiKeys).values({ name, keyHash: hashApiKey(key), createdBy: actor.userId }).returning({ id: apiKeys.id });
    if (!created) throw new Error('api key not stored');
    await audit(tx, actor, { action: 'api_key.create', entity: 'api_key', entityId: created.id, changes: { name } });
    return { id: created.id, key };
  });
}

export async function revokeApiKey(db: Db, actor: Actor, id: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    const revoked = await rows<{ name: string }>(tx, sql`update api_keys set revoked_at = now() where id = ${id} and revoked_at is null returning name`);
    if (revoked.length === 0) return false;
    await audit(tx, actor, { action: 'api_key.revoke', entity: 'api_key', entityId: id, changes: { name: revoked[0]!.name, revoked: true } });
    return true;
  });
}

export interface ApiKeyLine {
  id: number;
  name: string;
  createdAt: Date;
  revokedAt: Date | null;
  createdByName: string | null;
  requests: number;
}

export async function listApiKeys(db: Db): Promise<ApiKeyLine[]> {
  const lines = await rows<ApiKeyLine>(
    db,
    sql`select k.id, k.name, k.created_at as "createdAt", k.revoked_at as "revokedAt",
          case when u.id is null then null else u.first_name || ' ' || u.last_name end as "createdByName",
          (select count(*)::int from complaints c where c.api_key_id = k.id) as requests
        from api_keys k left join users u on u.id = k.created_by
        order by k.revoked_at is not null, k.created_at desc`,
  );
  return lines.map((line) => ({ ...line, createdAt: new Date(line.createdAt), revokedAt: line.revokedAt ? new Date(line.revokedAt) : null }));
}
