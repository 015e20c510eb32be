/**
 * The province → district → subdistrict selects of the point form: with JavaScript each list
 * follows the one above it at once, and choosing a subdistrict fills an empty postal code. Without
 * it, the "load districts and subdistricts" button does the same by posting the form.
 */
interface Place {
  code: string;
  name: string;
  postalCode?: string | null;
}

function fill(select: HTMLSelectElement, places: Place[]): void {
  const placeholder = select.options[0];
  select.replaceChildren(...(placeholder ? [placeholder] : []));
  for (const place of places) {
    const option = document.createElement('option');
    option.value = place.code;
    option.textContent = place.name;
    if (place.postalCode) option.dataset.postal = place.postalCode;
    select.append(option);
  }
  select.value = '';
}

async function load(url: string | undefined, key: string, value: string): Promise<Place[]> {
  if (!url || !value) return [];
  const response = await fetch(`${url}?${new URLSearchParams({ [key]: value }).toString()}`, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return ((await response.json()) as { items: Place[] }).items;
}

export function attach(fieldset: HTMLElement): void {
  const province = fieldset.querySelector<HTMLSelectElement>('select[name="province"]');
  const district = fieldset.querySelector<HTMLSelectElement>('select[name="district"]');
  const subdistrict = fieldset.querySelector<HTMLSelectElement>('select[name="subdistrict"]');
  const postal = fieldset.querySelector<HTMLInputElement>('input[name="postal_code"]');
  if (!province || !district || !subdistrict) return;
  // A postal code the officer typed is kept; one we filled in follows the subdistrict.
  let filled = '';

  province.addEventListener('change', () => {
    load(fieldset.dataset.districtsUrl, 'province', province.value)
      .then((places) => {
        fill(district, places);
        fill(subdistrict, []);
      })
      .catch(() => undefined);
  });
  district.addEventListener('change', () => {
    load(fieldset.dataset.subdistrictsUrl, 'district', district.value)
      .then((places) => fill(subdistrict, places))
      .catch(() => undefined);
  });
  subdistrict.addEventListener('change', () => {
    const code = subdistrict.selectedOptions[0]?.dataset.postal ?? '';
    if (postal && code && (postal.value.trim() === '' || postal.value === filled)) {
      postal.value = code;
      filled = code;
    }
  });
}
