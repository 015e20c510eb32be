/** What the rating pages read: the point being rated and the services (manuals) it offers. */
import { sql } from 'drizzle-orm';
import { cachedPerDbByKey } from '../../db/cache.js';
import { rows, type Db } from '../../db/client.js';

export interface RatedPoint {
  id: number;
  code: string;
  nameTh: string;
  nameEn: string | null;
  organisationNameTh: string;
  organisationNameEn: string | null;
  /** active | closed */
  status: string;
  services: { manualId: number; titleTh: string; titleEn: string | null }[];
}

async function loadPoint(db: Db, code: string): Promise<RatedPoint | null> {
  const [point] = await rows<RatedPoint>(
    db,
    sql`select p.id, p.code, p.name_th as "nameTh", p.name_en as "nameEn", p.status,
          o.name_th as "organisationNameTh", o.name_en as "organisationNameEn",
          (select coalesce(json_agg(json_build_object('manualId', m.id, 'titleTh', m.title_th, 'titleEn', m.title_en) order by m.title_th, m.id), '[]')
            from point_manuals pm join manuals m on m.id = pm.manual_id
            where pm.point_id = p.id and m.status = 'published' and p.status = 'active') as services
        from service_points p join organisations o on o.id = p.organisation_id
        where p.code = ${code}`,
  );
  return point ?? null;
}

/**
 * The point by its public code, kept for a minute in each app process: a busy QR poster costs no
 * query per rating. A point closed or given other services shows within that minute.
 */
export const pointForRating = cachedPerDbByKey(60_000, 20_000, loadPoint);
