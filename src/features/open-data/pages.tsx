/**
 * The open-data page (`/open-data`, `/en/open-data`): what is published, in which formats, under
 * which licences, how to call the API, and what each field means.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import { Fragment } from 'preact';
import { rows, type Db } from '../../db/client.js';
import { formatDate, formatNumber, type Locale } from '../../i18n/index.js';
import { JsonLd, sendPage, useMessages, useView } from '../../http/view.js';
import { Layout } from '../../http/views/layout.js';
import { KIND_NAMES, SEARCHABLE_KINDS } from '../organisations/kinds.js';
import { CSV_COLUMNS, fieldMessages } from './fields.js';
import { messages } from './messages.js';
import { pointsVersion, type PointsVersion } from './points.js';
import { REFERENCE_SOURCES, sourceMessages } from './sources.js';

interface Province {
  code: string;
  nameTh: string;
  nameEn: string;
}

interface OpenDataPageProps {
  publicUrl: string;
  version: PointsVersion;
  provinces: Province[];
}

const GEOJSON = '/open-data/service-points.geojson';
const CSV = '/open-data/service-points.csv';
const CC_BY = 'https://creativecommons.org/licenses/by/4.0/';

function Example({ caption, command }: { caption: string; command: string }) {
  return (
    <figure class="example">
      <figcaption>{caption}</figcaption>
      <pre tabIndex={0}>
        <code>{command}</code>
      </pre>
    </figure>
  );
}

function datasetJsonLd(publicUrl: string, locale: Locale, version: PointsVersion) {
  const m = messages.for(locale);
  return {
    '@context': 'https://schema.org',
    '@type': 'Dataset',
    name: m.datasetName,
    description: m.lead,
    url: `${publicUrl}${locale === 'th' ? '' : '/en'}/open-data`,
    license: CC_BY,
    isAccessibleForFree: true,
    inLanguage: ['th', 'en'],
    spatialCoverage: { '@type': 'Place', name: 'Thailand' },
    ...(version.lastModified ? { dateModified: version.lastModified.toISOString() } : {}),
    distribution: [
      { '@type': 'DataDownload', encodingFormat: 'application/geo+json', contentUrl: `${publicUrl}${GEOJSON}` },
      { '@type': 'DataDownload', encodingFormat: 'text/csv', contentUrl: `${publicUrl}${CSV}` },
    ],
  };
}

export function OpenDataPage({ publicUrl, version, provinces }: OpenDataPageProps) {
  const { locale } = useView();
  const m = useMessages(messages);
  const fields = useMessages(fieldMessages);
  const sources = useMessages(sourceMessages);
  const sections = [
    ['downloads', m.downloadsTitle],
    ['api', m.apiTitle],
    ['fields', m.fieldsTitle],
    ['satisfaction', m.satisfactionTitle],
    ['licence', m.licenceTitle],
    ['sources', m.sourcesTitle],
  ] as const;
  const provinceName = (p: Province) => (locale === 'th' ? p.nameTh : p.nameEn);
  const sortedProvinces = [...provinces].sort((a, b) => provinceName(a).localeCompare(provinceName(b), locale));

  return (
    <Layout title={m.title} description={m.lead} head={<JsonLd data={datasetJsonLd(publicUrl, locale, version)} />}>
      <div class="hero">
        <h1>{m.title}</h1>
        <p>{m.lead}</p>
      </div>
      <nav class="toc" aria-labelledby="toc-title">
        <h2 id="toc-title" class="toc-title">
          {m.onThisPage}
        </h2>
        <ul>
          {sections.map(([id, title]) => (
            <li key={id}>
              <a href={`#${id}`}>{title}</a>
            </li>
          ))}
        </ul>
      </nav>

      <section id="downloads" aria-labelledby="downloads-title">
        <h2 id="downloads-title">{m.downloadsTitle}</h2>
        <p>
          {version.lastModified
            ? m.downloadsIntro(formatNumber(version.activeCount, locale), formatDate(version.lastModified, locale, 'long'))
            : m.downloadsIntroEmpty}
        </p>
        <ul class="card-list card-grid">
          <li class="card">
            <h3>GeoJSON</h3>
            <p class="meta">
              <code>application/geo+json</code>
            </p>
            <p>{m.geojsonNotes}</p>
            <a class="button" href={GEOJSON} download>
              {m.downloadGeojson}
            </a>
          </li>
          <li class="card">
            <h3>CSV</h3>
            <p class="meta">
              <code>text/csv</code>
            </p>
            <p>{m.csvNotes}</p>
            <a class="button" href={CSV} download>
              {m.downloadCsv}
            </a>
          </li>
        </ul>
        <form class="search-form" method="get" action={CSV} aria-labelledby="filter-title">
          <h3 id="filter-title" class="form-title">
            {m.filterTitle}
          </h3>
          <p class="hint" id="filter-hint">
            {m.filterHint}
          </p>
          <div class="filters">
            <div class="field">
              <label for="od-province">{m.province}</label>
              <select id="od-province" name="province" aria-describedby="filter-hint">
                <option value="">{m.all}</option>
                {sortedProvinces.map((province) => (
                  <option key={province.code} value={province.code}>
                    {provinceName(province)}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="od-kind">{m.kind}</label>
              <select id="od-kind" name="kind">
                <option value="">{m.all}</option>
                {SEARCHABLE_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {KIND_NAMES[kind]?.[locale] ?? kind}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div class="actions">
            <button type="submit" formaction={GEOJSON}>
              {m.downloadGeojson}
            </button>
            <button type="submit" class="secondary">
              {m.downloadCsv}
            </button>
          </div>
        </form>
        <p>{m.filtersNote}</p>
        <p>{m.cachingNote}</p>
      </section>

      <section id="api" aria-labelledby="api-title">
        <h2 id="api-title">{m.apiTitle}</h2>
        <p>{m.apiIntro}</p>
        <ul>
          <li>
            <a href="/api/docs">{m.apiDocs}</a>
          </li>
          <li>
            <a href="/api/openapi.json">{m.apiDocument}</a>
          </li>
        </ul>
        <h3>{m.examplesTitle}</h3>
        <Example caption={m.exampleAll} command={`curl -o service-points.geojson "${publicUrl}${GEOJSON}"`} />
        <Example caption={m.exampleFiltered} command={`curl -o tao-50.csv "${publicUrl}${CSV}?province=50&kind=tao"`} />
        <Example
          caption={m.exampleRevalidate}
          command={`curl --etag-save etag.txt --etag-compare etag.txt -o service-points.geojson "${publicUrl}${GEOJSON}"`}
        />
        <Example
          caption={m.exampleSearch}
          command={`curl -G "${publicUrl}/api/v1/service-points" --data-urlencode "q=ทำบัตรประชาชน" --data-urlencode "province=50"`}
        />
        <Example caption={m.exampleSatisfaction} command={`curl "${publicUrl}/api/v1/satisfaction"`} />
        <Example
          caption={m.exampleSatisfactionPoints}
          command={`curl "${publicUrl}/api/v1/satisfaction?province=50&from=2025-10-01&to=2026-09-30"`}
        />
      </section>

      <section id="fields" aria-labelledby="fields-title">
        <h2 id="fields-title">{m.fieldsTitle}</h2>
        <p>{m.fieldsIntro}</p>
        <dl class="field-list">
          {CSV_COLUMNS.map((column) => (
            <Fragment key={column}>
              <dt>
                <code>{column}</code>
              </dt>
              <dd>{fields[column]}</dd>
            </Fragment>
          ))}
        </dl>
        <h3>{m.csvNotesTitle}</h3>
        <ul>
          <li>{m.csvNotes}</li>
          <li>{m.csvNoteFormula}</li>
          <li>{m.csvNoteEmpty}</li>
        </ul>
      </section>

      <section id="satisfaction" aria-labelledby="satisfaction-title">
        <h2 id="satisfaction-title">{m.satisfactionTitle}</h2>
        <p>{m.satisfactionIntro}</p>
        <dl class="facts">
          <dt>
            <code>count</code>
          </dt>
          <dd>{m.satisfactionCount}</dd>
          <dt>
            <code>mean_overall</code>
          </dt>
          <dd>{m.satisfactionMean}</dd>
          <dt>
            <code>distribution</code>
          </dt>
          <dd>{m.satisfactionDistribution}</dd>
          <dt>
            <code>points_rated</code>
          </dt>
          <dd>{m.satisfactionPoints}</dd>
        </dl>
        <p class="notice">{m.satisfactionCaution}</p>
      </section>

      <section id="licence" aria-labelledby="licence-title">
        <h2 id="licence-title">{m.licenceTitle}</h2>
        <p>
          {m.licenceDemo} <a href={CC_BY}>{m.licenceLink}</a>
        </p>
        <p class="notice">{m.licenceDemoWarning}</p>
        <p>{m.licenceReference}</p>
      </section>

      <section id="sources" aria-labelledby="sources-title">
        <h2 id="sources-title">{m.sourcesTitle}</h2>
        <p>{m.sourcesIntro}</p>
        <ul class="card-list">
          {REFERENCE_SOURCES.map((source) => (
            <li key={source.content} class="card">
              <h3>
                {source.files.map((file, index) => (
                  <Fragment key={file}>
                    {index > 0 && ', '}
                    <code>{file}</code>
                  </Fragment>
                ))}
              </h3>
              <dl class="field-list">
                <dt>{m.sourceContent}</dt>
                <dd>{sources[source.content]}</dd>
                <dt>{m.sourceOrigin}</dt>
                <dd>
                  {sources[source.origin]}
                  {source.links.map((link) => (
                    <Fragment key={link}>
                      {' '}
                      <a href={link}>{link.replace(/^https:\/\//, '')}</a>
                    </Fragment>
                  ))}
                </dd>
                <dt>{m.sourceLicence}</dt>
                <dd>{sources[source.licence]}</dd>
              </dl>
            </li>
          ))}
        </ul>
        <p>{sources.bangkokNote}</p>
        <p>{sources.demoNote}</p>
      </section>
    </Layout>
  );
}

/**
 * The page's figures need a pass over every point (100,000 at national scale), so each process
 * keeps them for a minute; the downloads themselves always check afresh.
 */
const PAGE_DATA_MS = 60_000;
const pageData = new WeakMap<Db, { at: number; data: Promise<[PointsVersion, Province[]]> }>();
function openDataPageData(db: Db): Promise<[PointsVersion, Province[]]> {
  const cached = pageData.get(db);
  if (cached && Date.now() - cached.at < PAGE_DATA_MS) return cached.data;
  const data = Promise.all([pointsVersion(db, {}), rows<Province>(db, sql`select code, name_th as "nameTh", name_en as "nameEn" from provinces`)]);
  pageData.set(db, { at: Date.now(), data });
  data.catch(() => pageData.delete(db));
  return data;
}

export const openDataPages: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/open-data', { schema: { querystring: Type.Object({}) } }, async (request, reply) => {
    const [version, provinces] = await openDataPageData(app.db);
    return sendPage(request, reply, <OpenDataPage publicUrl={app.config.publicUrl} version={version} provinces={provinces} />);
  });
};
