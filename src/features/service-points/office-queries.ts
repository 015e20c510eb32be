/**
 * The back office's reads and writes of service points. Every read of one point goes through
 * `pointForActor`, which answers 404 for points outside the actor's scope; lists filter with
 * `scopeSql`, so a list never shows what a direct URL would refuse. Every write runs in one
 * transaction with its audit row.
 */
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { audit, diff } from '../../auth/audit.js';
import { can, scopeSql, type Actor } from '../../auth/access.js';
import { rows, type Db } from '../../db/client.js';
import { hoursExceptions, servicePoints, type WeeklyHours } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import type { Locale } from '../../i18n/index.js';
import { likeEscape, normaliseForSearch } from '../../i18n/text.js';
import { organisationById, type OrganisationRecord } from '../organisations/queries.js';
import { randomPublicCode } from './codes.js';
import type { Interval } from './hours.js';
import { pointSearchText } from './search-text.js';

// ─── One point, as the actor may see it ────────────────────────────────────────────────────

export type PointRecord = typeof servicePoints.$inferSelect;

export interface PointAccess {
  point: PointRecord;
  organisation: OrganisationRecord;
  canManage: boolean;
  /** supervisors (and admins) of its area or line check pins; officers do not check their own */
  canVerify: boolean;
}

export function accessTo(actor: Actor, organisation: OrganisationRecord): { canRead: boolean; canManage: boolean; canVerify: boolean } {
  const overseers = { ...actor, grants: actor.grants.filter((grant) => grant.role !== 'officer') };
  return { canRead: can(actor, 'read', organisation), canManage: can(actor, 'manage', organisation), canVerify: can(overseers, 'approve', organisation) };
}

/** The point with this public code, if the actor may read it; otherwise 404, whether it exists or not. */
export async function pointForActor(db: Db, actor: Actor, code: string): Promise<PointAccess> {
  const [point] = await db.select().from(servicePoints).where(eq(servicePoints.code, code));
  const organisation = point ? await organisationById(db, point.organisationId) : null;
  if (!point || !organisation) throw new AppError('not_found');
  const access = accessTo(actor, organisation);
  if (!access.canRead) throw new AppError('not_found');
  return { point, organisation, canManage: access.canManage, canVerify: access.canVerify };
}

/** Like `pointForActor`, for changes: a reader without the right gets 403, strangers still 404. */
export async function pointToManage(db: Db, actor: Actor, code: string): Promise<PointAccess> {
  const access = await pointForActor(db, actor, code);
  if (!access.canManage) throw new AppError('forbidden');
  return access;
}

// ─── The list ───────────────────────────────────────────────────────────────────────────────

export interface PointListQuery {
  q: string;
  status: 'all' | 'active' | 'closed';
  verification: 'all' | 'unverified' | 'verified' | 'flagged';
  page: number;
}

export interface PointListItem {
  code: string;
  nameTh: string;
  nameEn: string | null;
  organisationTh: string;
  organisationEn: string | null;
  districtTh: string;
  districtEn: string;
  provinceTh: string;
  provinceEn: string;
  status: string;
  verification: string;
  pinMethod: string;
  hoursFilled: boolean;
  manuals: number;
  postersPrintedAt: Date | string | null;
}

export const PAGE_SIZE = 25;

export async function listPoints(db: Db, actor: Actor, query: PointListQuery): Promise<{ items: PointListItem[]; total: number }> {
  const conditions: SQL[] = [scopeSql(actor, 'read', 'o')];
  if (query.status !== 'all') conditions.push(sql`p.status = ${query.status}`);
  if (query.verification !== 'all') conditions.push(sql`p.verification = ${query.verification}`);
  for (const word of normaliseForSearch(query.q).split(' ').filter(Boolean).slice(0, 6)) {
    conditions.push(sql`p.search_text like ${`%${likeEscape(word)}%`}`);
  }
  const where = sql.join(conditions, sql` and `);
  const [counted] = await rows<{ total: number }>(
    db,
    sql`select count(*)::int as total from service_points p join organisations o on o.id = p.organisation_id where ${where}`,
  );
  const items = await rows<PointListItem>(
    db,
    sql`
      select p.code, p.name_th as "nameTh", p.name_en as "nameEn", o.name_th as "organisationTh", o.name_en as "organisationEn",
        d.name_th as "districtTh", d.name_en as "districtEn", pr.name_th as "provinceTh", pr.name_en as "provinceEn",
        p.status, p.verification, p.pin_method as "pinMethod",
        exists (select 1 from jsonb_each(p.hours) e where jsonb_array_length(e.value) > 0) as "hoursFilled",
        (select count(*)::int from point_manuals pm where pm.point_id = p.id) as manuals,
        p.posters_printed_at as "postersPrintedAt"
      from service_points p
      join organisations o on o.id = p.organisation_id
      join districts d on d.code = p.district_code
      join provinces pr on pr.code = p.province_code
      where ${where}
      order by p.status, p.name_th, p.id
      limit ${PAGE_SIZE} offset ${(query.page - 1) * PAGE_SIZE}`,
  );
  return { items, total: counted?.total ?? 0 };
}

// ─── Organisations the actor may add points to ────────────────────────────────────────────

export interface OrganisationOption {
  id: number;
  nameTh: string;
  nameEn: string | null;
  provinceCode: string | null;
  districtCode: string | null;
}

/** Up to `limit` organisations the actor manages whose name contains every word of `q` (all when `q` is empty). */
export async function manageableOrganisations(db: Db, actor: Actor, q: string, limit = 50): Promise<OrganisationOption[]> {
  const words = normaliseForSearch(q).split(' ').filter(Boolean).slice(0, 6);
  const matches = words.map((word) => sql`(lower(o.name_th) like ${`%${likeEscape(word)}%`} or lower(coalesce(o.name_en, '')) like ${`%${likeEscape(word)}%`})`);
  return rows<OrganisationOption>(
    db,
    sql`select o.id, o.name_th as "nameTh", o.name_en as "nameEn", o.province_code as "provinceCode", o.district_code as "districtCode"
        from organisations o
        where ${sql.join([scopeSql(actor, 'manage', 'o'), ...matches], sql` and `)}
        order by length(o.path), o.name_th
        limit ${limit}`,
  );
}

// ─── Geography for the area selects ────────────────────────────────────────────────────────

export interface PlaceOption {
  code: string;
  name: string;
  postalCode?: string | null;
}

const nameColumn = (locale: Locale) => (locale === 'th' ? sql.raw('name_th') : sql.raw('name_en'));

export const provinceOptions = (db: Db, locale: Locale) =>
  rows<PlaceOption>(db, sql`select code, ${nameColumn(locale)} as name from provinces order by ${nameColumn(locale)}`);

export const districtOptions = (db: Db, provinceCode: string, locale: Locale) =>
  rows<PlaceOption>(db, sql`select code, ${nameColumn(locale)} as name from districts where province_code = ${provinceCode} order by ${nameColumn(locale)}`);

export const subdistrictOptions = (db: Db, districtCode: string, locale: Locale) =>
  rows<PlaceOption>(
    db,
    sql`select code, ${nameColumn(locale)} as name, postal_code as "postalCode" from subdistricts where district_code = ${districtCode} order by ${nameColumn(locale)}`,
  );

export interface Area {
  province: { code: string; nameTh: string; nameEn: string; lat: number; lng: number } | null;
  district: { code: string; provinceCode: string; nameTh: string; nameEn: string; postalCode: string | null; lat: number; lng: number } | null;
  subdistrict: { code: string; districtCode: string; nameTh: string; nameEn: string; postalCode: string | null; lat: number; lng: number } | null;
}

/** The places named by a form's codes, each only if it exists (callers check that they nest). */
export async function areaOf(db: Db, provinceCode: string, districtCode: string, subdistrictCode: string): Promise<Area> {
  const [province] = provinceCode
    ? await rows<NonNullable<Area['province']>>(db, sql`select code, name_th as "nameTh", name_en as "nameEn", lat, lng from provinces where code = ${provinceCode}`)
    : [];
  const [district] = districtCode
    ? await rows<NonNullable<Area['district']>>(
        db,
        sql`select code, province_code as "provinceCode", name_th as "nameTh", name_en as "nameEn", postal_code as "postalCode", lat, lng from districts where code = ${districtCode}`,
      )
    : [];
  const [subdistrict] = subdistrictCode
    ? await rows<NonNullable<Area['subdistrict']>>(
        db,
        sql`select code, district_code as "districtCode", name_th as "nameTh", name_en as "nameEn", postal_code as "postalCode", lat, lng from subdistricts where code = ${subdistrictCode}`,
      )
    : [];
  return { province: province ?? null, district: district ?? null, subdistrict: subdistrict ?? null };
}

export async function districtName(db: Db, code: string): Promise<{ nameTh: string; nameEn: string } | null> {
  const [row] = await rows<{ nameTh: string; nameEn: string }>(db, sql`select name_th as "nameTh", name_en as "nameEn" from districts where code = ${code}`);
  return row ?? null;
}

// ─── Writes ─────────────────────────────────────────────────────────────────────────────────

/** Audit changes are always { field: [before, after] }; a new record's fields have no "before". */
const added = (record: Record<string, unknown>) => Object.fromEntries(Object.entries(record).map(([key, value]) => [key, [null, value]]));
const removedFields = (record: Record<string, unknown>) => Object.fromEntries(Object.entries(record).map(([key, value]) => [key, [value, null]]));

/** The public fields of a point that the details form edits. */
export interface PointDetails {
  nameTh: string;
  nameEn: string | null;
  addressTh: string | null;
  addressEn: string | null;
  provinceCode: string;
  districtCode: string;
  subdistrictCode: string | null;
  postalCode: string | null;
  phones: string[];
  website: string | null;
  email: string | null;
}

export interface PinValues {
  lat: number;
  lng: number;
  pinMethod: 'gps' | 'map' | 'typed' | 'link' | 'centroid';
  pinAccuracyM: number | null;
}

async function searchTextOf(db: Db, code: string, organisationId: number, details: PointDetails): Promise<string> {
  const [org] = await rows<{ nameTh: string; nameEn: string | null; abbrTh: string | null }>(
    db,
    sql`select name_th as "nameTh", name_en as "nameEn", abbr_th as "abbrTh" from organisations where id = ${organisationId}`,
  );
  const area = await areaOf(db, details.provinceCode, details.districtCode, details.subdistrictCode ?? '');
  return pointSearchText({
    code,
    names: [details.nameTh, details.nameEn, org?.nameTh, org?.nameEn, org?.abbrTh],
    places: [area.subdistrict?.nameTh, area.subdistrict?.nameEn, area.district?.nameTh, area.district?.nameEn, area.province?.nameTh, area.province?.nameEn, details.postalCode],
  });
}

/** Creates a point with an unused random public code; hours start empty until the office fills them. */
export async function createPoint(db: Db, actor: Actor, organisationId: number, details: PointDetails, pin: PinValues, hours: WeeklyHours): Promise<string> {
  return db.transaction(async (tx) => {
    for (let attempt = 0; attempt < 8; attempt++) {
      const code = randomPublicCode();
      const [created] = await tx
        .insert(servicePoints)
        .values({
          code,
          organisationId,
          ...details,
          ...pin,
          pinnedAt: new Date(),
          pinnedBy: pin.pinMethod === 'centroid' ? null : actor.userId,
          verification: 'unverified',
          hours,
          searchText: await searchTextOf(tx, code, organisationId, details),
        })
        .onConflictDoNothing({ target: servicePoints.code })
        .returning({ id: servicePoints.id });
      if (!created) continue;
      await audit(tx, actor, {
        action: 'service_point.create',
        entity: 'service_point',
        entityId: created.id,
        organisationId,
        pointId: created.id,
        changes: added({ code, organisationId, ...details, ...pin }),
      });
      return code;
    }
    throw new Error('no free public code after 8 attempts');
  });
}

/** The point row, locked for the rest of the transaction so two editors cannot interleave. */
async function lockedPoint(tx: Db, id: number): Promise<PointRecord> {
  const [row] = await tx.select().from(servicePoints).where(eq(servicePoints.id, id)).for('update');
  if (!row) throw new AppError('not_found');
  return row;
}

/** Saves the details form; returns false when nothing changed. */
export async function updateDetails(db: Db, actor: Actor, pointId: number, details: PointDetails): Promise<boolean> {
  return db.transaction(async (tx) => {
    const before = await lockedPoint(tx, pointId);
    const changes = diff(before as unknown as Record<string, unknown>, details as unknown as Record<string, unknown>);
    if (Object.keys(changes).length === 0) return false;
    await tx
      .update(servicePoints)
      .set({ ...details, searchText: await searchTextOf(tx, before.code, before.organisationId, details), updatedAt: new Date() })
      .where(eq(servicePoints.id, pointId));
    await audit(tx, actor, { action: 'service_point.update', entity: 'service_point', entityId: pointId, organisationId: before.organisationId, pointId, changes });
    return true;
  });
}

/** Moves the pin; a moved pin needs checking again. */
export async function updatePin(db: Db, actor: Actor, pointId: number, pin: PinValues): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await lockedPoint(tx, pointId);
    const after = { ...pin, verification: 'unverified' };
    const changes = diff(before as unknown as Record<string, unknown>, after);
    await tx.update(servicePoints).set({ ...after, pinnedAt: new Date(), pinnedBy: actor.userId, updatedAt: new Date() }).where(eq(servicePoints.id, pointId));
    await audit(tx, actor, { action: 'service_point.pin', entity: 'service_point', entityId: pointId, organisationId: before.organisationId, pointId, changes });
  });
}

export async function updateHours(db: Db, actor: Actor, pointId: number, hours: WeeklyHours, closedOnHolidays: boolean): Promise<boolean> {
  return db.transaction(async (tx) => {
    const before = await lockedPoint(tx, pointId);
    const changes = diff(before as unknown as Record<string, unknown>, { hours, closedOnHolidays });
    if (Object.keys(changes).length === 0) return false;
    await tx.update(servicePoints).set({ hours, closedOnHolidays, updatedAt: new Date() }).where(eq(servicePoints.id, pointId));
    await audit(tx, actor, { action: 'service_point.hours', entity: 'service_point', entityId: pointId, organisationId: before.organisationId, pointId, changes });
    return true;
  });
}

export async function setStatus(db: Db, actor: Actor, pointId: number, status: 'active' | 'closed'): Promise<boolean> {
  return db.transaction(async (tx) => {
    const before = await lockedPoint(tx, pointId);
    if (before.status === status) return false;
    await tx.update(servicePoints).set({ status, updatedAt: new Date() }).where(eq(servicePoints.id, pointId));
    await audit(tx, actor, {
      action: status === 'closed' ? 'service_point.close' : 'service_point.reopen',
      entity: 'service_point',
      entityId: pointId,
      organisationId: before.organisationId,
      pointId,
      changes: { status: [before.status, status] },
    });
    return true;
  });
}

/** A supervisor's verdict on the pin; the reason is kept in the audit row. */
export async function setVerification(db: Db, actor: Actor, pointId: number, verification: 'verified' | 'flagged', reason: string): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await lockedPoint(tx, pointId);
    await tx.update(servicePoints).set({ verification, updatedAt: new Date() }).where(eq(servicePoints.id, pointId));
    await audit(tx, actor, {
      action: verification === 'verified' ? 'service_point.verify' : 'service_point.flag',
      entity: 'service_point',
      entityId: pointId,
      organisationId: before.organisationId,
      pointId,
      changes: { verification: [before.verification, verification], reason: [null, reason || null] },
    });
  });
}

export interface LastVerification {
  action: string;
  at: Date;
  userName: string | null;
  reason: string | null;
}

export async function lastVerification(db: Db, pointId: number): Promise<LastVerification | null> {
  const [row] = await rows<LastVerification>(
    db,
    sql`select a.action, a.at, u.first_name || ' ' || u.last_name as "userName", a.changes->'reason'->>1 as reason
        from audit_log a left join users u on u.id = a.user_id
        where a.point_id = ${pointId} and a.action in ('service_point.verify', 'service_point.flag')
        order by a.id desc limit 1`,
  );
  return row ? { ...row, at: new Date(row.at) } : null;
}

export async function pinnedByName(db: Db, userId: number | null): Promise<string | null> {
  if (userId === null) return null;
  const [row] = await rows<{ name: string }>(db, sql`select first_name || ' ' || last_name as name from users where id = ${userId}`);
  return row?.name ?? null;
}

// ─── Date exceptions ────────────────────────────────────────────────────────────────────────

export interface HoursException {
  date: string;
  intervals: Interval[];
  noteTh: string | null;
  noteEn: string | null;
}

/** Exceptions from `from` (a Bangkok date) on; past ones no longer matter to anyone. */
export async function exceptionsOf(db: Db, pointId: number, from: string): Promise<HoursException[]> {
  return db
    .select({ date: hoursExceptions.date, intervals: hoursExceptions.intervals, noteTh: hoursExceptions.noteTh, noteEn: hoursExceptions.noteEn })
    .from(hoursExceptions)
    .where(and(eq(hoursExceptions.pointId, pointId), sql`${hoursExceptions.date} >= ${from}`))
    .orderBy(asc(hoursExceptions.date))
    .limit(200);
}

export async function setException(db: Db, actor: Actor, point: PointRecord, exception: HoursException): Promise<void> {
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(hoursExceptions).where(and(eq(hoursExceptions.pointId, point.id), eq(hoursExceptions.date, exception.date)));
    await tx
      .insert(hoursExceptions)
      .values({ pointId: point.id, ...exception })
      .onConflictDoUpdate({ target: [hoursExceptions.pointId, hoursExceptions.date], set: { intervals: exception.intervals, noteTh: exception.noteTh, noteEn: exception.noteEn } });
    await tx.update(servicePoints).set({ updatedAt: new Date() }).where(eq(servicePoints.id, point.id));
    await audit(tx, actor, {
      action: 'hours_exception.set',
      entity: 'hours_exception',
      entityId: `${point.id}:${exception.date}`,
      organisationId: point.organisationId,
      pointId: point.id,
      changes: before
        ? { date: [exception.date, exception.date], ...diff(before as unknown as Record<string, unknown>, exception as unknown as Record<string, unknown>) }
        : added({ ...exception }),
    });
  });
}

export async function deleteException(db: Db, actor: Actor, point: PointRecord, date: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [removed] = await tx
      .delete(hoursExceptions)
      .where(and(eq(hoursExceptions.pointId, point.id), eq(hoursExceptions.date, date)))
      .returning();
    if (!removed) return false;
    await tx.update(servicePoints).set({ updatedAt: new Date() }).where(eq(servicePoints.id, point.id));
    await audit(tx, actor, {
      action: 'hours_exception.delete',
      entity: 'hours_exception',
      entityId: `${point.id}:${date}`,
      organisationId: point.organisationId,
      pointId: point.id,
      changes: removedFields({ date, intervals: removed.intervals, noteTh: removed.noteTh, noteEn: removed.noteEn }),
    });
    return true;
  });
}

// ─── Audit log ──────────────────────────────────────────────────────────────────────────────

export interface AuditLine {
  id: number;
  at: Date;
  action: string;
  changes: Record<string, unknown>;
  userName: string | null;
  pointCode: string | null;
  pointName: string | null;
  organisationTh: string | null;
  organisationEn: string | null;
}

export const AUDIT_PAGE = 50;

const auditSelect = sql`
  select a.id::text as id, a.at, a.action, a.changes, u.first_name || ' ' || u.last_name as "userName",
    p.code as "pointCode", p.name_th as "pointName", o.name_th as "organisationTh", o.name_en as "organisationEn"
  from audit_log a
  left join users u on u.id = a.user_id
  left join service_points p on p.id = a.point_id
  join organisations o on o.id = a.organisation_id`;

const normalised = (lines: AuditLine[]) => lines.map((line) => ({ ...line, at: new Date(line.at), id: Number(line.id) }));

/** One point's history, newest first, `AUDIT_PAGE` at a time before the id `before`. */
export async function pointHistory(db: Db, pointId: number, before: number | null): Promise<AuditLine[]> {
  return normalised(
    await rows<AuditLine>(
      db,
      sql`${auditSelect} where a.point_id = ${pointId} ${before ? sql`and a.id < ${before}` : sql``} order by a.id desc limit ${AUDIT_PAGE}`,
    ),
  );
}

/** The audit log of every organisation the actor may read (optionally one of them), newest first. */
export async function organisationAudit(db: Db, actor: Actor, organisationId: number | null, before: number | null): Promise<AuditLine[]> {
  return normalised(
    await rows<AuditLine>(
      db,
      sql`${auditSelect} where ${scopeSql(actor, 'read', 'o')}
          ${organisationId ? sql`and a.organisation_id = ${organisationId}` : sql``}
          ${before ? sql`and a.id < ${before}` : sql``}
          order by a.id desc limit ${AUDIT_PAGE}`,
    ),
  );
}
