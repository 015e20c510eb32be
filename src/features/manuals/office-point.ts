/**
 * A service point as the back-office manual and Zero Copy pages need it. Access is decided by the
 * service-points feature (`pointForActor` / `pointToManage`): a point outside what the actor may
 * read answers 404, reading without the right to manage answers 403 on changes.
 */
import { Type } from '@sinclair/typebox';
import type { Actor, OrganisationRef } from '../../auth/access.js';
import type { Db } from '../../db/client.js';
import { CODE_PATTERN } from '../service-points/codes.js';
import { pointForActor, pointToManage, type PointAccess } from '../service-points/office-queries.js';

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
  /** for the frame of the point's office pages */
  access: PointAccess;
}

export async function officePoint(db: Db, code: string, actor: Actor, action: 'read' | 'manage'): Promise<OfficePoint> {
  const access = action === 'manage' ? await pointToManage(db, actor, code) : await pointForActor(db, actor, code);
  const { point, organisation } = access;
  return {
    id: point.id,
    code: point.code,
    nameTh: point.nameTh,
    nameEn: point.nameEn,
    organisationKind: organisation.kind,
    manualsConfirmedAt: point.manualsConfirmedAt,
    organisation,
    canManage: access.canManage,
    access,
  };
}
