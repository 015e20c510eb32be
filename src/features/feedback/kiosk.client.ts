/**
 * Kiosk mode: a tablet at the counter serves one visitor after another. The previous visitor's
 * thank-you line goes after a few seconds. When a half-filled form is left alone, a notice warns
 * for 20 seconds (any touch keeps the answers), then a fresh form loads, with a new proof of work.
 */
const IDLE_MS = 60_000;
const WARNING_MS = 20_000;
const THANKS_MS = 8_000;

export function attach(form: HTMLElement): void {
  if (!(form instanceof HTMLFormElement)) return;
  const freshUrl = form.dataset.freshUrl ?? location.pathname;
  const thanks = document.querySelector('.kiosk-thanks');
  if (thanks) setTimeout(() => thanks.remove(), THANKS_MS);

  // A live region that exists before it speaks, so screen readers announce the warning.
  const notice = document.createElement('p');
  notice.className = 'notice kiosk-idle';
  notice.setAttribute('role', 'status');
  form.before(notice);

  let dirty = false;
  let idle: ReturnType<typeof setTimeout> | undefined;
  let clearing: ReturnType<typeof setTimeout> | undefined;
  form.addEventListener('input', () => (dirty = true));
  form.addEventListener('change', () => (dirty = true));

  const restart = () => {
    clearTimeout(idle);
    clearTimeout(clearing);
    notice.textContent = '';
    idle = setTimeout(() => {
      if (!dirty) return restart();
      notice.textContent = form.dataset.idleText ?? '';
      clearing = setTimeout(() => location.replace(freshUrl), WARNING_MS);
    }, IDLE_MS);
  };
  for (const type of ['pointerdown', 'keydown', 'input', 'scroll', 'focusin']) document.addEventListener(type, restart, { passive: true, capture: true });
  form.addEventListener('submit', () => {
    clearTimeout(idle);
    clearTimeout(clearing);
  });
  restart();
}
