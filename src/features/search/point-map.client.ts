/**
 * A small map with one marker, for a service point's page:
 * `<div class="map small" data-module="point-map" data-lat data-lng data-name>`.
 * Tiles come from `data-tile-url`/`data-tile-attribution` when present, otherwise from the API.
 */
import { addTiles, label, loadLeaflet, pointIcon, tileConfig } from './leaflet.client.js';

export function attach(element: HTMLElement): void {
  const lat = Number(element.dataset.lat);
  const lng = Number(element.dataset.lng);
  if (!Number.isFinite(lat) || !Number.isFinite(lng)) return;
  const name = element.dataset.name ?? '';
  Promise.all([loadLeaflet(), tileConfig(element)])
    .then((loaded) => {
      const L = loaded[0];
      const tiles = loaded[1];
      // Scrolling the page must not pan or zoom the small map under the finger or the wheel.
      const map = L.map(element, { scrollWheelZoom: false, dragging: !L.Browser.mobile, keyboard: true }).setView([lat, lng], 16);
      addTiles(L, map, tiles);
      const marker = L.marker([lat, lng], { icon: pointIcon(L), keyboard: true, title: name }).addTo(map);
      label(marker, name);
      const popup = document.createElement('strong');
      popup.textContent = name;
      marker.bindPopup(popup);
    })
    .catch(() => {
      element.hidden = true;
    });
}
