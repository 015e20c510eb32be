/**
 * The one browser entry point. Pages work without it; when it runs it marks the page as
 * JavaScript-capable and attaches each `data-module` element to its module, loaded on demand.
 */
type Module = { attach(element: HTMLElement): void };

// Each module is its own chunk, loaded only by pages that use it (Leaflet only with a map).
const modules: Record<string, () => Promise<Module>> = {
  'proof-of-work': () => import('./proof-of-work.js'),
  'organisation-picker': () => import('../features/accounts/organisation-picker.client.js'),
  'near-me': () => import('../features/search/near-me.client.js'),
  'district-select': () => import('../features/search/district-select.client.js'),
  map: () => import('../features/search/map.client.js'),
  'point-map': () => import('../features/search/point-map.client.js'),
  'pin-picker': () => import('../features/service-points/pin-picker.client.js'),
  'point-area': () => import('../features/service-points/point-area.client.js'),
  'hours-editor': () => import('../features/service-points/hours-editor.client.js'),
  'complaint-map': () => import('../features/complaints/complaint-map.client.js'),
  'complaint-near': () => import('../features/complaints/complaint-near.client.js'),
  kiosk: () => import('../features/feedback/kiosk.client.js'),
};

/** Heavy modules (maps and Leaflet) load only when their element comes near the viewport. */
const whenVisible = new Set(['map', 'point-map']);

document.documentElement.classList.replace('no-js', 'js');

function attach(element: HTMLElement, load: () => Promise<Module>): void {
  load()
    .then((module) => module.attach(element))
    .catch((error: unknown) => {
      // A failed enhancement leaves the plain page working; report it to the console only.
      // eslint-disable-next-line no-console
      console.error(error);
    });
}

for (const element of document.querySelectorAll<HTMLElement>('[data-module]')) {
  const name = element.dataset.module ?? '';
  const load = modules[name];
  if (!load) continue;
  if (whenVisible.has(name) && 'IntersectionObserver' in window) {
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          observer.disconnect();
          attach(element, load);
        }
      },
      { rootMargin: '200px' },
    );
    observer.observe(element);
  } else {
    attach(element, load);
  }
}
