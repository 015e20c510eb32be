/**
 * Is a pin inside the district its point declares? The 928 official district polygons
 * (reference-data/geography/districts.geojson, 2.2 MB) are read once, on the first question, and
 * kept with their bounding boxes so most districts are ruled out without a polygon test.
 */
import { readFile } from 'node:fs/promises';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { fromRoot } from '../../paths.js';

interface District {
  code: string;
  feature: Feature<Polygon | MultiPolygon>;
  /** west, south, east, north */
  box: [number, number, number, number];
}

let loading: Promise<Map<string, District>> | null = null;

function boxOf(geometry: Polygon | MultiPolygon): [number, number, number, number] {
  const rings: Position[][] = geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const ring of rings) {
    for (const [lng = 0, lat = 0] of ring) {
      box[0] = Math.min(box[0], lng);
      box[1] = Math.min(box[1], lat);
      box[2] = Math.max(box[2], lng);
      box[3] = Math.max(box[3], lat);
    }
  }
  return box;
}

async function load(): Promise<Map<string, District>> {
  const text = await readFile(fromRoot('reference-data', 'geography', 'districts.geojson'), 'utf8');
  const collection = JSON.parse(text) as FeatureCollection<Polygon | MultiPolygon, { code: string }>;
  return new Map(collection.features.map((feature) => [feature.properties.code, { code: feature.properties.code, feature, box: boxOf(feature.geometry) }]));
}

function districts(): Promise<Map<string, District>> {
  if (!loading) {
    loading = load();
    // A failed read (a missing file) is tried again next time instead of being remembered.
    loading.catch(() => {
      loading = null;
    });
  }
  return loading;
}

const contains = (district: District, lat: number, lng: number): boolean => {
  const [west, south, east, north] = district.box;
  return lng >= west && lng <= east && lat >= south && lat <= north && booleanPointInPolygon([lng, lat], district.feature);
};

/** The code of the district a position lies in, or null (at sea, abroad, or in a gap of the data). */
export async function districtAt(lat: number, lng: number): Promise<string | null> {
  for (const district of (await districts()).values()) if (contains(district, lat, lng)) return district.code;
  return null;
}

export type DistrictCheck =
  | { inside: true }
  /** `actual`: the district the pin lies in, when it lies in one */
  | { inside: false; actual: string | null }
  /** no polygon for the declared district: nothing to say */
  | { inside: null };

export async function checkPinDistrict(lat: number, lng: number, districtCode: string): Promise<DistrictCheck> {
  const declared = (await districts()).get(districtCode);
  if (!declared) return { inside: null };
  if (contains(declared, lat, lng)) return { inside: true };
  return { inside: false, actual: await districtAt(lat, lng) };
}
