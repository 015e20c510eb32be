/** The catalogue of Citizen's Manuals, grouped by category, with a filter that works without JavaScript. */
import { formatNumber } from '../../i18n/index.js';
import { useHref, useMessages, useView } from '../../http/view.js';
import { Layout } from '../../http/views/layout.js';
import { Localised, textFor } from '../../http/views/localised.js';
import { formatDuration } from './durations.js';
import { manualMessages } from './messages.js';
import type { ManualSummary } from './queries.js';

export interface CataloguePageData {
  q: string;
  items: ManualSummary[];
  total: number;
  page: number;
  pages: number;
}

export function CataloguePage({ data }: { data: CataloguePageData }) {
  const m = useMessages(manualMessages);
  const { locale } = useView();
  const href = useHref();
  const groups = new Map<string, ManualSummary[]>();
  for (const manual of data.items) {
    const category = manual.categoryTh ? textFor(locale, manual.categoryTh, manual.categoryEn) : m.otherCategory;
    groups.set(category, [...(groups.get(category) ?? []), manual]);
  }
  const collator = new Intl.Collator(locale === 'th' ? 'th' : 'en');
  const sorted = [...groups].sort(([a], [b]) => (a === m.otherCategory ? 1 : b === m.otherCategory ? -1 : collator.compare(a, b)));
  const pageHref = (page: number) => href(`/manuals?${new URLSearchParams({ ...(data.q ? { q: data.q } : {}), page: String(page) }).toString()}`);
  return (
    <Layout title={m.catalogueTitle} description={m.catalogueIntro}>
      <h1>{m.catalogueTitle}</h1>
      <p>{m.catalogueIntro}</p>
      <form method="get" action={href('/manuals')} role="search" aria-label={m.filterLabel} class="search-form">
        <label for="manual-q">{m.filterLabel}</label>
        <span class="hint" id="manual-q-hint">
          {m.filterHint}
        </span>
        <div class="search-row">
          <input type="search" id="manual-q" name="q" value={data.q} maxLength={100} aria-describedby="manual-q-hint" />
          <button type="submit">{m.filterButton}</button>
        </div>
      </form>
      <p role="status">
        {data.total === 0 ? m.noManuals : m.manualsFound(formatNumber(data.total, locale))}
        {data.q && (
          <>
            {' · '}
            <a href={href('/manuals')}>{m.clearFilter}</a>
          </>
        )}
      </p>
      {sorted.map(([category, manuals]) => (
        <section key={category} aria-label={category}>
          <h2>{category}</h2>
          <ul class="plain-list manual-list">
            {manuals
              .map((manual) => ({ manual, title: textFor(locale, manual.titleTh, manual.titleEn) }))
              .sort((a, b) => collator.compare(a.title, b.title))
              .map(({ manual }) => (
                <li key={manual.slug}>
                  <a href={href(`/manuals/${manual.slug}`)}>
                    <Localised th={manual.titleTh} en={manual.titleEn} />
                  </a>
                  <div class="meta">
                    <Localised th={manual.ownerAgencyTh} en={manual.ownerAgencyEn} />
                    {manual.totalTimeValue !== null && manual.totalTimeUnit && ` · ${formatDuration(manual.totalTimeValue, manual.totalTimeUnit, locale)}`}
                  </div>
                </li>
              ))}
          </ul>
        </section>
      ))}
      {data.pages > 1 && (
        <nav class="pager" aria-label={m.pager}>
          {data.page > 1 && (
            <a class="button secondary" href={pageHref(data.page - 1)} rel="prev">
              {m.previous}
            </a>
          )}
          <span aria-current="page">{m.pageOf(formatNumber(data.page, locale), formatNumber(data.pages, locale))}</span>
          {data.page < data.pages && (
            <a class="button secondary" href={pageHref(data.page + 1)} rel="next">
              {m.next}
            </a>
          )}
        </nav>
      )}
    </Layout>
  );
}
