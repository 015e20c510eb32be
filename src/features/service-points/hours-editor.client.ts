/**
 * The hours form's "copy Monday to Tuesday–Friday" button (without JavaScript a checkbox asks the
 * server to do the same when it saves), and typing a time on a day marked closed unticks "closed".
 */
const WEEKDAYS_AFTER_MONDAY = ['2', '3', '4', '5'];

export function attach(form: HTMLElement): void {
  const button = form.querySelector<HTMLButtonElement>('[data-copy-monday]');
  const status = form.querySelector<HTMLElement>('[data-copy-status]');
  if (!button) return;
  const field = (name: string) => form.querySelector<HTMLInputElement>(`input[name="${name}"]`);
  form.addEventListener('input', (event) => {
    const typed = event.target instanceof HTMLInputElement ? /^d(\d)_(from|to)\d$/.exec(event.target.name) : null;
    const closed = typed && event.target instanceof HTMLInputElement && event.target.value !== '' ? field(`d${typed[1]}_closed`) : null;
    if (closed) closed.checked = false;
  });
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
