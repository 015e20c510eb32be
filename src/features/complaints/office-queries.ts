/**
 * Reading complaints for the back office. The inbox and a single complaint use the same rule
 * (`scopeSql` / `can` on the complaint's organisation): a list never shows what the page of
 * one complaint would refuse.
 */
import { sql, type SQL } from 'drizzle-orm';
import { can, scopeSql, type Actor, type OrganisationRef } from '../../auth/access.js';
import { rows, type Db } from '../../db/client.js';
import { AppError } from '../../http/errors.js';
import type { Status } from './status.js';

export const INBOX_PAGE_SIZE = 25;
export const AGE_CHOICES = [3, 7, 15, 30] as const;

export interface InboxFilters {
  status?: Status | 'open' | undefined;
  category?: string | undefined;
  pointCode?: string | undefined;
  olderThanDays?: number | undefined;
  page: number;
}

export interface InboxItem {
  trackingNumber: string;
  category: string;
  status: string;
  statusChangedAt: Date;
  createdAt: Date;
  pointCode: string | null;
  pointNameTh: string | null;
  pointNameEn: string | null;
  organisationNameTh: string;
  organisationNameEn: string | null;
}

export async function inbox(db: Db, actor: Actor, filters: InboxFilters): Promise<{ items: InboxItem[]; total: number }> {
  const conditions: SQL[] = [scopeSql(actor, 'read', 'o')];
  if (filters.status === 'open') conditions.push(sql`c.status in ('received', 'accepted', 'in_progress')`);
  else if (filters.status) conditions.push(sql`c.status = ${filters.status}`);
  if (filters.category) conditions.push(sql`c.category = ${filters.category}`);
  if (filters.pointCode) conditions.push(sql`p.code = ${filters.pointCode}`);
  if (filters.olderThanDays) conditions.push(sql`c.created_at < now() - ${filters.olderThanDays} * interval '1 day'`);
  const where = sql.join(conditions, sql` and `);
  const from = sql`from complaints c join organisations o on o.id = c.organisation_id left join service_points p on p.id = c.point_id`;
  const [items, [counted]] = await Promise.all([
    rows<InboxItem>(
      db,
      sql`select c.tracking_number as "trackingNumber", c.category, c.status, c.status_changed_at as "statusChangedAt", c.created_at as "createdAt",
            p.code as "pointCode", p.name_th as "pointNameTh", p.name_en as "pointNameEn",
            o.name_th as "organisationNameTh", o.name_en as "organisationNameEn"
          ${from} where ${where}
          order by c.created_at desc, c.id desc
          limit ${INBOX_PAGE_SIZE} offset ${(filters.page - 1) * INBOX_PAGE_SIZE}`,
    ),
    rows<{ total: number }>(db, sql`select count(*)::int as total ${from} where ${where}`),
  ]);
  return {
    items: items.map((item) => ({ ...item, statusChangedAt: new Date(item.statusChangedAt), createdAt: new Date(item.createdAt) })),
    total: counted?.total ?? 0,
  };
}

export interface OfficeComplaint {
  id: number;
  trackingNumber: string;
  category: string;
  description: string;
  status: Status;
  statusChangedAt: Date;
  publicAnswer: string | null;
  lat: number | null;
  lng: number | null;
  addressText: string | null;
  hasContact: boolean;
  channel: string;
  forwardStatus: string;
  forwardedAt: Date | null;
  externalId: string | null;
  anonymisedAt: Date | null;
  createdAt: Date;
  pointId: number | null;
  pointCode: string | null;
  pointNameTh: string | null;
  pointNameEn: string | null;
  organisation: OrganisationRef;
  organisationNameTh: string;
  organisationNameEn: string | null;
}

export interface OfficeEvent {
  at: Date;
  status: string;
  publicNote: string | null;
  internalNote: string | null;
  source: string;
  byName: string | null;
}

export interface OfficeView {
  complaint: OfficeComplaint;
  events: OfficeEvent[];
  photoIds: number[];
  /** may act on it and see the contact details */
  canManage: boolean;
}

/** One complaint the actor may read, or a 404 that does not tell whether it exists. */
export async function complaintForOffice(db: Db, actor: Actor, trackingNumber: string): Promise<OfficeView> {
  const [row] = await rows<Omit<OfficeComplaint, 'organisation'> & { organisationId: number; path: string; provinceCode: string | null; districtCode: string | null }>(
    db,
    sql`select c.id, c.tracking_number as "trackingNumber", c.category, c.description, c.status, c.status_changed_at as "statusChangedAt",
          c.public_answer as "publicAnswer", c.lat, c.lng, c.address_text as "addressText", c.contact_sealed is not null as "hasContact",
          c.channel, c.forward_status as "forwardStatus", c.forwarded_at as "forwardedAt", c.external_id as "externalId",
          c.anonymised_at as "anonymisedAt", c.created_at as "createdAt",
          c.point_id as "pointId", p.code as "pointCode", p.name_th as "pointNameTh", p.name_en as "pointNameEn",
          o.id as "organisationId", o.path, o.province_code as "provinceCode", o.district_code as "districtCode",
          o.name_th as "organisationNameTh", o.name_en as "organisationNameEn"
        from complaints c
        join organisations o on o.id = c.organisation_id
        left join service_points p on p.id = c.point_id
        where c.tracking_number = ${trackingNumber}`,
  );
  if (!row) throw new AppError('not_found');
  const organisation: OrganisationRef = { id: row.organisationId, path: row.path, provinceCode: row.provinceCode, districtCode: row.districtCode };
  if (!can(actor, 'read', organisation)) throw new AppError('not_found');
  const [events, photos] = await Promise.all([
    rows<OfficeEvent>(
      db,
      sql`select e.at, e.status, e.public_note as "publicNote", e.internal_note as "internalNote", e.source,
            case when u.id is null then null else u.first_name || ' ' || u.last_name end as "byName"
          from complaint_events e left join users u on u.id = e.by_user_id
          where e.complaint_id = ${row.id} order by e.at, e.id`,
    ),
    rows<{ id: number }>(db, sql`select id from complaint_photos where complaint_id = ${row.id} order by id`),
  ]);
  const date = (value: Date | null) => (value ? new Date(value) : null);
  return {
    complaint: {
      ...row,
      organisation,
      statusChangedAt: new Date(row.statusChangedAt),
      createdAt: new Date(row.createdAt),
      forwardedAt: date(row.forwardedAt),
      anonymisedAt: date(row.anonymisedAt),
    },
    events: events.map((event) => ({ ...event, at: new Date(event.at) })),
    photoIds: photos.map((photo) => photo.id),
    canManage: can(actor, 'manage', organisation),
  };
}

export async function complaintPhoto(db: Db, complaintId: number, photoId: number): Promise<Buffer | null> {
  const [photo] = await rows<{ image: Uint8Array }>(db, sql`select image from complaint_photos where id = ${photoId} and complaint_id = ${complaintId}`);
  return photo ? Buffer.from(photo.image.buffer, photo.image.byteOffset, photo.image.byteLength) : null;
}
