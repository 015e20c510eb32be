/**
 * Registration: as the officer types, the list of matching organisations updates by itself (the
 * "find" button does the same without JavaScript).
 */
interface Choice {
  id: number;
  nameTh: string;
  nameEn: string | null;
  provinceTh: string | null;
  parentsTh: string[];
}

export function attach(form: HTMLElement): void {
  const query = form.querySelector<HTMLInputElement>('[name="organisation_query"]');
  const province = form.querySelector<HTMLSelectElement>('[name="organisation_province"]');
  const target = form.querySelector<HTMLElement>('[data-choices]');
  if (!query || !target) return;
  const english = document.documentElement.lang === 'en';
  let timer: number | undefined;
  let controller: AbortController | undefined;
  const update = () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(async () => {
      if (query.value.trim().length < 2) return;
      controller?.abort();
      controller = new AbortController();
      const params = new URLSearchParams({ q: query.value, province: province?.value ?? '' });
      const base = english ? '/en/office/organisations.json' : '/office/organisations.json';
      try {
        const response = await fetch(`${base}?${params}`, { signal: controller.signal });
        const { items } = (await response.json()) as { items: Choice[] };
        const list = document.createElement('ul');
        list.className = 'choice-list';
        for (const item of items) {
          const li = document.createElement('li');
          const label = document.createElement('label');
          label.className = 'choice';
          const radio = document.createElement('input');
          radio.type = 'radio';
          radio.name = 'organisation_id';
          radio.value = String(item.id);
          radio.required = true;
          const text = document.createElement('span');
          const strong = document.createElement('strong');
          strong.textContent = english && item.nameEn ? item.nameEn : item.nameTh;
          const meta = document.createElement('span');
          meta.className = 'meta';
          meta.textContent = ' ' + [...item.parentsTh, item.provinceTh].filter(Boolean).join(' › ');
          text.append(strong, meta);
          label.append(radio, text);
          li.append(label);
          list.append(li);
        }
        target.replaceChildren(list);
      } catch {
        // A failed lookup leaves the "find" button to do the work.
      }
    }, 250);
  };
  query.addEventListener('input', update);
  province?.addEventListener('change', update);
}
