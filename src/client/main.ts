/**
 * The one browser entry point. Pages work without it; when it runs it marks the page as
 * JavaScript-capable and attaches each `data-module` element to its module, loaded on demand.
 */
type Module = { attach(element: HTMLElement): void };

const modules: Record<string, () => Promise<Module>> = {
  'proof-of-work': () => import('./proof-of-work.js'),
  'organisation-picker': () => import('../features/accounts/organisation-picker.client.js'),
  'complaint-map': () => import('../features/complaints/complaint-map.client.js'),
  'complaint-near': () => import('../features/complaints/complaint-near.client.js'),
};

document.documentElement.classList.replace('no-js', 'js');

for (const element of document.querySelectorAll<HTMLElement>('[data-module]')) {
  const load = modules[element.dataset.module ?? ''];
  if (load) {
    load()
      .then((module) => module.attach(element))
      .catch((error: unknown) => {
        // A failed enhancement leaves the plain page working; report it to the console only.
        // eslint-disable-next-line no-console
        console.error(error);
      });
  }
}
