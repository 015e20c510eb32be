/** Views of the browse-by-area pages. */
import { formatNumber } from '../../i18n/index.js';
import { useHref, useMessages, useView } from '../../http/view.js';
import { Layout } from '../../http/views/layout.js';
import { Localised, textFor } from '../../http/views/localised.js';
import { KIND_NAMES, LOCAL_KINDS } from '../organisations/kinds.js';
import { geographyMessages } from './messages.js';
import type { District, OrganisationWithPoints, Province } from './queries.js';

const REGIONS = [1, 2, 3, 4, 5, 6] as const;
const BANGKOK = '10';

function useProvinceTitle() {
  const m = useMessages(geographyMessages);
  const { locale } = useView();
  return (province: Province) => m.provinceTitle(textFor(locale, province.nameTh, province.nameEn), province.code === BANGKOK);
}

function Crumbs({ province, district }: { province?: Province; district?: Omit<District, 'points'> }) {
  const m = useMessages(geographyMessages);
  const { locale } = useView();
  const href = useHref();
  const provinceTitle = useProvinceTitle();
  return (
    <nav aria-label={m.crumbs}>
      <ol class="crumbs">
        <li>
          <a href={href('/browse')}>{m.browse}</a>
        </li>
        {province && (
          <li>
            {district ? <a href={href(`/browse/${province.code}`)}>{provinceTitle(province)}</a> : <span aria-current="page">{provinceTitle(province)}</span>}
          </li>
        )}
        {province && district && (
          <li>
            <span aria-current="page">{m.districtTitle(textFor(locale, district.nameTh, district.nameEn), district.kind)}</span>
          </li>
        )}
      </ol>
    </nav>
  );
}

export function BrowseIndexPage({ provinces }: { provinces: Province[] }) {
  const m = useMessages(geographyMessages);
  const { locale } = useView();
  const href = useHref();
  const collator = new Intl.Collator(locale === 'th' ? 'th' : 'en');
  const regionName = (id: number | null) => (id !== null && id >= 1 && id <= 6 ? m[`region${id as (typeof REGIONS)[number]}`] : m.regionOther);
  const regions = [...REGIONS, null].map((id) => ({
    id,
    provinces: provinces
      .filter((p) => (id === null ? !REGIONS.includes(p.regionId as (typeof REGIONS)[number]) : p.regionId === id))
      .map((p) => ({ province: p, name: textFor(locale, p.nameTh, p.nameEn) }))
      .sort((a, b) => collator.compare(a.name, b.name)),
  }));
  return (
    <Layout title={m.browse} description={m.browseIntro}>
      <h1>{m.browse}</h1>
      <p>{m.browseIntro}</p>
      {regions
        .filter((region) => region.provinces.length > 0)
        .map((region) => (
          <section key={region.id ?? 'other'} aria-labelledby={`region-${region.id ?? 'other'}`}>
            <h2 id={`region-${region.id ?? 'other'}`}>
              {regionName(region.id)} <span class="meta">({m.provinceCount(formatNumber(region.provinces.length, locale))})</span>
            </h2>
            <ul class="link-columns">
              {region.provinces.map(({ province }) => (
                <li key={province.code}>
                  <a href={href(`/browse/${province.code}`)}>
                    <Localised th={province.nameTh} en={province.nameEn} />
                  </a>
                </li>
              ))}
            </ul>
          </section>
        ))}
    </Layout>
  );
}

export function BrowseProvincePage({ province, districts }: { province: Province; districts: District[] }) {
  const m = useMessages(geographyMessages);
  const { locale } = useView();
  const href = useHref();
  const title = useProvinceTitle()(province);
  const collator = new Intl.Collator(locale === 'th' ? 'th' : 'en');
  const sorted = districts.map((d) => ({ district: d, name: textFor(locale, d.nameTh, d.nameEn) })).sort((a, b) => collator.compare(a.name, b.name));
  return (
    <Layout title={title} description={m.browseIntro}>
      <Crumbs province={province} />
      <h1>{title}</h1>
      <p>
        <a href={href(`/search?province=${province.code}`)}>{m.searchProvince}</a>
      </p>
      <h2>{m.districtsIn}</h2>
      <ul class="link-columns">
        {sorted.map(({ district }) => (
          <li key={district.code}>
            <a href={href(`/browse/${province.code}/${district.code}`)}>{m.districtTitle(textFor(locale, district.nameTh, district.nameEn), district.kind)}</a>{' '}
            <span class="meta">({m.pointsCount(formatNumber(district.points, locale))})</span>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

const DISTRICT_OFFICE_KINDS = ['district_office', 'bangkok_district_office'];
const KIND_ORDER = [...DISTRICT_OFFICE_KINDS, ...LOCAL_KINDS];

function OrganisationList({ organisations }: { organisations: OrganisationWithPoints[] }) {
  const m = useMessages(geographyMessages);
  const { locale } = useView();
  const href = useHref();
  return (
    <ul class="plain-list org-list">
      {organisations.map((organisation) => {
        const kind = KIND_NAMES[organisation.kind];
        const [only] = organisation.points;
        // An office whose one service point carries its own name is shown as a single link.
        const single = organisation.points.length === 1 && only && only.nameTh === organisation.nameTh;
        return (
          <li key={organisation.code} class="card">
            {single ? (
              <a class="org-name" href={href(`/p/${only.code}`)}>
                <Localised th={organisation.nameTh} en={organisation.nameEn} />
              </a>
            ) : (
              <span class="org-name">
                <Localised th={organisation.nameTh} en={organisation.nameEn} />
              </span>
            )}
            {kind && <span class="meta"> · {locale === 'th' ? kind.th : kind.en}</span>}
            {single && only.addressTh && (
              <p class="meta">
                <Localised th={only.addressTh} en={only.addressEn} />
              </p>
            )}
            {!single &&
              (organisation.points.length === 0 ? (
                <p class="meta">{m.noPoints}</p>
              ) : (
                <ul>
                  {organisation.points.map((point) => (
                    <li key={point.code}>
                      <a href={href(`/p/${point.code}`)}>
                        <Localised th={point.nameTh} en={point.nameEn} />
                      </a>
                    </li>
                  ))}
                </ul>
              ))}
          </li>
        );
      })}
    </ul>
  );
}

export function BrowseDistrictPage({
  province,
  district,
  organisations,
}: {
  province: Province;
  district: Omit<District, 'points'>;
  organisations: OrganisationWithPoints[];
}) {
  const m = useMessages(geographyMessages);
  const { locale } = useView();
  const href = useHref();
  const provinceTitle = useProvinceTitle()(province);
  const title = `${m.districtTitle(textFor(locale, district.nameTh, district.nameEn), district.kind)}, ${provinceTitle}`;
  const rank = (kind: string) => {
    const index = KIND_ORDER.indexOf(kind);
    return index === -1 ? KIND_ORDER.length : index;
  };
  const sorted = [...organisations].sort((a, b) => rank(a.kind) - rank(b.kind));
  const groups = [
    { key: 'district', title: m.districtOffices, items: sorted.filter((o) => DISTRICT_OFFICE_KINDS.includes(o.kind)) },
    { key: 'local', title: m.localOrganisations, items: sorted.filter((o) => (LOCAL_KINDS as readonly string[]).includes(o.kind)) },
    {
      key: 'other',
      title: m.otherOffices,
      items: sorted.filter((o) => !DISTRICT_OFFICE_KINDS.includes(o.kind) && !(LOCAL_KINDS as readonly string[]).includes(o.kind)),
    },
  ].filter((group) => group.items.length > 0);
  return (
    <Layout title={title} description={m.browseIntro}>
      <Crumbs province={province} district={district} />
      <h1>{title}</h1>
      <p>
        <a href={href(`/search?province=${province.code}&district=${district.code}`)}>{m.searchDistrict}</a>
      </p>
      {groups.length === 0 && <p>{m.noOrganisations}</p>}
      {groups.map((group) => (
        <section key={group.key} id={group.key} aria-labelledby={`${group.key}-heading`}>
          <h2 id={`${group.key}-heading`}>{group.title}</h2>
          <OrganisationList organisations={group.items} />
        </section>
      ))}
    </Layout>
  );
}
