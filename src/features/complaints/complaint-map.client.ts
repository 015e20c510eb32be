/**
 * Maps on the complaint pages, over the plain lists and fields that work without them:
 * - `choose`: the points found, as markers whose popup links to that point's complaint form;
 * - `pin`: choose where it happened by tapping the map (or "use my location"); the latitude and
 *   longitude fields are filled in and stay editable, and the marker follows them.
 */
import type * as Leaflet from 'leaflet';
import { isInThailand } from '../geography/bounds.js';

type L = typeof Leaflet;

interface ChoosePoint {
  name: string;
  lat: number;
  lng: number;
  url: string;
}

const THAILAND_CENTRE: [number, number] = [13.75, 100.5];

async function loadLeaflet(): Promise<L> {
  const module = (await import('leaflet')) as unknown as L & { default?: L };
  return module.default ?? module;
}

function baseMap(L: L, element: HTMLElement): Leaflet.Map {
  const map = L.map(element, { scrollWheelZoom: false });
  // The attribution is plain text from configuration: escape it, since Leaflet inserts HTML.
  const attribution = (element.dataset.attribution ?? '').replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  L.tileLayer(element.dataset.tileUrl ?? '', { attribution, maxZoom: 19 }).addTo(map);
  return map;
}

const pin = (L: L) => L.divIcon({ className: 'complaint-pin', iconSize: [26, 26], iconAnchor: [13, 26], popupAnchor: [0, -24] });

function choose(L: L, element: HTMLElement): void {
  const points = JSON.parse(element.dataset.points ?? '[]') as ChoosePoint[];
  if (points.length === 0) return;
  const map = baseMap(L, element);
  const markers = points.map((point) => {
    const marker = L.marker([point.lat, point.lng], { icon: pin(L), title: point.name, keyboard: true }).addTo(map);
    const popup = document.createElement('p');
    const name = document.createElement('strong');
    name.textContent = point.name;
    const link = document.createElement('a');
    link.href = point.url;
    link.textContent = element.dataset.linkText ?? point.name;
    popup.append(name, document.createElement('br'), link);
    marker.bindPopup(popup);
    return marker;
  });
  map.fitBounds(L.featureGroup(markers).getBounds(), { padding: [24, 24], maxZoom: 15 });
}

function pinPlace(L: L, element: HTMLElement): void {
  const latInput = document.getElementById(element.dataset.latInput ?? '') as HTMLInputElement | null;
  const lngInput = document.getElementById(element.dataset.lngInput ?? '') as HTMLInputElement | null;
  if (!latInput || !lngInput) return;
  const map = baseMap(L, element);
  let marker: Leaflet.Marker | null = null;
  const place = (lat: number, lng: number, write: boolean) => {
    if (!isInThailand(lat, lng)) return;
    if (marker) marker.setLatLng([lat, lng]);
    else marker = L.marker([lat, lng], { icon: pin(L), keyboard: false }).addTo(map);
    if (write) {
      latInput.value = lat.toFixed(6);
      lngInput.value = lng.toFixed(6);
    }
  };
  const typed = () => ({ lat: Number(latInput.value), lng: Number(lngInput.value) });
  const start = typed();
  const [centreLat, centreLng] = (element.dataset.centre ?? '').split(',').map(Number);
  if (latInput.value && lngInput.value && isInThailand(start.lat, start.lng)) {
    map.setView([start.lat, start.lng], 17);
    place(start.lat, start.lng, false);
  } else if (centreLat !== undefined && centreLng !== undefined && isInThailand(centreLat, centreLng)) {
    map.setView([centreLat, centreLng], 16);
  } else {
    map.setView(THAILAND_CENTRE, 6);
  }
  map.on('click', (event: Leaflet.LeafletMouseEvent) => place(event.latlng.lat, event.latlng.lng, true));
  for (const input of [latInput, lngInput]) {
    input.addEventListener('change', () => {
      const { lat, lng } = typed();
      if (Number.isFinite(lat) && Number.isFinite(lng) && isInThailand(lat, lng)) {
        place(lat, lng, false);
        map.panTo([lat, lng]);
      }
    });
  }
  // A map that opens inside a closed <details> has no size until it is shown.
  element.closest('details')?.addEventListener('toggle', () => map.invalidateSize());

  if ('geolocation' in navigator && element.dataset.locateText) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'secondary';
    button.textContent = element.dataset.locateText;
    button.addEventListener('click', () => {
      button.disabled = true;
      navigator.geolocation.getCurrentPosition(
        (position) => {
          button.disabled = false;
          place(position.coords.latitude, position.coords.longitude, true);
          map.setView([position.coords.latitude, position.coords.longitude], 17);
        },
        () => {
          button.disabled = false;
        },
        { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
      );
    });
    element.before(button);
  }
}

export function attach(element: HTMLElement): void {
  void loadLeaflet().then((L) => (element.dataset.mode === 'pin' ? pinPlace(L, element) : choose(L, element)));
}
