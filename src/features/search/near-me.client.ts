/**
 * "Near me" on the home page: asks the browser for the position and opens the search nearest
 * first. Without JavaScript (or without geolocation, or when the citizen says no) the province
 * select stands in.
 */
import { isInThailand } from '../geography/bounds.js';

export function attach(element: HTMLElement): void {
  const button = element.querySelector<HTMLButtonElement>('.near-me-button');
  const fallback = element.querySelector<HTMLElement>('.near-me-fallback');
  const select = fallback?.querySelector('select');
  const status = element.querySelector<HTMLElement>('.near-me-status');
  const form = element.closest('form');
  if (!button || !fallback || !select || !status || !('geolocation' in navigator)) return;
  const text = element.dataset;

  const showFallback = (message: string) => {
    status.textContent = message;
    fallback.hidden = false;
    select.disabled = false;
    button.disabled = false;
    select.focus();
  };

  button.hidden = false;
  fallback.hidden = true;
  select.disabled = true;

  button.addEventListener('click', () => {
    button.disabled = true;
    status.textContent = text.msgLocating ?? '';
    navigator.geolocation.getCurrentPosition(
      (position) => {
        const coords = position.coords;
        if (!isInThailand(coords.latitude, coords.longitude)) {
          showFallback(text.msgOutside ?? '');
          return;
        }
        const url = new URL(text.searchUrl ?? '/search', window.location.href);
        const q = form?.querySelector<HTMLInputElement>('input[name="q"]')?.value.trim();
        if (q) url.searchParams.set('q', q);
        url.searchParams.set('lat', coords.latitude.toFixed(5));
        url.searchParams.set('lng', coords.longitude.toFixed(5));
        window.location.assign(url.toString());
      },
      (error) => showFallback((error.code === error.PERMISSION_DENIED ? text.msgDenied : text.msgFailed) ?? ''),
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 300_000 },
    );
  });
}
