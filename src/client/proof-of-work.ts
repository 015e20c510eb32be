/**
 * Solves the server's proof-of-work challenge in the background and puts the solution in the
 * hidden `altcha` field; a form submitted before it is ready waits a moment for it. Without
 * JavaScript the field stays empty and the server applies stricter limits instead.
 */
import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/web/pbkdf2';

export function attach(input: HTMLElement): void {
  if (!(input instanceof HTMLInputElement) || !input.form) return;
  const form = input.form;
  const solved = (async () => {
    const response = await fetch(input.dataset.challengeUrl ?? '/captcha/challenge', { headers: { accept: 'application/json' } });
    const challenge = (await response.json()) as Challenge;
    const solution = await solveChallenge({ challenge, deriveKey });
    if (!solution) return;
    input.value = btoa(JSON.stringify({ challenge, solution }));
  })();
  let waited = false;
  form.addEventListener('submit', (event) => {
    if (input.value || waited) return;
    event.preventDefault();
    waited = true;
    const submitter = (event as SubmitEvent).submitter as HTMLButtonElement | null;
    void Promise.race([solved, new Promise((resolve) => setTimeout(resolve, 8000))]).finally(() => form.requestSubmit(submitter ?? undefined));
  });
}
