/**
 * "Find service points near me" on `/complain`: asks the browser for the position and lists the
 * nearest points. Hidden without JavaScript or geolocation; the search by name always works.
 */
import { isInThailand } from '../geography/bounds.js';

export function attach(element: HTMLElement): void {
  const button = element.querySelector('button');
  if (!button || !('geolocation' in navigator)) return;
  element.hidden = false;
  const status = document.createElement('span');
  status.setAttribute('role', 'status');
  status.className = 'near-status';
  element.append(status);
  button.addEventListener('click', () => {
    button.disabled = true;
    navigator.geolocation.getCurrentPosition(
      ({ coords }) => {
        if (!isInThailand(coords.latitude, coords.longitude)) {
          status.textContent = element.dataset.failed ?? '';
          button.disabled = false;
          return;
        }
        const url = new URL(element.dataset.url ?? '/complain', window.location.href);
        url.searchParams.set('near', `${coords.latitude.toFixed(5)},${coords.longitude.toFixed(5)}`);
        window.location.assign(url.toString());
      },
      () => {
        status.textContent = element.dataset.failed ?? '';
        button.disabled = false;
      },
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 300_000 },
    );
  });
}
