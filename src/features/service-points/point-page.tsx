/** The public page of one service point: `/p/{code}` and `/en/p/{code}`. */
import { formatDate, formatNumber, type Locale } from '../../i18n/index.js';
import { JsonLd, useHref, useMessages, useView } from '../../http/view.js';
import { Layout } from '../../http/views/layout.js';
import { Localised, textFor } from '../../http/views/localised.js';
import { KIND_NAMES } from '../organisations/kinds.js';
import { ZeroCopyBadge } from '../zero-copy/views.js';
import type { DayHours, PointDetails } from './details.js';
import type { Interval } from './hours.js';
import { safeEmail, safeWebsite, mapLinks } from './links.js';
import { pointMessages } from './messages.js';
import { describeOpening, dayWithDate } from './opening-text.js';
import { internationalPhone } from './phones.js';

/** Citizens write in either language: Thai script marks a comment as Thai for screen readers. */
const languageOf = (text: string): 'th' | 'en' => (/[\u0E00-\u0E7F]/.test(text) ? 'th' : 'en');

const intervalsText = (intervals: Interval[]) => intervals.map(([from, to]) => `${from}–${to}`).join(', ');

function distanceText(metres: number, locale: Locale, m: ReturnType<typeof pointMessages.for>): string {
  return metres >= 1000 ? m.kilometres(formatNumber(metres / 1000, locale)) : m.metres(formatNumber(Math.round(metres), locale));
}

function DayCell({ day }: { day: DayHours }) {
  const m = useMessages(pointMessages);
  const { locale } = useView();
  if (day.intervals.length === 0) {
    if (day.reason === 'holiday' && day.holiday) return <>{m.holidayClosed(textFor(locale, day.holiday.nameTh, day.holiday.nameEn))}</>;
    if (day.reason === 'exception') {
      const note = day.note && (day.note.th || day.note.en) ? textFor(locale, day.note.th ?? day.note.en ?? '', day.note.en) : null;
      return <>{note ? `${m.exceptionClosed} (${note})` : m.exceptionClosed}</>;
    }
    return <>{m.closed}</>;
  }
  const note = day.reason === 'exception' && day.note ? textFor(locale, day.note.th ?? day.note.en ?? '', day.note.en) : '';
  return (
    <>
      {intervalsText(day.intervals)}
      {day.reason === 'exception' && ` (${m.changedHours}${note ? `: ${note}` : ''})`}
    </>
  );
}

function HoursSection({ details }: { details: PointDetails }) {
  const m = useMessages(pointMessages);
  const { locale } = useView();
  return (
    <section aria-labelledby="hours-heading">
      <h2 id="hours-heading">{m.hours}</h2>
      <table class="hours">
        <caption class="visually-hidden">{m.hoursCaption}</caption>
        <thead class="visually-hidden">
          <tr>
            <th scope="col">{m.day}</th>
            <th scope="col">{m.time}</th>
          </tr>
        </thead>
        <tbody>
          {details.week.map((day) => {
            const today = day.date === details.today;
            return (
              <tr key={day.date} class={today ? 'today' : undefined} aria-current={today ? 'date' : undefined}>
                <th scope="row">
                  {formatDate(day.date, locale, 'weekday')} <span class="meta">{formatDate(day.date, locale, 'short')}</span>
                  {today && <span class="today-mark"> ({m.today})</span>}
                </th>
                <td>
                  <DayCell day={day} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {!details.point.closedOnHolidays && <p class="meta">{m.openOnHolidays}</p>}
      {details.upcoming.length > 0 && (
        <>
          <h3>{m.upcoming}</h3>
          <ul class="plain-list">
            {details.upcoming.map((day) => (
              <li key={day.date}>
                <strong>{dayWithDate(day.date, locale)}</strong>: <DayCell day={day} />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function LocationSection({ details }: { details: PointDetails }) {
  const m = useMessages(pointMessages);
  const { locale } = useView();
  const href = useHref();
  const { point } = details;
  const links = mapLinks(point.lat, point.lng);
  const website = safeWebsite(point.website);
  const email = safeEmail(point.email);
  const pinClass = point.verification === 'verified' ? 'ok' : point.verification === 'flagged' ? 'bad' : 'warn';
  const pinText = point.verification === 'verified' ? m.pinVerified : point.verification === 'flagged' ? m.pinFlagged : m.pinUnverified;
  return (
    <section aria-labelledby="location-heading">
      <h2 id="location-heading">{m.location}</h2>
      <dl class="facts">
        {point.addressTh && (
          <>
            <dt>{m.address}</dt>
            <dd>
              <Localised th={point.addressTh} en={point.addressEn} />
            </dd>
          </>
        )}
        <dt>{m.area}</dt>
        <dd>
          <a href={href(`/browse/${point.provinceCode}/${point.districtCode}`)}>
            <Localised th={point.districtTh} en={point.districtEn} />
          </a>
          {', '}
          <a href={href(`/browse/${point.provinceCode}`)}>
            <Localised th={point.provinceTh} en={point.provinceEn} />
          </a>
        </dd>
        <dt>{m.phones}</dt>
        <dd>
          {point.phones.length ? (
            <ul class="plain-list">
              {point.phones.map((phone) => {
                const tel = internationalPhone(phone);
                return <li key={phone}>{tel ? <a href={`tel:${tel}`}>{phone}</a> : phone}</li>;
              })}
            </ul>
          ) : (
            m.noContacts
          )}
        </dd>
        {website && (
          <>
            <dt>{m.website}</dt>
            <dd>
              <a href={website} rel="external">
                {website}
              </a>
            </dd>
          </>
        )}
        {email && (
          <>
            <dt>{m.email}</dt>
            <dd>
              <a href={`mailto:${email}`}>{email}</a>
            </dd>
          </>
        )}
      </dl>
      <div class="map small" data-module="point-map" data-lat={String(point.lat)} data-lng={String(point.lng)} data-name={textFor(locale, point.nameTh, point.nameEn)} />
      <p>
        <span class={`badge ${pinClass}`}>{pinText}</span>
        {point.verification !== 'verified' && point.pinAccuracyM !== null && <span class="meta"> {m.pinAccuracy(distanceText(point.pinAccuracyM, locale, m))}</span>}
      </p>
      {point.pinMethod === 'centroid' && <p class="meta">{m.pinFromCentroid}</p>}
      <p>
        <a href={links.osmView} rel="external">
          {m.openInOsm}
        </a>
      </p>
      <h3 id="directions">{m.directionsHeading}</h3>
      <ul class="actions link-buttons">
        <li>
          <a class="button secondary" href={links.google} rel="external">
            {m.directionsGoogle}
          </a>
        </li>
        <li>
          <a class="button secondary" href={links.longdo} rel="external">
            {m.directionsLongdo}
          </a>
        </li>
        <li>
          <a class="button secondary" href={links.osmDirections} rel="external">
            {m.directionsOsm}
          </a>
        </li>
      </ul>
      <p class="meta">{m.directionsHint}</p>
    </section>
  );
}

function ServicesSection({ details }: { details: PointDetails }) {
  const m = useMessages(pointMessages);
  const { locale } = useView();
  const href = useHref();
  const { point, services } = details;
  // Group by category, categories and titles in the page's language order.
  const groups = new Map<string, typeof services>();
  for (const service of services) {
    const category = service.categoryTh ? textFor(locale, service.categoryTh, service.categoryEn) : m.otherCategory;
    groups.set(category, [...(groups.get(category) ?? []), service]);
  }
  const collator = new Intl.Collator(locale === 'th' ? 'th' : 'en');
  const sorted = [...groups].sort(([a], [b]) => (a === m.otherCategory ? 1 : b === m.otherCategory ? -1 : collator.compare(a, b)));
  return (
    <section id="services" aria-labelledby="services-heading">
      <h2 id="services-heading">{m.services}</h2>
      {services.length > 0 && <p class="meta">{m.servicesCount(formatNumber(services.length, locale))}</p>}
      <p>
        <span class={`badge ${point.manualsConfirmedAt ? 'ok' : 'neutral'}`}>
          {point.manualsConfirmedAt ? m.confirmed(formatDate(point.manualsConfirmedAt, locale, 'short')) : m.notConfirmed}
        </span>
      </p>
      {services.length === 0 && <p>{m.noServices}</p>}
      {sorted.map(([category, list]) => (
        <div key={category} class="service-group">
          <h3>{category}</h3>
          <ul class="service-list">
            {list
              .map((service) => ({ service, title: textFor(locale, service.titleTh, service.titleEn) }))
              .sort((a, b) => collator.compare(a.title, b.title))
              .map(({ service }) => (
                <li key={service.slug}>
                  <a href={href(`/manuals/${service.slug}?point=${point.code}`)}>
                    <Localised th={service.titleTh} en={service.titleEn} />
                  </a>
                  <div class="service-meta">
                    <span class="meta">{m.zeroCopyLabel}</span> <ZeroCopyBadge state={service.zeroCopy} />
                  </div>
                  {(service.localNoteTh || service.localNoteEn) && (
                    <p class="local-note">
                      <span class="meta">{m.localNote}: </span>
                      <Localised th={service.localNoteTh ?? service.localNoteEn ?? ''} en={service.localNoteEn} />
                    </p>
                  )}
                </li>
              ))}
          </ul>
        </div>
      ))}
      <details class="explain">
        <summary>{m.zeroCopyWhat}</summary>
        <p>{m.zeroCopyRule1}</p>
        <p>{m.zeroCopyRule2}</p>
        <p>{m.zeroCopyRule3}</p>
      </details>
    </section>
  );
}

function Stars({ score }: { score: number }) {
  return (
    <span class="stars" aria-hidden="true">
      {'★'.repeat(score)}
      {'☆'.repeat(5 - score)}
    </span>
  );
}

function SatisfactionSection({ details }: { details: PointDetails }) {
  const m = useMessages(pointMessages);
  const { locale } = useView();
  const href = useHref();
  const { satisfaction, comments, point } = details;
  return (
    <section aria-labelledby="satisfaction-heading">
      <h2 id="satisfaction-heading">{m.satisfaction}</h2>
      <p class="meta">{m.satisfactionPeriod(formatDate(satisfaction.since, locale, 'long'))}</p>
      {satisfaction.count > 0 && satisfaction.average !== null ? (
        <>
          <p class="score-line">
            <span class="visually-hidden">{m.average} </span>
            <span class="score">{formatNumber(satisfaction.average, locale)}</span> <span>{m.outOf}</span>{' '}
            <span class="meta">{m.ratingsCount(formatNumber(satisfaction.count, locale))}</span>
          </p>
          <ul class="bars" aria-label={m.distribution}>
            {[5, 4, 3, 2, 1].map((score) => {
              const count = satisfaction.distribution[score - 1] ?? 0;
              const percent = Math.round((count / satisfaction.count) * 100);
              return (
                <li key={score} class="bar">
                  <span>{m.scoreLabel(score)}</span>
                  <svg class="bar-track" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                    <rect class="bar-fill" width={String(percent)} height="10" />
                  </svg>
                  <span>{m.scoreShare(formatNumber(count, locale), formatNumber(percent, locale))}</span>
                </li>
              );
            })}
          </ul>
        </>
      ) : (
        <p>{m.noRatings}</p>
      )}
      <p>
        <a class="button" href={href(`/p/${point.code}/rate`)}>
          {m.rate}
        </a>
      </p>
      <h3>{m.comments}</h3>
      {comments.length === 0 ? (
        <p>{m.noComments}</p>
      ) : (
        <ol class="comments">
          {comments.map((comment, index) => (
            <li key={index}>
              <p class="meta">
                <Stars score={comment.overall} /> <span class="visually-hidden">{m.commentScore(comment.overall)}</span> ·{' '}
                <time dateTime={comment.createdAt.toISOString()}>{formatDate(comment.createdAt, locale, 'short')}</time>
              </p>
              <blockquote lang={languageOf(comment.comment) === locale ? undefined : languageOf(comment.comment)}>
                <p>{comment.comment}</p>
              </blockquote>
              {comment.reply && (
                <div class="reply">
                  <p class="meta">
                    <strong>{m.reply}</strong>
                    {comment.replyAt && (
                      <>
                        {' · '}
                        <time dateTime={comment.replyAt.toISOString()}>{formatDate(comment.replyAt, locale, 'short')}</time>
                      </>
                    )}
                  </p>
                  <p lang={languageOf(comment.reply) === locale ? undefined : languageOf(comment.reply)}>{comment.reply}</p>
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function PhotosSection({ details }: { details: PointDetails }) {
  const m = useMessages(pointMessages);
  const { locale } = useView();
  if (details.photos.length === 0) return null;
  return (
    <section aria-labelledby="photos-heading">
      <h2 id="photos-heading">{m.photos}</h2>
      <ul class="photos plain-list">
        {details.photos.map((photo) => (
          <li key={photo.id}>
            <img src={`/photos/${photo.id}.webp`} alt={textFor(locale, photo.altTh, photo.altEn)} width={photo.width} height={photo.height} loading="lazy" />
          </li>
        ))}
      </ul>
    </section>
  );
}

export function PointPage({ details, jsonLd }: { details: PointDetails; jsonLd: Record<string, unknown> }) {
  const m = useMessages(pointMessages);
  const { locale } = useView();
  const href = useHref();
  const { point, chain, opening } = details;
  const name = textFor(locale, point.nameTh, point.nameEn);
  const otherName = locale === 'th' ? point.nameEn : point.nameEn ? point.nameTh : null;
  const todayDay = details.week.find((day) => day.date === details.today);
  const openingText = opening
    ? describeOpening(opening, locale, {
        holidayName: todayDay?.holiday ? textFor(locale, todayDay.holiday.nameTh, todayDay.holiday.nameEn) : null,
        exceptionNote: todayDay?.note?.th || todayDay?.note?.en ? textFor(locale, todayDay.note.th ?? todayDay.note.en ?? '', todayDay.note.en) : null,
      })
    : null;
  const kind = KIND_NAMES[point.organisationKind];
  const firstPhone = point.phones.map((phone) => ({ phone, tel: internationalPhone(phone) })).find((p) => p.tel !== null);
  return (
    <Layout
      title={name}
      description={m.description(name, `${textFor(locale, point.districtTh, point.districtEn)}, ${textFor(locale, point.provinceTh, point.provinceEn)}`)}
      head={<JsonLd data={jsonLd} />}
      withMap
    >
      {chain.length > 0 && (
        <nav aria-label={m.hierarchy}>
          <ol class="crumbs">
            {chain.map((organisation) => (
              <li key={organisation.code}>
                <Localised th={organisation.nameTh} en={organisation.nameEn} />
              </li>
            ))}
          </ol>
        </nav>
      )}
      <h1 lang={locale === 'en' && !point.nameEn ? 'th' : undefined}>{name}</h1>
      {otherName && (
        <p class="subtitle" lang={locale === 'th' ? 'en' : 'th'}>
          {otherName}
        </p>
      )}
      {point.organisationNameTh !== point.nameTh ? (
        <p class="meta">
          {m.organisation}: <Localised th={point.organisationNameTh} en={point.organisationNameEn} />
          {kind && ` (${locale === 'th' ? kind.th : kind.en})`}
        </p>
      ) : (
        kind && <p class="meta">{locale === 'th' ? kind.th : kind.en}</p>
      )}
      {openingText ? (
        <p class={`open-state ${openingText.open ? 'is-open' : 'is-closed'}`}>
          <span class="visually-hidden">{m.openState}: </span>
          <strong>{openingText.status}</strong> · {openingText.next}
        </p>
      ) : (
        <p class="notice error">{m.closedForGood}</p>
      )}
      <ul class="actions link-buttons">
        {firstPhone?.tel && (
          <li>
            <a class="button" href={`tel:${firstPhone.tel}`}>
              {m.call(firstPhone.phone)}
            </a>
          </li>
        )}
        <li>
          <a class="button secondary" href="#directions">
            {m.directions}
          </a>
        </li>
        <li>
          <a class="button secondary" href={href(`/p/${point.code}/rate`)}>
            {m.rate}
          </a>
        </li>
        <li>
          <a class="button secondary" href={href(`/p/${point.code}/complain`)}>
            {m.complain}
          </a>
        </li>
      </ul>
      <div class="grid-2">
        <HoursSection details={details} />
        <LocationSection details={details} />
      </div>
      <ServicesSection details={details} />
      <div class="grid-2">
        <SatisfactionSection details={details} />
        <PhotosSection details={details} />
      </div>
    </Layout>
  );
}
