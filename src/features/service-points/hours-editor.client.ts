/**
 * The hours form's "copy Monday to Tuesday–Friday" button. Without JavaScript the form has a
 * checkbox that asks the server to do the same when it saves.
 */
const WEEKDAYS_AFTER_MONDAY = ['2', '3', '4', '5'];

export function attach(form: HTMLElement): void {
  const button = form.querySelector<HTMLButtonElement>('[data-copy-monday]');
  const status = form.querySelector<HTMLElement>('[data-copy-status]');
  if (!button) return;
  const field = (name: string) => form.querySelector<HTMLInputElement>(`input[name="${name}"]`);
  button.addEventListener('click', () => {
    const names = [...form.querySelectorAll<HTMLInputElement>('input[name^="d1_"]')].map((input) => input.name.slice(3));
    for (const day of WEEKDAYS_AFTER_MONDAY) {
      for (const suffix of names) {
        const source = field(`d1_${suffix}`);
        const target = field(`d${day}_${suffix}`);
        if (!source || !target) continue;
        if (source.type === 'checkbox') target.checked = source.checked;
        else target.value = source.value;
      }
    }
    if (status) status.textContent = form.dataset.copied ?? '';
  });
}
