/**
 * A service point as the back-office manual and Zero Copy pages need it, with the access decision:
 * a point outside what the actor may read answers 404 (its existence does not leak); reading
 * without the right to manage answers 403 on changes.
 */
import { Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import { can, type Action, type Actor, type OrganisationRef } from '../../auth/access.js';
import { rows, type Db } from '../../db/client.js';
import { AppError } from '../../http/errors.js';
import { CODE_PATTERN } from '../service-points/codes.js';

export const PointCodeParams = Type.Object({ code: Type.String({ pattern: CODE_PATTERN }) });

export interface OfficePoint {
  id: number;
  code: string;
  nameTh: string;
  nameEn: string | null;
  organisationKind: string;
  manualsConfirmedAt: Date | null;
  organisation: OrganisationRef;
  /** the actor may change the point's manuals and Zero Copy states */
  canManage: boolean;
}

interface PointRow extends Omit<OfficePoint, 'organisation' | 'canManage'> {
  organisationId: number;
  path: string;
  provinceCode: string | null;
  districtCode: string | null;
}

export async function officePoint(db: Db, code: string, actor: Actor, action: Extract<Action, 'read' | 'manage'>): Promise<OfficePoint> {
  const [row] = await rows<PointRow>(
    db,
    sql`select p.id, p.code, p.name_th as "nameTh", p.name_en as "nameEn", p.manuals_confirmed_at as "manualsConfirmedAt",
          o.id as "organisationId", o.kind as "organisationKind", o.path, o.province_code as "provinceCode", o.district_code as "districtCode"
        from service_points p join organisations o on o.id = p.organisation_id
        where p.code = ${code}`,
  );
  if (!row) throw new AppError('not_found');
  const organisation: OrganisationRef = { id: row.organisationId, path: row.path, provinceCode: row.provinceCode, districtCode: row.districtCode };
  if (!can(actor, 'read', organisation)) throw new AppError('not_found');
  const canManage = can(actor, 'manage', organisation);
  if (action === 'manage' && !canManage) throw new AppError('forbidden');
  return {
    id: row.id,
    code: row.code,
    nameTh: row.nameTh,
    nameEn: row.nameEn,
    organisationKind: row.organisationKind,
    manualsConfirmedAt: row.manualsConfirmedAt === null ? null : new Date(row.manualsConfirmedAt),
    organisation,
    canManage,
  };
}
