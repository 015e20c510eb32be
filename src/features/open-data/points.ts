/**
 * Reading every active service point for the downloads. At national scale (100,000 points) the
 * rows are read in chunks by keyset pagination on the primary key, so memory stays flat, the
 * response starts at once, and embedded PGlite never runs one long query that blocks the process.
 */
import { sql, type SQL } from 'drizzle-orm';
import { rows, type Db } from '../../db/client.js';
import type { PointFilter } from './filters.js';

export interface OpenPoint {
  id: number;
  code: string;
  nameTh: string;
  nameEn: string | null;
  organisationCode: string;
  organisationTh: string;
  organisationEn: string | null;
  kind: string;
  provinceCode: string;
  provinceTh: string;
  provinceEn: string;
  districtCode: string;
  districtTh: string;
  districtEn: string;
  addressTh: string | null;
  addressEn: string | null;
  postalCode: string | null;
  lat: number;
  lng: number;
  phones: string[];
  website: string | null;
  verification: 'unverified' | 'verified' | 'flagged';
  /** ISO 8601 in UTC, to the second */
  updatedAt: string;
}

export const CHUNK_SIZE = 1000;

/** The filter's conditions on `service_points p` joined with `organisations o` (status aside). */
function filterConditions(filter: PointFilter): SQL[] {
  const conditions: SQL[] = [];
  if (filter.provinceCode) conditions.push(sql`p.province_code = ${filter.provinceCode}`);
  if (filter.districtCode) conditions.push(sql`p.district_code = ${filter.districtCode}`);
  if (filter.kind) conditions.push(sql`o.kind = ${filter.kind}`);
  return conditions;
}

const all = (conditions: SQL[]) => (conditions.length > 0 ? sql.join(conditions, sql` and `) : sql`true`);

/** Active points matching the filter, in chunks of `chunkSize`, ordered by id. */
export async function* activePointChunks(db: Db, filter: PointFilter, chunkSize = CHUNK_SIZE): AsyncGenerator<OpenPoint[]> {
  const conditions = [sql`p.status = 'active'`, ...filterConditions(filter)];
  let after = 0;
  for (;;) {
    const chunk = await rows<OpenPoint>(
      db,
      sql`
        select p.id, p.code, p.name_th as "nameTh", p.name_en as "nameEn",
          o.code as "organisationCode", o.name_th as "organisationTh", o.name_en as "organisationEn", o.kind,
          p.province_code as "provinceCode", pr.name_th as "provinceTh", pr.name_en as "provinceEn",
          p.district_code as "districtCode", d.name_th as "districtTh", d.name_en as "districtEn",
          p.address_th as "addressTh", p.address_en as "addressEn", p.postal_code as "postalCode",
          p.lat, p.lng, p.phones, p.website, p.verification,
          to_char(p.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "updatedAt"
        from service_points p
        join organisations o on o.id = p.organisation_id
        join provinces pr on pr.code = p.province_code
        join districts d on d.code = p.district_code
        where ${all(conditions)} and p.id > ${after}
        order by p.id
        limit ${chunkSize}`,
    );
    if (chunk.length > 0) yield chunk;
    const last = chunk.at(-1);
    if (!last || chunk.length < chunkSize) return;
    after = last.id;
  }
}

export interface PointsVersion {
  /** latest change among the filter's points, closed ones included (closing a point changes the file) */
  lastModified: Date | null;
  activeCount: number;
}

/** What the download's validators are made of: one aggregate, far cheaper than the file itself. */
export async function pointsVersion(db: Db, filter: PointFilter): Promise<PointsVersion> {
  // Epoch milliseconds as a float: the drivers disagree on how they return timestamps.
  const [row] = await rows<{ lastModifiedMs: number | null; activeCount: number }>(
    db,
    sql`
      select (extract(epoch from max(p.updated_at)) * 1000)::float8 as "lastModifiedMs",
        (count(*) filter (where p.status = 'active'))::int as "activeCount"
      from service_points p ${filter.kind ? sql`join organisations o on o.id = p.organisation_id` : sql``}
      where ${all(filterConditions(filter))}`,
  );
  const lastModified = row?.lastModifiedMs == null ? null : new Date(row.lastModifiedMs);
  return { lastModified, activeCount: row?.activeCount ?? 0 };
}
