/** Reading complaints as Open311 service requests. */
import { sql, type SQL } from 'drizzle-orm';
import { rows, type Db } from '../../db/client.js';

export interface RequestFilters {
  ids?: string[] | undefined;
  serviceCodes?: string[] | undefined;
  start?: Date | undefined;
  end?: Date | undefined;
  /** open: not yet resolved or rejected */
  state?: 'open' | 'closed' | undefined;
  organisationId?: number | undefined;
  page: number;
  pageSize: number;
}

export interface RequestRow {
  trackingNumber: string;
  category: string;
  status: string;
  publicAnswer: string | null;
  description: string;
  createdAt: Date;
  statusChangedAt: Date;
  lat: number | null;
  lng: number | null;
  addressText: string | null;
  apiKeyId: number | null;
  anonymisedAt: Date | null;
  organisationNameTh: string;
  pointLat: number | null;
  pointLng: number | null;
  pointAddressTh: string | null;
  pointPostalCode: string | null;
  /** the last change of any kind, for updated_datetime */
  updatedAt: Date;
}

export async function serviceRequests(db: Db, filters: RequestFilters): Promise<RequestRow[]> {
  const conditions: SQL[] = [sql`true`];
  if (filters.ids) conditions.push(sql`c.tracking_number in (${sql.join(filters.ids.map((id) => sql`${id}`), sql`, `)})`);
  if (filters.serviceCodes) conditions.push(sql`c.category in (${sql.join(filters.serviceCodes.map((code) => sql`${code}`), sql`, `)})`);
  if (filters.start) conditions.push(sql`c.created_at >= ${filters.start}`);
  if (filters.end) conditions.push(sql`c.created_at <= ${filters.end}`);
  if (filters.state === 'open') conditions.push(sql`c.status in ('received', 'accepted', 'in_progress')`);
  if (filters.state === 'closed') conditions.push(sql`c.status in ('resolved', 'rejected')`);
  if (filters.organisationId) conditions.push(sql`c.organisation_id = ${filters.organisationId}`);
  const found = await rows<RequestRow>(
    db,
    sql`select c.tracking_number as "trackingNumber", c.category, c.status, c.public_answer as "publicAnswer", c.description,
          c.created_at as "createdAt", c.status_changed_at as "statusChangedAt", c.lat, c.lng, c.address_text as "addressText",
          c.api_key_id as "apiKeyId", c.anonymised_at as "anonymisedAt", o.name_th as "organisationNameTh",
          p.lat as "pointLat", p.lng as "pointLng", p.address_th as "pointAddressTh", p.postal_code as "pointPostalCode",
          coalesce((select max(e.at) from complaint_events e where e.complaint_id = c.id), c.created_at) as "updatedAt"
        from complaints c
        join organisations o on o.id = c.organisation_id
        left join service_points p on p.id = c.point_id
        where ${sql.join(conditions, sql` and `)}
        order by c.created_at desc, c.id desc
        limit ${filters.pageSize} offset ${(filters.page - 1) * filters.pageSize}`,
  );
  const date = (value: Date | null) => (value ? new Date(value) : null);
  return found.map((row) => ({
    ...row,
    createdAt: new Date(row.createdAt),
    statusChangedAt: new Date(row.statusChangedAt),
    updatedAt: new Date(row.updatedAt),
    anonymisedAt: date(row.anonymisedAt),
  }));
}
