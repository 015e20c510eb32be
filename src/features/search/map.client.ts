/**
 * The map of all service points: clusters and points come from the server
 * (`/api/v1/map/clusters`), so the browser draws a few hundred markers at most. Clusters are
 * numbered circles that zoom in when pressed; points open a popup with a link to their page.
 */
import type * as Leaflet from 'leaflet';
import { THAILAND_BOUNDS } from '../geography/bounds.js';
import { addTiles, label, loadLeaflet, pointIcon, tileConfig, type L } from './leaflet.client.js';

interface Feature {
  geometry: { coordinates: [number, number] };
  properties:
    | { cluster: true; count: number; expansionZoom: number }
    | { cluster: false; code: string; name: { th: string; en: string | null }; organisation: { th: string; en: string | null } };
}

export function attach(element: HTMLElement): void {
  const status = element.parentElement?.querySelector<HTMLElement>('.map-status') ?? null;
  if (status) status.textContent = element.dataset.msgLoading ?? '';
  Promise.all([loadLeaflet(), tileConfig(element)])
    .then((loaded) => draw(loaded[0], element, loaded[1], status))
    .catch(() => {
      element.hidden = true;
      if (status) {
        status.textContent = element.dataset.msgFailed ?? '';
        status.classList.remove('visually-hidden');
      }
    });
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

function draw(L: L, element: HTMLElement, tiles: { url: string; attribution: string }, status: HTMLElement | null): void {
  const text = element.dataset;
  const english = document.documentElement.lang === 'en';
  const numbers = new Intl.NumberFormat(english ? 'en-GB' : 'th-TH');
  const thailand = L.latLngBounds([THAILAND_BOUNDS.minLat, THAILAND_BOUNDS.minLng], [THAILAND_BOUNDS.maxLat, THAILAND_BOUNDS.maxLng]);
  const map = L.map(element, { minZoom: 4, maxBounds: thailand.pad(0.5), keyboard: true }).fitBounds(thailand);
  addTiles(L, map, tiles);
  const layer = L.layerGroup().addTo(map);
  // Markers stay while they are still in the answer, so an open popup (whose auto-pan moves the map) survives.
  const shown = new Map<string, Leaflet.Marker>();
  let controller: AbortController | null = null;

  const refresh = () => {
    const bounds = map.getBounds();
    const bbox = [
      clamp(bounds.getWest(), -180, 180),
      clamp(bounds.getSouth(), -90, 90),
      clamp(bounds.getEast(), -180, 180),
      clamp(bounds.getNorth(), -90, 90),
    ]
      .map((n) => n.toFixed(5))
      .join(',');
    controller?.abort();
    controller = new AbortController();
    fetch(`${text.clustersUrl ?? ''}?bbox=${bbox}&zoom=${Math.round(map.getZoom())}`, { signal: controller.signal, headers: { accept: 'application/json' } })
      .then((response) => (response.ok ? (response.json() as Promise<{ features: Feature[] }>) : Promise.reject(new Error(String(response.status)))))
      .then((collection) => {
        const features = new Map(collection.features.map((feature) => [keyOf(feature), feature]));
        shown.forEach((marker, key) => {
          if (!features.has(key)) {
            layer.removeLayer(marker);
            shown.delete(key);
          }
        });
        features.forEach((feature, key) => {
          if (shown.has(key)) return;
          const marker = markerFor(L, map, feature, text, english, numbers);
          layer.addLayer(marker);
          label(marker, marker.options.title ?? '');
          shown.set(key, marker);
        });
        if (status) status.textContent = (text.msgShowing ?? '').replace('{count}', numbers.format(features.size));
      })
      .catch((error: unknown) => {
        if ((error as Error).name !== 'AbortError' && status) status.textContent = text.msgFailed ?? '';
      });
  };
  map.on('moveend', refresh);
  refresh();
}

function keyOf(feature: Feature): string {
  const p = feature.properties;
  const at = feature.geometry.coordinates.join(',');
  return p.cluster ? `cluster:${at}:${p.count}` : `point:${p.code}`;
}

function markerFor(L: L, map: Leaflet.Map, feature: Feature, text: DOMStringMap, english: boolean, numbers: Intl.NumberFormat): Leaflet.Marker {
  const lng = feature.geometry.coordinates[0];
  const lat = feature.geometry.coordinates[1];
  const p = feature.properties;
  if (p.cluster) {
    const size = p.count < 10 ? 36 : p.count < 100 ? 42 : p.count < 1000 ? 50 : 58;
    const count = numbers.format(p.count);
    const icon = L.divIcon({ className: 'map-cluster', html: `<span>${count}</span>`, iconSize: [size, size] });
    const marker = L.marker([lat, lng], { icon, keyboard: true, title: (text.msgCluster ?? '').replace('{count}', count) });
    const expand = () => map.setView([lat, lng], Math.min(p.expansionZoom, 18));
    marker.on('click', expand);
    // Leaflet makes markers focusable buttons but only opens popups by key: a cluster expands on Enter or Space.
    marker.on('keypress', (event) => {
      const key = (event as Leaflet.LeafletKeyboardEvent).originalEvent.key;
      if (key === 'Enter' || key === ' ') {
        (event as Leaflet.LeafletKeyboardEvent).originalEvent.preventDefault();
        expand();
        // The pressed cluster goes away; keep the keyboard in the map, from where Tab reaches the new markers.
        map.getContainer().focus();
      }
    });
    return marker;
  }
  const name = english && p.name.en ? p.name.en : p.name.th;
  const organisation = english && p.organisation.en ? p.organisation.en : p.organisation.th;
  const marker = L.marker([lat, lng], { icon: pointIcon(L), keyboard: true, title: name });
  // Built from text nodes: names come from offices and are never parsed as HTML.
  const popup = document.createElement('div');
  const heading = document.createElement('strong');
  heading.textContent = name;
  popup.append(heading);
  if (organisation !== name) {
    const org = document.createElement('div');
    org.textContent = organisation;
    popup.append(org);
  }
  const link = document.createElement('a');
  link.href = `${text.pointUrl ?? '/p/'}${encodeURIComponent(p.code)}`;
  link.textContent = text.msgDetails ?? '';
  popup.append(link);
  marker.bindPopup(popup);
  return marker;
}
