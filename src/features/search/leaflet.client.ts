/**
 * What both maps share: Leaflet in its own chunk (main.ts loads the map modules only when a map
 * scrolls into view, so a phone page stays small), and the tile server from configuration.
 */
import type * as Leaflet from 'leaflet';

export type L = typeof Leaflet;

export async function loadLeaflet(): Promise<L> {
  const module = (await import('leaflet')) as unknown as L & { default?: L };
  return module.default ?? module;
}

/** Tile URL and attribution from the element's data attributes, or from the API. */
export async function tileConfig(element: HTMLElement): Promise<{ url: string; attribution: string }> {
  const tileUrl = element.dataset.tileUrl;
  if (tileUrl) return { url: tileUrl, attribution: element.dataset.tileAttribution ?? '' };
  const response = await fetch('/api/v1/map/tiles', { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`tile configuration: HTTP ${response.status}`);
  return (await response.json()) as { url: string; attribution: string };
}

export function addTiles(L: L, map: Leaflet.Map, tiles: { url: string; attribution: string }): void {
  // The attribution is plain text from configuration: escape it, since Leaflet inserts HTML.
  const attribution = tiles.attribution.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  L.tileLayer(tiles.url, { attribution, maxZoom: 19 }).addTo(map);
}

/** A point marker drawn in CSS (no image requests), focusable and named for screen readers. */
export function pointIcon(L: L): Leaflet.DivIcon {
  return L.divIcon({ className: 'map-point', iconSize: [26, 26], iconAnchor: [13, 31], popupAnchor: [0, -28] });
}

/** Leaflet names a marker by its `title`; screen readers read `aria-label` more reliably. */
export function label(marker: Leaflet.Marker, text: string): void {
  marker.getElement()?.setAttribute('aria-label', text);
}
