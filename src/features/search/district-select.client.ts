/**
 * The district filter follows the province filter as it changes. Without JavaScript the server
 * lists the districts of the province chosen at the last search.
 */
interface District {
  code: string;
  nameTh: string;
  nameEn: string;
}

export function attach(element: HTMLElement): void {
  if (!(element instanceof HTMLSelectElement)) return;
  const select = element;
  const province = select.form?.elements.namedItem('province');
  if (!(province instanceof HTMLSelectElement)) return;
  const english = document.documentElement.lang === 'en';
  const collator = new Intl.Collator(english ? 'en' : 'th');
  let latest = 0;

  province.addEventListener('change', () => {
    const code = province.value;
    const request = ++latest;
    select.replaceChildren(new Option(code ? (select.dataset.msgAll ?? '') : (select.dataset.msgChoose ?? ''), ''));
    select.disabled = true;
    if (!code) return;
    fetch(`${select.dataset.districtsUrl ?? ''}?province=${encodeURIComponent(code)}`, { headers: { accept: 'application/json' } })
      .then((response) => (response.ok ? (response.json() as Promise<{ items: District[] }>) : { items: [] }))
      .then((answer) => {
        // An answer for a province the citizen has already left is dropped.
        if (request !== latest) return;
        const names = answer.items.map((district) => ({ code: district.code, name: english ? district.nameEn : district.nameTh }));
        names.sort((a, b) => collator.compare(a.name, b.name));
        for (const district of names) select.add(new Option(district.name, district.code));
        select.disabled = false;
      })
      .catch(() => {
        // Offline: "all districts" of the province still works; the server lists them after a search.
        if (request === latest) select.disabled = false;
      });
  });
}
