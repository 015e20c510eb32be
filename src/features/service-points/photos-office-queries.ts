/** A point's photos in the back office: list, add, describe, reorder, delete — each audited. */
import { and, asc, eq, sql } from 'drizzle-orm';
import { audit } from '../../auth/audit.js';
import type { Actor } from '../../auth/access.js';
import { rows, type Db } from '../../db/client.js';
import { photos, servicePoints } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import type { PointRecord } from './office-queries.js';
import type { ProcessedPhoto } from '../../http/photos.js';
import { PHOTOS_PER_POINT, photoMessages } from './photos-office.js';

export interface PhotoLine {
  id: number;
  position: number;
  altTh: string;
  altEn: string | null;
  width: number;
  height: number;
}

export const photosOf = (db: Db, pointId: number): Promise<PhotoLine[]> =>
  db
    .select({ id: photos.id, position: photos.position, altTh: photos.altTh, altEn: photos.altEn, width: photos.width, height: photos.height })
    .from(photos)
    .where(eq(photos.pointId, pointId))
    .orderBy(asc(photos.position), asc(photos.id));

export async function photoImage(db: Db, pointId: number, photoId: number): Promise<Uint8Array | null> {
  const [row] = await db.select({ image: photos.image }).from(photos).where(and(eq(photos.id, photoId), eq(photos.pointId, pointId)));
  return row?.image ?? null;
}

/** Locks the point row, so concurrent uploads and moves of one point's photos run one after another. */
async function lockPoint(tx: Db, pointId: number): Promise<void> {
  await tx.select({ id: servicePoints.id }).from(servicePoints).where(eq(servicePoints.id, pointId)).for('update');
}

const touch = (tx: Db, pointId: number) => tx.update(servicePoints).set({ updatedAt: new Date() }).where(eq(servicePoints.id, pointId));

export async function addPhoto(db: Db, actor: Actor, point: PointRecord, photo: ProcessedPhoto, altTh: string, altEn: string | null): Promise<number> {
  return db.transaction(async (tx) => {
    await lockPoint(tx, point.id);
    const [stats] = await rows<{ count: number; last: number }>(
      tx,
      sql`select count(*)::int as count, coalesce(max(position), -1)::int as last from photos where point_id = ${point.id}`,
    );
    if ((stats?.count ?? 0) >= PHOTOS_PER_POINT) {
      throw new AppError('conflict', [{ field: 'photo', th: photoMessages.th.tooMany(PHOTOS_PER_POINT), en: photoMessages.en.tooMany(PHOTOS_PER_POINT) }]);
    }
    const [created] = await tx
      .insert(photos)
      .values({ pointId: point.id, position: (stats?.last ?? -1) + 1, altTh, altEn, image: new Uint8Array(photo.image), width: photo.width, height: photo.height })
      .returning({ id: photos.id });
    if (!created) throw new Error('photo not stored');
    await touch(tx, point.id);
    await audit(tx, actor, {
      action: 'photo.add',
      entity: 'photo',
      entityId: created.id,
      organisationId: point.organisationId,
      pointId: point.id,
      changes: { photoId: [null, created.id], altTh: [null, altTh], altEn: [null, altEn] },
    });
    return created.id;
  });
}

async function photoOf(tx: Db, point: PointRecord, photoId: number) {
  const [row] = await tx
    .select({ id: photos.id, position: photos.position, altTh: photos.altTh, altEn: photos.altEn })
    .from(photos)
    .where(and(eq(photos.id, photoId), eq(photos.pointId, point.id)));
  if (!row) throw new AppError('not_found');
  return row;
}

export async function describePhoto(db: Db, actor: Actor, point: PointRecord, photoId: number, altTh: string, altEn: string | null): Promise<void> {
  await db.transaction(async (tx) => {
    await lockPoint(tx, point.id);
    const before = await photoOf(tx, point, photoId);
    await tx.update(photos).set({ altTh, altEn }).where(eq(photos.id, photoId));
    await touch(tx, point.id);
    await audit(tx, actor, {
      action: 'photo.update',
      entity: 'photo',
      entityId: photoId,
      organisationId: point.organisationId,
      pointId: point.id,
      changes: { photoId: [photoId, photoId], altTh: [before.altTh, altTh], altEn: [before.altEn, altEn] },
    });
  });
}

/** Swaps a photo with its neighbour; positions are renumbered 0…n-1 on the way. */
export async function movePhoto(db: Db, actor: Actor, point: PointRecord, photoId: number, direction: 'up' | 'down'): Promise<boolean> {
  return db.transaction(async (tx) => {
    await lockPoint(tx, point.id);
    await photoOf(tx, point, photoId);
    const order = (await photosOf(tx, point.id)).map((p) => p.id);
    const index = order.indexOf(photoId);
    const target = direction === 'up' ? index - 1 : index + 1;
    if (target < 0 || target >= order.length) return false;
    [order[index], order[target]] = [order[target]!, order[index]!];
    for (const [position, id] of order.entries()) await tx.update(photos).set({ position }).where(eq(photos.id, id));
    await touch(tx, point.id);
    await audit(tx, actor, {
      action: 'photo.move',
      entity: 'photo',
      entityId: photoId,
      organisationId: point.organisationId,
      pointId: point.id,
      changes: { photoId: [photoId, photoId], position: [index + 1, target + 1] },
    });
    return true;
  });
}

export async function deletePhoto(db: Db, actor: Actor, point: PointRecord, photoId: number): Promise<void> {
  await db.transaction(async (tx) => {
    await lockPoint(tx, point.id);
    const before = await photoOf(tx, point, photoId);
    await tx.delete(photos).where(eq(photos.id, photoId));
    const rest = (await photosOf(tx, point.id)).map((p) => p.id);
    for (const [position, id] of rest.entries()) await tx.update(photos).set({ position }).where(eq(photos.id, id));
    await touch(tx, point.id);
    await audit(tx, actor, {
      action: 'photo.delete',
      entity: 'photo',
      entityId: photoId,
      organisationId: point.organisationId,
      pointId: point.id,
      changes: { photoId: [photoId, null], altTh: [before.altTh, null], altEn: [before.altEn, null] },
    });
  });
}
