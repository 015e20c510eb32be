/** One Citizen's Manual: `/manuals/{slug}`, optionally as given at one service point (`?point=`). */
import { formatDate, formatNumber, type Locale } from '../../i18n/index.js';
import { useHref, useMessages, useView } from '../../http/view.js';
import { Layout } from '../../http/views/layout.js';
import { Localised, textFor } from '../../http/views/localised.js';
import type { Province } from '../geography/queries.js';
import { documentState, type Declaration, type ManualZeroCopy } from '../zero-copy/state.js';
import { DocumentStateText, ZeroCopyBadge } from '../zero-copy/views.js';
import { formatDuration } from './durations.js';
import { manualMessages } from './messages.js';
import type { ManualDetail, ManualDocument, OtherPoint, PointContext } from './queries.js';

export interface ManualPageData {
  manual: ManualDetail;
  /** the point the visitor came from, with its declarations when it gives this service */
  point: (PointContext & { declarations: Map<number, Declaration>; zeroCopy: ManualZeroCopy | null }) | null;
  province: Province | null;
  /** other points giving the service: nearest to `point`, or in `province` */
  others: OtherPoint[];
  /** for the province picker, when neither a point nor a province is given */
  provinces: Province[];
}

/** Criteria are stored as numbered paragraphs separated by line breaks. */
const paragraphs = (text: string) =>
  text
    .split(/\n+/)
    .map((line) => line.trim())
    .filter(Boolean);

function feeText(fee: ManualDetail['fees'][number], locale: Locale, m: ReturnType<typeof manualMessages.for>): string {
  return fee.amountBaht === null ? '' : m.baht(formatNumber(fee.amountBaht, locale));
}

function Facts({ manual }: { manual: ManualDetail }) {
  const m = useMessages(manualMessages);
  const { locale } = useView();
  const hasFees = manual.fees.some((fee) => fee.amountBaht === null || fee.amountBaht > 0);
  return (
    <dl class="facts stack-narrow">
      <dt>{m.owner}</dt>
      <dd>
        <Localised th={manual.ownerAgencyTh} en={manual.ownerAgencyEn} />
      </dd>
      {manual.ministryTh && (
        <>
          <dt>{m.ministry}</dt>
          <dd>
            <Localised th={manual.ministryTh} en={manual.ministryEn} />
          </dd>
        </>
      )}
      {manual.categoryTh && (
        <>
          <dt>{m.category}</dt>
          <dd>
            <Localised th={manual.categoryTh} en={manual.categoryEn} />
          </dd>
        </>
      )}
      {manual.totalTimeValue !== null && manual.totalTimeUnit && (
        <>
          <dt>{m.totalTime}</dt>
          <dd>{formatDuration(manual.totalTimeValue, manual.totalTimeUnit, locale)}</dd>
        </>
      )}
      <dt>{m.fees}</dt>
      <dd>{hasFees ? <a href="#fees">{manual.fees.map((fee) => feeText(fee, locale, m)).filter(Boolean).join(', ') || m.feesSee}</a> : m.noFee}</dd>
    </dl>
  );
}

function PointPanel({ data }: { data: ManualPageData }) {
  const m = useMessages(manualMessages);
  const { locale } = useView();
  const href = useHref();
  const { point } = data;
  if (!point) return null;
  return (
    <aside class="notice point-context" aria-labelledby="point-context-heading">
      <h2 id="point-context-heading">
        {m.atPoint}: <Localised th={point.nameTh} en={point.nameEn} />
      </h2>
      {point.status !== 'active' && <p>{m.pointClosed}</p>}
      {point.linked ? (
        <>
          {point.zeroCopy && (
            <p>
              {m.zeroCopyHere} <ZeroCopyBadge state={point.zeroCopy} />
            </p>
          )}
          {(point.localNoteTh || point.localNoteEn) && (
            <p>
              <strong>{m.localNote}:</strong> <Localised th={point.localNoteTh ?? point.localNoteEn ?? ''} en={point.localNoteEn} />
            </p>
          )}
        </>
      ) : (
        <p>{m.notLinked}</p>
      )}
      <p>
        <a href={href(`/p/${point.code}`)}>{m.backToPoint(textFor(locale, point.nameTh, point.nameEn))}</a>
      </p>
    </aside>
  );
}

function DocumentsTable({ data }: { data: ManualPageData }) {
  const m = useMessages(manualMessages);
  const { locale } = useView();
  const { manual, point } = data;
  const withPoint = point?.linked === true;
  const count = (n: number, document: ManualDocument) => (n > 0 ? m.count(formatNumber(n, locale), document.unitTh) : m.none);
  return (
    <section aria-labelledby="documents-heading">
      <h2 id="documents-heading">{m.documents}</h2>
      <table id="documents" class="data stack" role="table">
        <caption class="visually-hidden">{m.documentsCaption}</caption>
        <thead>
          <tr role="row">
            <th scope="col" role="columnheader">
              {m.document}
            </th>
            <th scope="col" role="columnheader">
              {m.issuer}
            </th>
            <th scope="col" role="columnheader" class="num">
              {m.originals}
            </th>
            <th scope="col" role="columnheader" class="num">
              {m.copies}
            </th>
            <th scope="col" role="columnheader" class="num">
              {m.stateIssued}
            </th>
            <th scope="col" role="columnheader">
              {m.condition}
            </th>
            {withPoint && (
              <th scope="col" role="columnheader">
                {m.atThisPoint}
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {manual.documents.map((document) => (
            <tr key={document.id} role="row">
              <th scope="row" role="rowheader">
                <Localised th={document.nameTh} en={document.nameEn} />
                {document.identity && <span class="meta"> ({m.identityDocument})</span>}
              </th>
              <td role="cell" data-label={m.issuer}>
                {document.issuingAgencyTh ? <Localised th={document.issuingAgencyTh} en={document.issuingAgencyEn} /> : m.none}
              </td>
              <td role="cell" class="num" data-label={m.originals}>
                {count(document.originals, document)}
              </td>
              <td role="cell" class="num" data-label={m.copies}>
                {count(document.copies, document)}
              </td>
              <td role="cell" class="num" data-label={m.stateIssued}>
                {document.governmentIssued ? m.yes : m.no}
              </td>
              <td role="cell" data-label={m.condition}>
                {document.conditionTh ? <Localised th={document.conditionTh} en={document.conditionEn} /> : m.none}
              </td>
              {withPoint && point && (
                <td role="cell" data-label={m.atThisPoint}>
                  <DocumentStateText state={documentState(document, point.declarations.get(document.id))} governmentIssued={document.governmentIssued} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {manual.documents.some((document) => document.originals > 0) && <p class="meta">{m.bringOriginals}</p>}
    </section>
  );
}

function Steps({ manual }: { manual: ManualDetail }) {
  const m = useMessages(manualMessages);
  const { locale } = useView();
  return (
    <section aria-labelledby="steps-heading">
      <h2 id="steps-heading">{m.steps}</h2>
      <ol class="steps">
        {manual.steps.map((step) => (
          <li key={step.position}>
            <span class="step-title">
              <Localised th={step.titleTh} en={step.titleEn} />
            </span>
            <span class="step-meta">
              <strong>{formatDuration(step.durationValue, step.durationUnit, locale)}</strong>
              {step.responsibleTh && (
                <>
                  {' · '}
                  {m.responsible}: <Localised th={step.responsibleTh} en={step.responsibleEn} />
                </>
              )}
            </span>
          </li>
        ))}
      </ol>
      {manual.totalTimeValue !== null && manual.totalTimeUnit && (
        <p>
          <strong>{m.totalTime}:</strong> {formatDuration(manual.totalTimeValue, manual.totalTimeUnit, locale)}
        </p>
      )}
    </section>
  );
}

function Fees({ manual }: { manual: ManualDetail }) {
  const m = useMessages(manualMessages);
  const { locale } = useView();
  return (
    <section id="fees" aria-labelledby="fees-heading">
      <h2 id="fees-heading">{m.fees}</h2>
      {manual.fees.length === 0 ? (
        <p>{m.noFee}</p>
      ) : (
        <ul class="plain-list fee-list">
          {manual.fees.map((fee, index) => (
            <li key={index}>
              <Localised th={fee.descriptionTh} en={fee.descriptionEn} />
              {fee.amountBaht !== null && <strong> {fee.amountBaht === 0 ? m.noFee : feeText(fee, locale, m)}</strong>}
              {fee.noteTh && (
                <p class="meta">
                  <Localised th={fee.noteTh} en={fee.noteEn} />
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Others({ data }: { data: ManualPageData }) {
  const m = useMessages(manualMessages);
  const { locale } = useView();
  const href = useHref();
  const { manual, point, province, others, provinces } = data;
  const searchAll = href(`/search?manual=${encodeURIComponent(manual.slug)}${province ? `&province=${province.code}` : ''}`);
  return (
    <section id="nearby" aria-labelledby="nearby-heading">
      <h2 id="nearby-heading">{m.nearby}</h2>
      {point && <p class="meta">{m.nearbyFromPoint}</p>}
      {province && !point && <p class="meta">{m.nearbyInProvince(textFor(locale, province.nameTh, province.nameEn))}</p>}
      {(point || province) &&
        (others.length === 0 ? (
          <p>{m.noneNearby}</p>
        ) : (
          <ul class="plain-list point-list">
            {others.map((other) => (
              <li key={other.code}>
                <a href={href(`/manuals/${manual.slug}?point=${other.code}`)}>
                  <Localised th={other.nameTh} en={other.nameEn} />
                </a>
                <div class="meta">
                  <Localised th={other.districtTh} en={other.districtEn} />, <Localised th={other.provinceTh} en={other.provinceEn} />
                  {other.distanceM !== null && ` · ${m.distance(formatNumber(other.distanceM / 1000, locale))}`}
                </div>
              </li>
            ))}
          </ul>
        ))}
      {!point && !province && (
        <form method="get" action={href(`/manuals/${manual.slug}`)} class="inline-form">
          <div class="field">
            <label for="province">{m.pickProvince}</label>
            <select id="province" name="province">
              {provinces
                .map((option) => ({ code: option.code, name: textFor(locale, option.nameTh, option.nameEn) }))
                .sort((a, b) => a.name.localeCompare(b.name, locale))
                .map((option) => (
                  <option key={option.code} value={option.code}>
                    {option.name}
                  </option>
                ))}
            </select>
          </div>
          <button type="submit">{m.showInProvince}</button>
        </form>
      )}
      <p>
        <a href={searchAll}>{point || province ? m.morePoints : m.allPoints}</a>
      </p>
    </section>
  );
}

export function ManualPage({ data }: { data: ManualPageData }) {
  const m = useMessages(manualMessages);
  const { locale } = useView();
  const { manual } = data;
  const title = textFor(locale, manual.titleTh, manual.titleEn);
  const otherTitle = locale === 'th' ? manual.titleEn : manual.titleEn ? manual.titleTh : null;
  const criteria = manual.criteriaTh ? textFor(locale, manual.criteriaTh, manual.criteriaEn) : null;
  const criteriaLang = locale === 'en' && !manual.criteriaEn ? 'th' : undefined;
  return (
    <Layout title={title} description={m.description(title)}>
      <p class="notice demo-note">
        <strong>{m.demoData}</strong>
      </p>
      <h1 lang={locale === 'en' && !manual.titleEn ? 'th' : undefined}>{title}</h1>
      {otherTitle && (
        <p class="subtitle" lang={locale === 'th' ? 'en' : 'th'}>
          {otherTitle}
        </p>
      )}
      <Facts manual={manual} />
      <PointPanel data={data} />
      <DocumentsTable data={data} />
      <Steps manual={manual} />
      <Fees manual={manual} />
      {criteria && (
        <section aria-labelledby="criteria-heading" lang={criteriaLang}>
          <h2 id="criteria-heading">{m.criteria}</h2>
          {paragraphs(criteria).map((paragraph, index) => (
            <p key={index}>{paragraph}</p>
          ))}
        </section>
      )}
      {manual.hoursTh && (
        <section aria-labelledby="channels-heading">
          <h2 id="channels-heading">{m.channels}</h2>
          <p>
            <Localised th={manual.hoursTh} en={manual.hoursEn} />
          </p>
        </section>
      )}
      {(manual.legalBasis.length > 0 || manual.statutoryTimeTh) && (
        <section aria-labelledby="legal-heading">
          <h2 id="legal-heading">{m.legal}</h2>
          <ul>
            {manual.legalBasis.map((law, index) => (
              <li key={index}>
                <Localised th={law.th} en={law.en} />
              </li>
            ))}
          </ul>
          {manual.statutoryTimeTh && (
            <p>
              <strong>{m.statutoryTime}:</strong> <Localised th={manual.statutoryTimeTh} en={manual.statutoryTimeEn} />
            </p>
          )}
        </section>
      )}
      {manual.complaintChannels.length > 0 && (
        <section aria-labelledby="complaints-heading">
          <h2 id="complaints-heading">{m.complaints}</h2>
          <ul>
            {manual.complaintChannels.map((channel, index) => (
              <li key={index}>
                <strong>
                  <Localised th={channel.nameTh} en={channel.nameEn} />
                </strong>
                : {channel.contact}
              </li>
            ))}
          </ul>
        </section>
      )}
      <Others data={data} />
      <section aria-labelledby="source-heading">
        <h2 id="source-heading">{m.source}</h2>
        <p>{m.demoDataDetail}</p>
        {manual.sourceUrl && /^https?:\/\//.test(manual.sourceUrl) && (
          <p>
            <a href={manual.sourceUrl} rel="external">
              {m.sourceLink}
            </a>
          </p>
        )}
        <p class="meta">{m.updated(formatDate(manual.updatedAt, locale, 'short'))}</p>
      </section>
    </Layout>
  );
}
