/**
 * The pin picker on a point's position page: a Leaflet map with a draggable marker, "use my
 * location" (the Geolocation API, with its accuracy and a warning when coarser than 50 m), and
 * live reading of typed or pasted coordinates and map links — with the same parser as the server.
 * Without JavaScript the form still takes typed coordinates and links.
 */
import type * as Leaflet from 'leaflet';
import { formatPosition, checkPosition, readPinInput } from './pin-input.js';
import { pinMessages, pinProblemText } from './pin-messages.js';

type L = typeof Leaflet;

const POOR_ACCURACY_M = 50;

async function loadLeaflet(): Promise<L> {
  const module = (await import('leaflet')) as unknown as L & { default?: L };
  return module.default ?? module;
}

/** For readers (supervisors checking a pin): the saved position on a map, nothing to move. */
function showOnly(mapElement: HTMLElement): void {
  const position: [number, number] = [Number(mapElement.dataset.lat), Number(mapElement.dataset.lng)];
  const label = pinMessages.for(document.documentElement.lang === 'en' ? 'en' : 'th').markerLabel;
  loadLeaflet()
    .then((L) => {
      const map = L.map(mapElement, { scrollWheelZoom: false }).setView(position, 17);
      const attribution = (mapElement.dataset.tileAttribution ?? '').replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
      L.tileLayer(mapElement.dataset.tileUrl ?? '', { attribution, maxZoom: 19 }).addTo(map);
      L.marker(position, { title: label, alt: label }).addTo(map);
    })
    .catch(() => {
      mapElement.hidden = true;
    });
}

export function attach(form: HTMLElement): void {
  if (form.dataset.readonly !== undefined) {
    showOnly(form);
    return;
  }
  const mapElement = form.querySelector<HTMLElement>('[data-map]');
  const input = form.querySelector<HTMLInputElement>('input[name="location"]');
  const method = form.querySelector<HTMLInputElement>('[data-method]');
  const accuracyField = form.querySelector<HTMLInputElement>('[data-accuracy]');
  const status = form.querySelector<HTMLElement>('[data-status]');
  const locate = form.querySelector<HTMLButtonElement>('[data-locate]');
  if (!mapElement || !input || !method || !accuracyField || !status) return;
  const locale = document.documentElement.lang === 'en' ? 'en' : 'th';
  const m = pinMessages.for(locale);
  const start = { lat: Number(form.dataset.lat), lng: Number(form.dataset.lng) };

  const say = (text: string, tone: 'ok' | 'warn' | 'bad' | '' = '') => {
    status.textContent = text;
    status.className = `pin-status ${tone}`.trim();
  };

  let districtRequest: AbortController | undefined;
  const districtStatus = document.createElement('p');
  districtStatus.className = 'pin-status warn';
  districtStatus.setAttribute('aria-live', 'polite');
  status.after(districtStatus);
  /** Asks the server whether the position lies in the point's declared district (a warning only). */
  const checkDistrict = (lat: number, lng: number) => {
    const url = form.dataset.districtCheckUrl;
    const district = form.dataset.district;
    if (!url || !district) return;
    districtRequest?.abort();
    districtRequest = new AbortController();
    const params = new URLSearchParams({ lat: String(lat), lng: String(lng), district });
    fetch(`${url}?${params.toString()}`, { signal: districtRequest.signal, headers: { accept: 'application/json' } })
      .then((response) => (response.ok ? (response.json() as Promise<{ warning: string | null }>) : { warning: null }))
      .then((answer) => {
        districtStatus.textContent = answer.warning ?? '';
      })
      .catch(() => undefined);
  };

  loadLeaflet()
    .then((L) => {
      const map = L.map(mapElement, { scrollWheelZoom: false }).setView([start.lat, start.lng], 17);
      // The attribution is plain text from configuration: escape it, since Leaflet inserts HTML.
      const attribution = (form.dataset.tileAttribution ?? '').replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
      L.tileLayer(form.dataset.tileUrl ?? '', { attribution, maxZoom: 19 }).addTo(map);
      const marker = L.marker([start.lat, start.lng], { draggable: true, autoPan: true, title: m.markerLabel, alt: m.markerLabel }).addTo(map);
      let circle: Leaflet.Circle | null = null;

      const place = (lat: number, lng: number, how: 'map' | 'gps' | 'typed', accuracyM?: number) => {
        marker.setLatLng([lat, lng]);
        map.panTo([lat, lng]);
        circle?.remove();
        circle = how === 'gps' && accuracyM ? L.circle([lat, lng], { radius: accuracyM, weight: 1 }).addTo(map) : null;
        if (how !== 'typed') input.value = formatPosition(lat, lng);
        method.value = how;
        accuracyField.value = how === 'gps' && accuracyM !== undefined ? accuracyM.toFixed(1) : '';
        checkDistrict(lat, lng);
      };

      const dropped = (lat: number, lng: number) => {
        const reading = checkPosition(lat, lng, 'decimal');
        if (!reading.ok) {
          say(pinProblemText(reading.problem, locale, reading.suggestion), 'bad');
          return;
        }
        place(reading.lat, reading.lng, 'map');
        say(m.readAs(formatPosition(reading.lat, reading.lng)), 'ok');
      };
      marker.on('dragend', () => dropped(marker.getLatLng().lat, marker.getLatLng().lng));
      map.on('click', (event: Leaflet.LeafletMouseEvent) => dropped(event.latlng.lat, event.latlng.lng));

      let timer: number | undefined;
      input.addEventListener('input', () => {
        window.clearTimeout(timer);
        timer = window.setTimeout(() => {
          if (!input.value.trim()) {
            say('');
            return;
          }
          const reading = readPinInput(input.value);
          if (!reading.ok) {
            say(pinProblemText(reading.problem, locale, reading.suggestion), 'bad');
            return;
          }
          place(reading.lat, reading.lng, 'typed');
          map.setView([reading.lat, reading.lng], Math.max(map.getZoom(), 16));
          say(m.readAs(formatPosition(reading.lat, reading.lng)), 'ok');
        }, 300);
      });

      locate?.addEventListener('click', () => {
        if (!('geolocation' in navigator)) {
          say(m.geolocationUnavailable, 'bad');
          return;
        }
        say(m.locating);
        locate.disabled = true;
        navigator.geolocation.getCurrentPosition(
          (position) => {
            locate.disabled = false;
            const { latitude, longitude, accuracy } = position.coords;
            const reading = checkPosition(latitude, longitude, 'decimal');
            if (!reading.ok) {
              say(pinProblemText(reading.problem, locale, reading.suggestion), 'bad');
              return;
            }
            place(reading.lat, reading.lng, 'gps', accuracy);
            map.setView([reading.lat, reading.lng], 18);
            const metres = String(Math.round(accuracy));
            if (accuracy > POOR_ACCURACY_M) say(m.accuracyPoor(metres), 'warn');
            else say(m.accuracy(metres), 'ok');
          },
          (error) => {
            locate.disabled = false;
            say(error.code === error.PERMISSION_DENIED ? m.geolocationDenied : m.geolocationFailed, 'bad');
          },
          { enableHighAccuracy: true, timeout: 20_000, maximumAge: 0 },
        );
      });
    })
    .catch(() => {
      // Without the map, typing still works: the field is a plain form field.
      mapElement.hidden = true;
    });
}
