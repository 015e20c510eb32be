/** The home page, the search page and the map page. Every part works without JavaScript. */
import type { FieldIssue } from '../../http/errors.js';
import { useHref, useMessages, useView } from '../../http/view.js';
import { Layout } from '../../http/views/layout.js';
import { bangkokDate, formatDate, formatNumber, type Locale } from '../../i18n/index.js';
import { KIND_NAMES, SEARCHABLE_KINDS } from '../organisations/kinds.js';
import type { OpeningState } from '../service-points/hours.js';
import { messages } from './messages.js';
import type { Area, CatalogueManual, PointSummary } from './queries.js';

type M = typeof messages.th;

const name = (locale: Locale, th: string, en: string | null | undefined) => (locale === 'en' && en ? en : th);

const collators = { th: new Intl.Collator('th'), en: new Intl.Collator('en') };
/** Areas in dictionary order of the page's language (Thai order skips leading vowels: เชียงใหม่ under ช). */
const sorted = (locale: Locale, areas: Area[]) => [...areas].sort((a, b) => collators[locale].compare(name(locale, a.nameTh, a.nameEn), name(locale, b.nameTh, b.nameEn)));
/** Thai text shown on an English page (no English name yet) is marked as Thai for screen readers. */
const langOf = (locale: Locale, en: string | null | undefined) => (locale === 'en' && !en ? 'th' : undefined);

/** The everyday services most citizens look for, by manual slug. */
export const POPULAR_SERVICES: { slug: string; label: keyof M }[] = [
  { slug: 'dopa-id-card-renewal-expired', label: 'quickIdCard' },
  { slug: 'dopa-move-in', label: 'quickMoveIn' },
  { slug: 'dopa-birth-registration', label: 'quickBirth' },
  { slug: 'lao-building-permit-s21', label: 'quickBuilding' },
  { slug: 'dla-elderly-allowance-registration', label: 'quickElderly' },
  { slug: 'lao-commercial-registration-new', label: 'quickCommerce' },
  { slug: 'dla-land-and-building-tax-payment', label: 'quickLandTax' },
  { slug: 'dlt-driving-licence-renewal', label: 'quickDriving' },
  { slug: 'dlt-annual-vehicle-tax', label: 'quickVehicleTax' },
  { slug: 'sso-section-40-registration', label: 'quickSocialSecurity' },
];

export interface MapConfig {
  tileUrl: string;
  tileAttribution: string;
}

/** A `/search` link with only the parameters that have a value. */
export function searchUrl(base: string, params: Record<string, string | number | undefined | null>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') query.set(key, String(value));
  }
  const text = query.toString();
  return text ? `${base}?${text}` : base;
}

function PopularServices({ available }: { available: Set<string> }) {
  const m = useMessages(messages);
  const href = useHref();
  return (
    <ul class="quick-links">
      {POPULAR_SERVICES.filter((service) => available.has(service.slug)).map((service) => (
        <li key={service.slug}>
          <a href={searchUrl(href('/search'), { manual: service.slug })}>{m[service.label] as string}</a>
        </li>
      ))}
    </ul>
  );
}

/** The clustered map of all points; hidden without JavaScript, where the list links stand in. */
function PointsMap({ map }: { map: MapConfig }) {
  const m = useMessages(messages);
  const href = useHref();
  return (
    <>
      <div
        class="map"
        data-module="map"
        role="region"
        aria-label={m.mapLabel}
        data-tile-url={map.tileUrl}
        data-tile-attribution={map.tileAttribution}
        data-clusters-url="/api/v1/map/clusters"
        data-point-url={href('/p/')}
        data-msg-details={m.mapDetails}
        data-msg-cluster={m.mapCluster('{count}')}
        data-msg-showing={m.mapShowing('{count}')}
        data-msg-loading={m.mapLoading}
        data-msg-failed={m.mapFailed}
      />
      <p class="map-status visually-hidden" role="status" aria-live="polite" />
    </>
  );
}

export interface HomeProps {
  provinces: Area[];
  available: Set<string>;
  map: MapConfig;
}

export function HomePage({ provinces, available, map }: HomeProps) {
  const m = useMessages(messages);
  const { locale } = useView();
  const href = useHref();
  return (
    <Layout title={m.homeTitle} description={m.homeDescription} withMap>
      <section class="hero">
        <h1>{m.homeHeading}</h1>
        <p>{m.homeIntro}</p>
      </section>
      <form role="search" class="search-form home-search" action={href('/search')} method="get">
        <label for="q">{m.queryLabel}</label>
        <p class="hint" id="q-hint">
          {m.queryHint}
        </p>
        <input
          type="search"
          id="q"
          name="q"
          maxLength={200}
          placeholder={m.queryPlaceholder}
          aria-describedby="q-hint"
          autocomplete="off"
          enterKeyHint="search"
        />
        <div
          class="near-me"
          data-module="near-me"
          data-search-url={href('/search')}
          data-msg-locating={m.nearMeLocating}
          data-msg-denied={m.nearMeDenied}
          data-msg-failed={m.nearMeFailed}
          data-msg-outside={m.nearMeOutside}
        >
          <button type="button" class="secondary near-me-button" hidden>
            <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2.5">
              <circle cx="12" cy="12" r="7" />
              <path d="M12 1v4M12 19v4M1 12h4M19 12h4" />
            </svg>
            {m.nearMe}
          </button>
          <div class="near-me-fallback field">
            <label for="home-province">{m.orProvince}</label>
            <select id="home-province" name="province">
              <option value="">{m.allProvinces}</option>
              {sorted(locale, provinces).map((p) => (
                <option key={p.code} value={p.code}>
                  {name(locale, p.nameTh, p.nameEn)}
                </option>
              ))}
            </select>
          </div>
          <p class="near-me-status" role="status" aria-live="polite" />
        </div>
        <button type="submit" class="search-button">
          {m.searchButton}
        </button>
      </form>

      <section aria-labelledby="popular">
        <h2 id="popular">{m.popularHeading}</h2>
        <PopularServices available={available} />
      </section>

      <section aria-labelledby="browse">
        <h2 id="browse">{m.browseHeading}</h2>
        <p>
          <a href={href('/browse')}>{m.browseLink}</a>
        </p>
      </section>

      <section aria-labelledby="map-heading">
        <h2 id="map-heading">{m.mapHeading}</h2>
        <PointsMap map={map} />
        <p>
          <a href={href('/browse')}>{m.mapListLink}</a>
        </p>
      </section>
    </Layout>
  );
}

export interface SearchForm {
  q: string;
  province: string;
  district: string;
  kind: string;
  manual: string;
  radius: string;
  lat: string;
  lng: string;
}

export interface SearchPageProps {
  form: SearchForm;
  provinces: Area[];
  districts: Area[];
  catalogue: CatalogueManual[];
  /** absent before the first search and when the input was refused */
  results?: {
    items: PointSummary[];
    total: number;
    totalIsCapped: boolean;
    page: number;
    pageSize: number;
    placePatterns: string[];
    namedServices: boolean;
  };
  issues?: FieldIssue[];
  /** the page asked for is past the last one */
  missingPage?: { page: number; pages: number };
}

const RADII_KM = [1, 2, 5, 10, 20, 50, 100];

function FilterFields({ form, provinces, districts, catalogue }: Pick<SearchPageProps, 'form' | 'provinces' | 'districts' | 'catalogue'>) {
  const m = useMessages(messages);
  const { locale } = useView();
  const categories = new Map<string, CatalogueManual[]>();
  for (const manual of catalogue) {
    const category = name(locale, manual.categoryTh ?? m.otherServices, manual.categoryEn);
    categories.set(category, [...(categories.get(category) ?? []), manual]);
  }
  return (
    <div class="filters">
      <div class="field">
        <label for="province">{m.provinceLabel}</label>
        <select id="province" name="province">
          <option value="">{m.allProvinces}</option>
          {sorted(locale, provinces).map((p) => (
            <option key={p.code} value={p.code} selected={p.code === form.province}>
              {name(locale, p.nameTh, p.nameEn)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="district">{m.districtLabel}</label>
        <select
          id="district"
          name="district"
          data-module="district-select"
          data-districts-url="/api/v1/search/districts"
          data-msg-all={m.allDistricts}
          data-msg-choose={m.chooseProvinceFirst}
          disabled={districts.length === 0}
        >
          <option value="">{districts.length === 0 ? m.chooseProvinceFirst : m.allDistricts}</option>
          {sorted(locale, districts).map((d) => (
            <option key={d.code} value={d.code} selected={d.code === form.district}>
              {name(locale, d.nameTh, d.nameEn)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="kind">{m.kindLabel}</label>
        <select id="kind" name="kind">
          <option value="">{m.allKinds}</option>
          {SEARCHABLE_KINDS.map((kind) => (
            <option key={kind} value={kind} selected={kind === form.kind}>
              {KIND_NAMES[kind]?.[locale] ?? kind}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="manual">{m.serviceLabel}</label>
        <select id="manual" name="manual">
          <option value="">{m.allServices}</option>
          {[...categories].map(([category, manuals]) => (
            <optgroup key={category} label={category}>
              {manuals.map((manual) => (
                <option key={manual.slug} value={manual.slug} selected={manual.slug === form.manual}>
                  {name(locale, manual.titleTh, manual.titleEn)}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      {form.lat && form.lng && (
        <div class="field">
          <label for="radius">{m.radiusLabel}</label>
          <select id="radius" name="radius">
            <option value="">{m.anyDistance}</option>
            {RADII_KM.map((km) => (
              <option key={km} value={km * 1000} selected={String(km * 1000) === form.radius}>
                {m.withinKm(formatNumber(km, locale))}
              </option>
            ))}
          </select>
          <input type="hidden" name="lat" value={form.lat} />
          <input type="hidden" name="lng" value={form.lng} />
        </div>
      )}
    </div>
  );
}

function formatDistance(metres: number, locale: Locale, m: M): string {
  if (metres < 1000) return m.distanceM(formatNumber(Math.max(10, Math.round(metres / 10) * 10), locale));
  return m.distanceKm(formatNumber(Math.round(metres / 100) / 10, locale));
}

function Opening({ state }: { state: OpeningState }) {
  const m = useMessages(messages);
  const { locale } = useView();
  if (state.open) {
    return (
      <span>
        <span class="badge ok">{m.openNow}</span> {m.closesAt(state.closesAt)}
      </span>
    );
  }
  const next = state.opensNext;
  const today = next?.date === bangkokDate();
  return (
    <span>
      <span class="badge neutral">{m.closedNow}</span>{' '}
      {next && (today ? m.opensAt(next.time) : m.opensOn(formatDate(next.date, locale, 'weekday'), next.time))}
    </span>
  );
}

function Result({ point }: { point: PointSummary }) {
  const m = useMessages(messages);
  const { locale } = useView();
  const href = useHref();
  const pointName = name(locale, point.nameTh, point.nameEn);
  const organisation = name(locale, point.organisationNameTh, point.organisationNameEn);
  const phone = point.phones[0];
  const shown = point.services.slice(0, 2);
  return (
    <li class="card result">
      <h2>
        <a href={href(`/p/${point.code}`)} lang={langOf(locale, point.nameEn)}>
          {pointName}
        </a>
      </h2>
      <p class="meta">
        {organisation !== pointName ? (
          <span lang={langOf(locale, point.organisationNameEn)}>{organisation}</span>
        ) : (
          <span>{KIND_NAMES[point.kind]?.[locale] ?? organisation}</span>
        )}
        {' · '}
        {name(locale, point.districtTh, point.districtEn)}, {name(locale, point.provinceTh, point.provinceEn)}
      </p>
      <p class="meta-row">
        {point.distanceM !== null && (
          <span>
            <span class="visually-hidden">{m.distanceLabel} </span>
            <strong>{formatDistance(point.distanceM, locale, m)}</strong>
          </span>
        )}
        <Opening state={point.opening} />
        {phone && (
          <a href={`tel:${phone.replace(/[^\d+]/g, '')}`} class="tel">
            {m.phone} {phone}
          </a>
        )}
      </p>
      {shown.length > 0 && (
        <p class="offers">
          {m.offers}{' '}
          {shown.map((service, index) => (
            <span key={service.slug}>
              {index > 0 && ', '}
              <a href={href(`/manuals/${service.slug}?point=${point.code}`)} lang={langOf(locale, service.titleEn)}>
                {name(locale, service.titleTh, service.titleEn)}
              </a>
            </span>
          ))}
          {point.services.length > shown.length && (
            <>
              {' '}
              <a href={href(`/p/${point.code}#services`)}>{m.moreServices(formatNumber(point.services.length - shown.length, locale))}</a>
            </>
          )}
        </p>
      )}
    </li>
  );
}

function Suggestions({ form, results, available }: { form: SearchForm; results: NonNullable<SearchPageProps['results']>; available: Set<string> }) {
  const m = useMessages(messages);
  const href = useHref();
  const base = href('/search');
  const filtered = form.province || form.district || form.kind || form.manual;
  const radius = Number(form.radius);
  const widerKm = radius ? Math.min(100, (radius / 1000) * 5) : 0;
  const place = results.placePatterns.join(' ');
  return (
    <section class="notice" aria-labelledby="suggestions">
      <h2 id="suggestions">{m.suggestionsHeading}</h2>
      <ul>
        {filtered && form.q && (
          <li>
            <a href={searchUrl(base, { q: form.q, lat: form.lat, lng: form.lng })}>{m.suggestNoFilters}</a>
          </li>
        )}
        {widerKm > radius / 1000 && (
          <li>
            <a href={searchUrl(base, { ...form, radius: widerKm * 1000 })}>{m.suggestWiderRadius(String(widerKm))}</a>
          </li>
        )}
        {results.namedServices && place && (
          <li>
            <a href={searchUrl(base, { q: place })}>{m.suggestPlaceOnly(place)}</a>
          </li>
        )}
        <li>{m.suggestShorter}</li>
        <li>{m.suggestSpelling}</li>
        <li>
          <a href={href('/browse')}>{m.suggestBrowse}</a>
        </li>
      </ul>
      <p>{m.suggestPopular}</p>
      <PopularServices available={available} />
    </section>
  );
}

function Pager({ form, page, pages }: { form: SearchForm; page: number; pages: number }) {
  const m = useMessages(messages);
  const { locale } = useView();
  const href = useHref();
  const base = href('/search');
  if (pages <= 1) return null;
  return (
    <nav class="pager" aria-label={m.pagerLabel}>
      {page > 1 && (
        <a class="button secondary" rel="prev" href={searchUrl(base, { ...form, page: page - 1 })}>
          ‹ {m.previous}
        </a>
      )}
      <span>{m.pageOf(formatNumber(page, locale), formatNumber(pages, locale))}</span>
      {page < pages && (
        <a class="button secondary" rel="next" href={searchUrl(base, { ...form, page: page + 1 })}>
          {m.next} ›
        </a>
      )}
    </nav>
  );
}

export function SearchPage(props: SearchPageProps & { available: Set<string> }) {
  const { form, results, issues, missingPage, available } = props;
  const m = useMessages(messages);
  const { locale } = useView();
  const href = useHref();
  const other = locale === 'th' ? 'en' : 'th';
  const pages = results ? Math.max(1, Math.ceil(results.total / results.pageSize)) : 1;
  // Without words, the heading names the filters: "ค้นหาจุดบริการ: องค์การบริหารส่วนตำบล, เชียงใหม่".
  const manual = props.catalogue.find((m) => m.slug === form.manual);
  const kind = KIND_NAMES[form.kind];
  const filters = [
    manual && name(locale, manual.titleTh, manual.titleEn),
    kind?.[locale],
    ...[props.districts.find((d) => d.code === form.district), props.provinces.find((p) => p.code === form.province)].map(
      (area) => area && name(locale, area.nameTh, area.nameEn),
    ),
  ].filter(Boolean);
  const heading = form.q ? m.resultsTitle(form.q) : filters.length > 0 && !issues?.length ? `${m.searchTitle}: ${filters.join(', ')}` : m.searchTitle;
  const title = results && results.page > 1 ? `${heading} – ${m.pageOf(formatNumber(results.page, locale), formatNumber(pages, locale))}` : heading;
  const base = href('/search');
  const filtersOpen = Boolean(form.province || form.district || form.kind || form.manual || form.radius || issues?.length);
  const head = results && (
    <>
      {results.page > 1 && <link rel="prev" href={searchUrl(base, { ...form, page: results.page - 1 })} />}
      {results.page < pages && <link rel="next" href={searchUrl(base, { ...form, page: results.page + 1 })} />}
    </>
  );
  return (
    <Layout title={title} head={head}>
      <h1>{heading}</h1>
      {issues && issues.length > 0 && (
        <div class="notice error" role="alert">
          <p>
            <strong>{m.inputProblem}</strong>
          </p>
          <ul>
            {issues.map((issue) => (
              <li key={issue.field}>
                {issue[locale]} <span lang={other}>({issue[other]})</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      <form role="search" class="search-form" action={base} method="get">
        <label for="q">{m.queryLabel}</label>
        <div class="search-row">
          <input type="search" id="q" name="q" value={form.q} maxLength={200} placeholder={m.queryPlaceholder} autocomplete="off" enterKeyHint="search" />
          <button type="submit">{m.searchButton}</button>
        </div>
        <details class="filter-box" open={filtersOpen}>
          <summary>{m.filtersHeading}</summary>
          <FilterFields {...props} />
          <p class="actions">
            <button type="submit">{m.applyFilters}</button>
            {filtersOpen && (
              <a class="button secondary" href={searchUrl(base, { q: form.q, lat: form.lat, lng: form.lng })}>
                {m.clearFilters}
              </a>
            )}
          </p>
        </details>
      </form>

      {missingPage && (
        <div class="notice error" role="alert">
          <p>{m.pageMissing(formatNumber(missingPage.page, locale), formatNumber(missingPage.pages, locale))}</p>
          <p>
            <a href={searchUrl(base, { ...form, page: missingPage.pages })}>{m.lastPageLink}</a>
          </p>
        </div>
      )}

      {!results && !issues?.length && !missingPage && (
        <>
          <p>{m.startHint}</p>
          <h2>{m.popularHeading}</h2>
          <PopularServices available={available} />
        </>
      )}

      {results && (
        <>
          <p class="result-count" role="status">
            <strong>
              {results.totalIsCapped ? m.foundCapped(formatNumber(results.total, locale)) : m.found(formatNumber(results.total, locale))}
            </strong>
            {form.lat && results.total > 0 && ` · ${m.sortedByDistance} ${m.fromYourLocation}`}
          </p>
          {results.total === 0 ? (
            <>
              <h2>{m.noResults}</h2>
              <Suggestions form={form} results={results} available={available} />
            </>
          ) : (
            <>
              <ol class="result-list" start={(results.page - 1) * results.pageSize + 1}>
                {results.items.map((point) => (
                  <Result key={point.code} point={point} />
                ))}
              </ol>
              <Pager form={form} page={results.page} pages={pages} />
            </>
          )}
        </>
      )}
    </Layout>
  );
}

export function MapPage({ provinces, map }: { provinces: Area[]; map: MapConfig }) {
  const m = useMessages(messages);
  const { locale } = useView();
  const href = useHref();
  return (
    <Layout title={m.mapTitle} description={m.mapDescription} withMap>
      <h1>{m.mapTitle}</h1>
      <p class="js-only">{m.mapIntro}</p>
      <PointsMap map={map} />
      <section aria-labelledby="provinces">
        <h2 id="provinces">{m.provincesHeading}</h2>
        <p>{m.provincesIntro}</p>
        <ul class="province-list">
          {sorted(locale, provinces).map((p) => (
            <li key={p.code}>
              <a href={searchUrl(href('/search'), { province: p.code })}>{name(locale, p.nameTh, p.nameEn)}</a>
            </li>
          ))}
        </ul>
        <p>
          <a href={href('/browse')}>{m.browseLink}</a>
        </p>
      </section>
    </Layout>
  );
}
