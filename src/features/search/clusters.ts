/**
 * Server-side map clustering: one supercluster index of all active points per process, so a map
 * of 100,000 points sends a few hundred features per view. The index is rebuilt when the points
 * change, noticed by a cheap version check (count and latest update) at most every 30 seconds.
 */
import { sql } from 'drizzle-orm';
import Supercluster, { type ClusterProperties } from 'supercluster';
import { rows, type Db } from '../../db/client.js';

export interface MapPoint {
  code: string;
  nameTh: string;
  nameEn: string | null;
  organisationTh: string;
  organisationEn: string | null;
}

interface IndexState {
  index: Supercluster<MapPoint> | null;
  version: string;
  points: number;
  checkedAt: number;
  /** the build or version check under way; concurrent requests wait for the same one */
  pending: Promise<void> | null;
}

const states = new WeakMap<Db, IndexState>();

export const CHECK_EVERY_MS = 30_000;
/** Zoom from which every point is drawn by itself. */
export const MAX_CLUSTER_ZOOM = 16;

async function dataVersion(db: Db): Promise<string> {
  const [row] = await rows<{ count: number; latest: string | null }>(
    db,
    sql`select count(*)::int as count, max(updated_at)::text as latest from service_points where status = 'active'`,
  );
  return `${row?.count ?? 0}:${row?.latest ?? ''}`;
}

async function build(db: Db, state: IndexState): Promise<void> {
  const version = await dataVersion(db);
  if (state.index && version === state.version) return;
  const points = await rows<MapPoint & { lat: number; lng: number }>(
    db,
    sql`select p.code, p.name_th as "nameTh", p.name_en as "nameEn", o.name_th as "organisationTh", o.name_en as "organisationEn", p.lat, p.lng
        from service_points p join organisations o on o.id = p.organisation_id
        where p.status = 'active'`,
  );
  // The radius is in 512-unit tile space: 100 ≈ 50 screen pixels on 256-pixel tiles.
  const index = new Supercluster<MapPoint>({ radius: 100, maxZoom: MAX_CLUSTER_ZOOM - 1, minPoints: 2 });
  index.load(
    points.map(({ lat, lng, ...properties }) => ({
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: [lng, lat] },
      properties,
    })),
  );
  state.index = index;
  state.version = version;
  state.points = points.length;
}

/**
 * The current index, built on first use and rebuilt when the data changed. The request that falls
 * due for the check waits for it (a millisecond query; a rebuild only when points changed), and
 * concurrent requests share that one check.
 */
export async function clusterIndex(db: Db, checkEveryMs = CHECK_EVERY_MS): Promise<Supercluster<MapPoint>> {
  let state = states.get(db);
  if (!state) {
    state = { index: null, version: '', points: 0, checkedAt: 0, pending: null };
    states.set(db, state);
  }
  const current = state;
  if (!current.pending && (!current.index || Date.now() - current.checkedAt >= checkEveryMs)) {
    current.checkedAt = Date.now();
    current.pending = build(db, current).finally(() => {
      current.pending = null;
    });
  }
  if (current.pending) {
    try {
      await current.pending;
    } catch (error) {
      // A failed check keeps the index already built; only the first build must succeed.
      if (!current.index) throw error;
    }
  }
  if (!current.index) throw new Error('map index could not be built');
  return current.index;
}

export type MapFeature =
  | { type: 'Feature'; geometry: { type: 'Point'; coordinates: [number, number] }; properties: { cluster: true; count: number; expansionZoom: number } }
  | {
      type: 'Feature';
      geometry: { type: 'Point'; coordinates: [number, number] };
      properties: { cluster: false; code: string; name: Localised; organisation: Localised };
    };

type Localised = { th: string; en: string | null };

/** Clusters and single points inside a box at a zoom level, as GeoJSON features. */
export async function mapFeatures(db: Db, bbox: [number, number, number, number], zoom: number): Promise<MapFeature[]> {
  const index = await clusterIndex(db);
  return index.getClusters(bbox, Math.min(zoom, MAX_CLUSTER_ZOOM)).map((feature): MapFeature => {
    const [lng, lat] = feature.geometry.coordinates as [number, number];
    const coordinates: [number, number] = [Math.round(lng * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6];
    const properties = feature.properties as MapPoint | ClusterProperties;
    if ('cluster' in properties && properties.cluster) {
      return {
        type: 'Feature',
        geometry: { type: 'Point', coordinates },
        properties: { cluster: true, count: properties.point_count, expansionZoom: index.getClusterExpansionZoom(properties.cluster_id) },
      };
    }
    const point = properties as MapPoint;
    return {
      type: 'Feature',
      geometry: { type: 'Point', coordinates },
      properties: {
        cluster: false,
        code: point.code,
        name: { th: point.nameTh, en: point.nameEn },
        organisation: { th: point.organisationTh, en: point.organisationEn },
      },
    };
  });
}

/**
 * The widest box a client may ask for at a zoom level: 32 tiles of 256 px each way, more than any
 * screen shows, so one request can never return every point one by one.
 */
export function maxSpanDegrees(zoom: number): number {
  return (32 * 360) / 2 ** zoom;
}
