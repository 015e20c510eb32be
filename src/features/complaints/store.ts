/**
 * Storing complaints and reading them back for the public tracking page. A complaint, its photos,
 * its first history entry and the job that forwards it to the national complaint centre are
 * written in one transaction: the forwarding is never lost, and never sent for a complaint that
 * was not saved.
 */
import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../db/client.js';
import { complaintEvents, complaintPhotos, complaints } from '../../db/schema.js';
import type { Locale } from '../../i18n/index.js';
import { sealContact } from './contact.js';
import { enqueueForward } from './forward.js';
import type { CheckedContent } from './input.js';
import type { ProcessedPhoto } from '../../http/photos.js';
import { newTrackingNumber } from './tracking.js';

export type Channel = 'web' | 'open311';

export interface TargetPoint {
  id: number;
  code: string;
  nameTh: string;
  nameEn: string | null;
  organisationId: number;
  organisationNameTh: string;
  organisationNameEn: string | null;
  districtTh: string;
  districtEn: string;
  provinceTh: string;
  provinceEn: string;
  lat: number;
  lng: number;
}

const pointColumns = sql`p.id, p.code, p.name_th as "nameTh", p.name_en as "nameEn", p.organisation_id as "organisationId",
  o.name_th as "organisationNameTh", o.name_en as "organisationNameEn",
  d.name_th as "districtTh", d.name_en as "districtEn", pr.name_th as "provinceTh", pr.name_en as "provinceEn", p.lat, p.lng`;
const pointJoins = sql`from service_points p
  join organisations o on o.id = p.organisation_id
  join districts d on d.code = p.district_code
  join provinces pr on pr.code = p.province_code`;

/** An open service point, by its public code; closed points take no new complaints. */
export async function targetPoint(db: Db, code: string): Promise<TargetPoint | null> {
  const [point] = await rows<TargetPoint>(db, sql`select ${pointColumns} ${pointJoins} where p.code = ${code} and p.status = 'active'`);
  return point ?? null;
}

/**
 * The nearest open service point to a place (KNN on the GiST index), within `maxMetres`. Used to
 * route an Open311 request that names no point: see `src/features/open311/routes.ts`.
 */
export async function nearestPoint(db: Db, lat: number, lng: number, maxMetres: number): Promise<TargetPoint | null> {
  const here = sql`ll_to_earth(${lat}::float8, ${lng}::float8)`;
  const [point] = await rows<TargetPoint & { distance: number }>(
    db,
    sql`select ${pointColumns}, earth_distance(${here}, ll_to_earth(p.lat, p.lng))::float8 as distance
        ${pointJoins} where p.status = 'active' order by ll_to_earth(p.lat, p.lng) <-> ${here} limit 1`,
  );
  return point && point.distance <= maxMetres ? point : null;
}

export interface TargetOrganisation {
  id: number;
  code: string;
  nameTh: string;
  nameEn: string | null;
  provinceTh: string | null;
  provinceEn: string | null;
}

const organisationSelect = sql`select o.id, o.code, o.name_th as "nameTh", o.name_en as "nameEn", pr.name_th as "provinceTh", pr.name_en as "provinceEn"
  from organisations o left join provinces pr on pr.code = o.province_code`;

export async function targetOrganisation(db: Db, id: number): Promise<TargetOrganisation | null> {
  const [organisation] = await rows<TargetOrganisation>(db, sql`${organisationSelect} where o.id = ${id}`);
  return organisation ?? null;
}

export async function targetOrganisationByCode(db: Db, code: string): Promise<TargetOrganisation | null> {
  const [organisation] = await rows<TargetOrganisation>(db, sql`${organisationSelect} where o.code = ${code}`);
  return organisation ?? null;
}

export interface NewComplaint {
  pointId: number | null;
  organisationId: number;
  content: CheckedContent;
  /** the complainant's language, for the e-mails */
  locale: Locale;
  channel: Channel;
  apiKeyId: number | null;
  photos: ProcessedPhoto[];
  /** shown to the handling officers only, e.g. the media URL an Open311 client gave */
  internalNote: string | null;
}

export interface StoreSettings {
  piiKey: string;
  retentionDays: number;
}

export async function createComplaint(db: Db, settings: StoreSettings, input: NewComplaint): Promise<{ id: number; trackingNumber: string }> {
  const now = new Date();
  const { content } = input;
  return db.transaction(async (tx) => {
    let created: { id: number; trackingNumber: string } | undefined;
    // 31⁵ numbers a year: a clash is rare, and simply drawn again.
    for (let attempt = 0; attempt < 8 && !created; attempt++) {
      [created] = await tx
        .insert(complaints)
        .values({
          trackingNumber: newTrackingNumber(now),
          pointId: input.pointId,
          organisationId: input.organisationId,
          category: content.category,
          description: content.description,
          lat: content.lat,
          lng: content.lng,
          addressText: content.addressText,
          contactSealed: content.contact ? sealContact(settings.piiKey, { ...content.contact, locale: input.locale }) : null,
          consentAt: content.contact ? now : null,
          channel: input.channel,
          apiKeyId: input.apiKeyId,
          retainUntil: new Date(now.getTime() + settings.retentionDays * 86_400_000),
          statusChangedAt: now,
          createdAt: now,
        })
        .onConflictDoNothing({ target: complaints.trackingNumber })
        .returning({ id: complaints.id, trackingNumber: complaints.trackingNumber });
    }
    if (!created) throw new Error('no free tracking number after 8 draws');
    for (const photo of input.photos) {
      await tx.insert(complaintPhotos).values({ complaintId: created.id, image: photo.image, width: photo.width, height: photo.height });
    }
    await tx.insert(complaintEvents).values({ complaintId: created.id, at: now, status: 'received', source: 'system', internalNote: input.internalNote });
    await enqueueForward(tx, created);
    return created;
  });
}

export interface PublicComplaint {
  id: number;
  trackingNumber: string;
  category: string;
  status: string;
  statusChangedAt: Date;
  publicAnswer: string | null;
  createdAt: Date;
  pointCode: string | null;
  pointNameTh: string | null;
  pointNameEn: string | null;
  organisationNameTh: string;
  organisationNameEn: string | null;
  photoCount: number;
}

export interface PublicEvent {
  at: Date;
  status: string;
  publicNote: string | null;
  source: string;
}

/** What the tracking page may show: no description, contact, photos or internal notes. */
export async function publicComplaint(db: Db, trackingNumber: string): Promise<{ complaint: PublicComplaint; events: PublicEvent[] } | null> {
  const [complaint] = await rows<PublicComplaint>(
    db,
    sql`select c.id, c.tracking_number as "trackingNumber", c.category, c.status, c.status_changed_at as "statusChangedAt",
          c.public_answer as "publicAnswer", c.created_at as "createdAt",
          p.code as "pointCode", p.name_th as "pointNameTh", p.name_en as "pointNameEn",
          o.name_th as "organisationNameTh", o.name_en as "organisationNameEn",
          (select count(*)::int from complaint_photos ph where ph.complaint_id = c.id) as "photoCount"
        from complaints c
        join organisations o on o.id = c.organisation_id
        left join service_points p on p.id = c.point_id
        where c.tracking_number = ${trackingNumber}`,
  );
  if (!complaint) return null;
  const events = await rows<PublicEvent>(
    db,
    sql`select at, status, public_note as "publicNote", source from complaint_events where complaint_id = ${complaint.id} order by at, id`,
  );
  return {
    complaint: { ...complaint, statusChangedAt: new Date(complaint.statusChangedAt), createdAt: new Date(complaint.createdAt) },
    events: events.map((event) => ({ ...event, at: new Date(event.at) })),
  };
}
