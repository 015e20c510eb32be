/**
 * Who may do what, decided on the server for every action. Roles are granted per user:
 * - officer: manages its organisation and everything below it (by `organisations.path`);
 * - supervisor: reads everything in its scope — an organisation subtree (a department, a
 *   provincial office) or an area (a province, or a district) — approves accounts, verifies pins;
 * - admin: everything.
 * Features ask `can(actor, action, organisation)` for one record and `scopeSql(actor, action)`
 * to filter lists, so a list can never show what a direct URL would refuse.
 */
import { eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { organisations, roleGrants } from '../db/schema.js';

export type Role = 'officer' | 'supervisor' | 'admin';

export interface Grant {
  role: Role;
  organisationId: number | null;
  organisationPath: string | null;
  provinceCode: string | null;
  districtCode: string | null;
}

export interface Actor {
  userId: number;
  email: string;
  name: string;
  organisationId: number;
  grants: Grant[];
}

/** What an organisation must tell about itself for a decision. */
export interface OrganisationRef {
  id: number;
  path: string;
  provinceCode: string | null;
  districtCode: string | null;
}

/**
 * - manage: change the organisation's public data (points, hours, manuals, Zero Copy, replies);
 * - read: see its drafts, complaints, audit log and reports;
 * - approve: approve accounts of its officers and verify its pins.
 */
export type Action = 'manage' | 'read' | 'approve';

const grantCovers = (grant: Grant, org: OrganisationRef): boolean => {
  if (grant.organisationPath) return org.path.startsWith(grant.organisationPath);
  if (grant.districtCode) return org.districtCode === grant.districtCode;
  if (grant.provinceCode) return org.provinceCode === grant.provinceCode;
  return false;
};

export function can(actor: Actor, action: Action, org: OrganisationRef): boolean {
  return actor.grants.some((grant) => {
    if (grant.role === 'admin') return true;
    if (grant.role === 'officer') {
      if (action === 'approve') return grant.organisationId === org.id;
      return grantCovers(grant, org);
    }
    // supervisor
    return action !== 'manage' && grantCovers(grant, org);
  });
}

export const hasRole = (actor: Actor, role: Role): boolean => actor.grants.some((grant) => grant.role === role);

/** A condition on an organisations row aliased `alias` that is true exactly where `can` would be. */
export function scopeSql(actor: Actor, action: Action, alias = 'o'): SQL {
  const o = sql.raw(alias);
  const parts: SQL[] = [];
  for (const grant of actor.grants) {
    if (grant.role === 'admin') return sql`true`;
    if (grant.role === 'officer' && action === 'approve') {
      if (grant.organisationId !== null) parts.push(sql`${o}.id = ${grant.organisationId}`);
      continue;
    }
    if (grant.role === 'supervisor' && action === 'manage') continue;
    if (grant.organisationPath) parts.push(sql`${o}.path like ${`${grant.organisationPath}%`}`);
    else if (grant.districtCode) parts.push(sql`${o}.district_code = ${grant.districtCode}`);
    else if (grant.provinceCode) parts.push(sql`${o}.province_code = ${grant.provinceCode}`);
  }
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
}

export async function loadGrants(db: Db, userId: number): Promise<Grant[]> {
  return db
    .select({
      role: sql<Role>`${roleGrants.role}`,
      organisationId: roleGrants.organisationId,
      organisationPath: organisations.path,
      provinceCode: roleGrants.provinceCode,
      districtCode: roleGrants.districtCode,
    })
    .from(roleGrants)
    .leftJoin(organisations, eq(organisations.id, roleGrants.organisationId))
    .where(eq(roleGrants.userId, userId));
}
