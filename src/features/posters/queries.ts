import { and, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { can, scopeSql, type Actor, type OrganisationRef } from '../../auth/access.js';
import { audit } from '../../auth/audit.js';
import { rows, type Db } from '../../db/client.js';
import { servicePoints } from '../../db/schema.js';
import { bangkokDate } from '../../i18n/index.js';

export interface PosterPoint {
  id: number;
  code: string;
  nameTh: string;
  nameEn: string | null;
  organisationTh: string;
  organisationEn: string | null;
  organisation: OrganisationRef;
  postersPrintedAt: Date | null;
}

interface PosterRow extends Omit<PosterPoint, 'organisation' | 'postersPrintedAt'> {
  organisationId: number;
  path: string;
  provinceCode: string | null;
  districtCode: string | null;
  postersPrintedAt: Date | string | null;
}

const SELECT = sql`
  select p.id, p.code, p.name_th as "nameTh", p.name_en as "nameEn", p.posters_printed_at as "postersPrintedAt",
    o.id as "organisationId", o.path, o.province_code as "provinceCode", o.district_code as "districtCode",
    o.name_th as "organisationTh", o.name_en as "organisationEn"
  from service_points p
  join organisations o on o.id = p.organisation_id`;

const toPoint = ({ organisationId, path, provinceCode, districtCode, postersPrintedAt, ...rest }: PosterRow): PosterPoint => ({
  ...rest,
  organisation: { id: organisationId, path, provinceCode, districtCode },
  postersPrintedAt: postersPrintedAt === null ? null : new Date(postersPrintedAt),
});

export async function posterPointByCode(db: Db, code: string): Promise<PosterPoint | null> {
  const [row] = await rows<PosterRow>(db, sql`${SELECT} where p.code = ${code}`);
  return row ? toPoint(row) : null;
}

export interface PosterSet {
  points: PosterPoint[];
  total: number;
}

/**
 * The open service points the actor may read — an officer's organisation subtree, a supervisor's
 * area or line, everything for an admin — optionally within one organisation's subtree, one set
 * of `limit` at a time, in the order of the organisation tree.
 */
export async function posterPointsInScope(
  db: Db,
  actor: Actor,
  { within, offset, limit }: { within: OrganisationRef | null; offset: number; limit: number },
): Promise<PosterSet> {
  const where = sql`p.status = 'active' and ${scopeSql(actor, 'read', 'o')} ${within ? sql`and o.path like ${`${within.path}%`}` : sql``}`;
  const [count] = await rows<{ total: number }>(
    db,
    sql`select count(*)::int as total from service_points p join organisations o on o.id = p.organisation_id where ${where}`,
  );
  const found = await rows<PosterRow>(db, sql`${SELECT} where ${where} order by o.path, p.name_th, p.code offset ${offset} limit ${limit}`);
  return { points: found.map(toPoint), total: count?.total ?? 0 };
}

export type PrintFormat = 'print' | 'pdf' | 'png';

/**
 * Records that the office printed the posters of these points: `posters_printed_at` is what
 * supervisors follow ("poster printed?"). Only a print by someone who manages the point counts — a
 * supervisor looking at it does not make the office compliant. Reprints on the same Bangkok day
 * are not recorded again, so reloading a print page does not flood the audit log.
 * Returns how many points were recorded.
 */
export async function recordPrinted(db: Db, actor: Actor, points: PosterPoint[], format: PrintFormat, size: 'poster' | 'sticker'): Promise<number> {
  const startOfDay = new Date(`${bangkokDate()}T00:00:00+07:00`);
  const due = points.filter((point) => can(actor, 'manage', point.organisation) && (point.postersPrintedAt === null || point.postersPrintedAt < startOfDay));
  if (due.length === 0) return 0;
  const byId = new Map(due.map((point) => [point.id, point]));
  return db.transaction(async (tx) => {
    const now = new Date();
    const updated = await tx
      .update(servicePoints)
      .set({ postersPrintedAt: now })
      .where(
        and(
          inArray(
            servicePoints.id,
            due.map((point) => point.id),
          ),
          or(isNull(servicePoints.postersPrintedAt), lt(servicePoints.postersPrintedAt, startOfDay)),
        ),
      )
      .returning({ id: servicePoints.id });
    for (const { id } of updated) {
      const point = byId.get(id)!;
      await audit(tx, actor, {
        action: 'service_point.poster_printed',
        entity: 'service_point',
        entityId: id,
        organisationId: point.organisation.id,
        pointId: id,
        changes: { postersPrintedAt: [point.postersPrintedAt?.toISOString() ?? null, now.toISOString()], format, size },
      });
    }
    return updated.length;
  });
}
