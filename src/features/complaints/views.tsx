/** Citizen pages of complaints: choosing where to complain, the form, and following it. */
import type { FieldIssue } from '../../http/errors.js';
import { CsrfField, Field, IssueSummary, useIssue } from '../../http/forms.js';
import { useHref, useMessages, useView } from '../../http/view.js';
import { Layout } from '../../http/views/layout.js';
import { Localised, textFor } from '../../http/views/localised.js';
import { formatDate, formatNumber } from '../../i18n/index.js';
import type { OrganisationChoice } from '../organisations/queries.js';
import type { PointSummary } from '../search/queries.js';
import { COMPLAINT_CATEGORIES } from './categories.js';
import type { ComplaintForm } from './input.js';
import { complaintMessages } from './messages.js';
import { statusName, statusTone } from './status.js';
import type { PublicComplaint, PublicEvent, TargetOrganisation, TargetPoint } from './store.js';

export interface MapSettings {
  tileUrl: string;
  attribution: string;
}

// ─── Choosing where to complain ─────────────────────────────────────────────────────────────

export interface StartPageProps {
  q: string;
  /** set when the list is of points near the visitor */
  near: boolean;
  points: PointSummary[] | null;
  organisations: OrganisationChoice[];
  map: MapSettings;
  issues: FieldIssue[];
}

export function StartPage({ q, near, points, organisations, map, issues }: StartPageProps) {
  const m = useMessages(complaintMessages);
  const href = useHref();
  const { locale } = useView();
  const searched = points !== null;
  const markers = (points ?? []).map((p) => ({ name: textFor(locale, p.nameTh, p.nameEn), lat: p.lat, lng: p.lng, url: href(`/p/${p.code}/complain`) }));
  return (
    <Layout title={m.startTitle} withMap={markers.length > 0}>
      <h1>{m.startTitle}</h1>
      <p>{m.startIntro}</p>
      <IssueSummary issues={issues} />
      <form method="get" action={href('/complain')} class="search-form">
        <Field name="q" label={m.searchLabel} hint={m.searchHint} issues={issues}>
          {(describedBy, invalid) => (
            <div class="search-row">
              <input id="f-q" name="q" type="search" value={q} maxLength={200} aria-describedby={describedBy} aria-invalid={invalid} autocomplete="off" />
              <button type="submit">{m.searchButton}</button>
            </div>
          )}
        </Field>
        <p class="js-only" hidden data-module="complaint-near" data-url={href('/complain')} data-failed={m.nearMeFailed}>
          <button type="button" class="secondary">
            {m.nearMe}
          </button>
        </p>
      </form>
      {searched && (
        <div aria-live="polite">
          {points.length === 0 && organisations.length === 0 && <p class="notice">{m.noResults}</p>}
          {points.length > 0 && (
            <section aria-labelledby="points-heading">
              <h2 id="points-heading">{near ? m.nearHeading : m.pointsHeading}</h2>

              <ol class="result-list target-list">
                {points.map((point) => (
                  <li key={point.code} class="card">
                    <a href={href(`/p/${point.code}/complain`)} class="target-link">
                      <Localised th={point.nameTh} en={point.nameEn} />
                    </a>
                    <p class="meta">
                      <Localised th={point.organisationNameTh} en={point.organisationNameEn} /> · <Localised th={point.districtTh} en={point.districtEn} />,{' '}
                      <Localised th={point.provinceTh} en={point.provinceEn} />
                      {point.distanceM !== null && ` · ${m.distance(formatNumber(point.distanceM / 1000, locale))}`}
                    </p>
                  </li>
                ))}
              </ol>
              <div
                class="map"
                role="region"
                aria-label={m.mapLabel}
                data-module="complaint-map"
                data-mode="choose"
                data-points={JSON.stringify(markers)}
                data-link-text={m.complainHere}
                data-tile-url={map.tileUrl}
                data-attribution={map.attribution}
              />
            </section>
          )}
          {organisations.length > 0 && (
            <section aria-labelledby="organisations-heading">
              <h2 id="organisations-heading">{m.organisationsHeading}</h2>
              <ul class="result-list target-list">
                {organisations.map((organisation) => (
                  <li key={organisation.id} class="card">
                    <a href={href(`/complain?organisation=${organisation.id}`)} class="target-link">
                      <Localised th={organisation.nameTh} en={organisation.nameEn} />
                    </a>
                    {organisation.provinceTh && (
                      // The hierarchy's names exist in Thai only.
                      <p class="meta" lang="th">
                        {[...organisation.parentsTh.slice(-1), organisation.provinceTh].join(' · ')}
                      </p>
                    )}
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
      )}
      <p class="notice">{m.hotline}</p>
      <p>
        <a href={href('/track')}>{m.trackLink}</a>
      </p>
    </Layout>
  );
}

// ─── The form ───────────────────────────────────────────────────────────────────────────────

export type Target = { kind: 'point'; point: TargetPoint } | { kind: 'organisation'; organisation: TargetOrganisation };

export const targetName = (target: Target, locale: 'th' | 'en'): string =>
  target.kind === 'point' ? textFor(locale, target.point.nameTh, target.point.nameEn) : textFor(locale, target.organisation.nameTh, target.organisation.nameEn);

function TargetSummary({ target }: { target: Target }) {
  const m = useMessages(complaintMessages);
  const href = useHref();
  return (
    <div class="card target">
      <p class="meta">{m.target}</p>
      {target.kind === 'point' ? (
        <>
          <p>
            <strong>
              <Localised th={target.point.nameTh} en={target.point.nameEn} />
            </strong>
          </p>
          <p class="meta">
            <Localised th={target.point.organisationNameTh} en={target.point.organisationNameEn} /> · <Localised th={target.point.districtTh} en={target.point.districtEn} />
            , <Localised th={target.point.provinceTh} en={target.point.provinceEn} />
          </p>
        </>
      ) : (
        <>
          <p>
            <strong>
              <Localised th={target.organisation.nameTh} en={target.organisation.nameEn} />
            </strong>
          </p>
          {target.organisation.provinceTh && (
            <p class="meta">
              <Localised th={target.organisation.provinceTh} en={target.organisation.provinceEn} />
            </p>
          )}
        </>
      )}
      <p>
        <a href={href('/complain')}>{m.changeTarget}</a>
      </p>
    </div>
  );
}

function CategoryChoices({ selected, issues }: { selected: string | undefined; issues: FieldIssue[] }) {
  const m = useMessages(complaintMessages);
  const { locale } = useView();
  const error = useIssue(issues, 'category');
  return (
    <fieldset class={error ? 'field has-error' : 'field'} aria-describedby={error ? 'f-category-error' : undefined}>
      <legend>{m.category}</legend>
      {error && (
        <p class="field-error" id="f-category-error">
          {error}
        </p>
      )}
      <ul class="choice-list">
        {COMPLAINT_CATEGORIES.map((category, index) => (
          <li key={category.code}>
            <label class="choice">
              <input type="radio" name="category" value={category.code} id={index === 0 ? 'f-category' : undefined} checked={selected === category.code} />
              <span>
                <strong>{locale === 'th' ? category.nameTh : category.nameEn}</strong>
                <span class="meta choice-hint">{locale === 'th' ? category.hintTh : category.hintEn}</span>
              </span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

export interface FormPageProps {
  target: Target;
  form: Partial<ComplaintForm>;
  issues: FieldIssue[];
  retentionDays: number;
  /** files cannot be shown again: say so when the form comes back */
  photosLost: boolean;
  map: MapSettings;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

export function ComplaintFormPage({ target, form, issues, retentionDays, photosLost, map }: FormPageProps) {
  const m = useMessages(complaintMessages);
  const href = useHref();
  const { locale } = useView();
  const name = targetName(target, locale);
  const hasCoordinates = Boolean(text(form.lat) || text(form.lng)) || issues.some((i) => i.field === 'lat' || i.field === 'lng');
  const centre = target.kind === 'point' ? { lat: target.point.lat, lng: target.point.lng } : null;
  return (
    <Layout title={m.formTitle(name)} withMap>
      <h1>{m.formTitle(name)}</h1>
      <p>{m.formIntro}</p>
      <TargetSummary target={target} />
      <IssueSummary issues={issues} />
      {photosLost && <p class="notice">{m.photoAgain}</p>}
      <form method="post" action={href('/complain')} encType="multipart/form-data" class="complaint-form" noValidate>
        <CsrfField />
        {target.kind === 'point' ? <input type="hidden" name="point" value={target.point.code} /> : <input type="hidden" name="organisation" value={String(target.organisation.id)} />}
        <CategoryChoices selected={text(form.category)} issues={issues} />
        <Field name="description" label={m.description} hint={m.descriptionHint} issues={issues}>
          {(describedBy, invalid) => (
            <textarea id="f-description" name="description" rows={6} maxLength={3000} required aria-describedby={describedBy} aria-invalid={invalid}>
              {text(form.description)}
            </textarea>
          )}
        </Field>
        <Field name="photos" label={m.photos} hint={m.photosHint} issues={issues}>
          {(describedBy, invalid) => (
            <input id="f-photos" name="photos" type="file" multiple accept="image/jpeg,image/png,image/webp" aria-describedby={describedBy} aria-invalid={invalid} />
          )}
        </Field>
        <fieldset>
          <legend>{m.location}</legend>
          <Field name="address" label={m.address} hint={m.addressHint} issues={issues}>
            {(describedBy, invalid) => <input id="f-address" name="address" type="text" maxLength={300} value={text(form.address)} aria-describedby={describedBy} aria-invalid={invalid} />}
          </Field>
          <details class="coordinates" open={hasCoordinates}>
            <summary>{m.coordinates}</summary>
            <p class="hint" id="coordinates-hint">
              {m.coordinatesHint}
            </p>
            <div class="pair">
              <Field name="lat" label={m.lat} issues={issues}>
                {(describedBy, invalid) => (
                  <input id="f-lat" name="lat" type="text" inputMode="decimal" value={text(form.lat)} aria-describedby={describedBy ?? 'coordinates-hint'} aria-invalid={invalid} />
                )}
              </Field>
              <Field name="lng" label={m.lng} issues={issues}>
                {(describedBy, invalid) => (
                  <input id="f-lng" name="lng" type="text" inputMode="decimal" value={text(form.lng)} aria-describedby={describedBy ?? 'coordinates-hint'} aria-invalid={invalid} />
                )}
              </Field>
            </div>
            <div
              class="map small"
              role="region"
              aria-label={m.pinMapLabel}
              data-module="complaint-map"
              data-mode="pin"
              data-lat-input="f-lat"
              data-lng-input="f-lng"
              data-centre={centre ? `${centre.lat},${centre.lng}` : ''}
              data-locate-text={m.useMyLocation}
              data-tile-url={map.tileUrl}
              data-attribution={map.attribution}
            />
          </details>
        </fieldset>
        <fieldset>
          <legend>{m.contact}</legend>
          <p class="privacy">{m.privacy(retentionDays)}</p>
          <Field name="contact_name" label={m.contactName} issues={issues}>
            {(describedBy, invalid) => (
              <input id="f-contact_name" name="contact_name" type="text" autocomplete="name" maxLength={100} value={text(form.contact_name)} aria-describedby={describedBy} aria-invalid={invalid} />
            )}
          </Field>
          <Field name="contact_phone" label={m.contactPhone} issues={issues}>
            {(describedBy, invalid) => (
              <input id="f-contact_phone" name="contact_phone" type="tel" autocomplete="tel" maxLength={30} value={text(form.contact_phone)} aria-describedby={describedBy} aria-invalid={invalid} />
            )}
          </Field>
          <Field name="contact_email" label={m.contactEmail} hint={m.contactEmailHint} issues={issues}>
            {(describedBy, invalid) => (
              <input id="f-contact_email" name="contact_email" type="email" autocomplete="email" maxLength={254} value={text(form.contact_email)} aria-describedby={describedBy} aria-invalid={invalid} />
            )}
          </Field>
          <ConsentField checked={form.consent === 'yes'} issues={issues} />
        </fieldset>
        <input type="hidden" name="altcha" value="" data-module="proof-of-work" data-challenge-url="/captcha/challenge" />
        <button type="submit">{m.submit}</button>
      </form>
      <p class="notice">{m.hotline}</p>
    </Layout>
  );
}

function ConsentField({ checked, issues }: { checked: boolean; issues: FieldIssue[] }) {
  const m = useMessages(complaintMessages);
  const error = useIssue(issues, 'consent');
  return (
    <div class={error ? 'field has-error' : 'field'}>
      {error && (
        <p class="field-error" id="f-consent-error">
          {error}
        </p>
      )}
      <label class="choice">
        <input type="checkbox" id="f-consent" name="consent" value="yes" checked={checked} aria-describedby={error ? 'f-consent-error' : undefined} aria-invalid={error ? true : undefined} />
        <span>{m.consent}</span>
      </label>
    </div>
  );
}

// ─── Following a complaint ──────────────────────────────────────────────────────────────────

export function TrackFormPage({ number, issues }: { number: string; issues: FieldIssue[] }) {
  const m = useMessages(complaintMessages);
  const href = useHref();
  return (
    <Layout title={m.trackTitle}>
      <h1>{m.trackTitle}</h1>
      <p>{m.trackIntro}</p>
      <form method="get" action={href('/track')} class="search-form">
        <Field name="number" label={m.trackNumber} hint={m.trackHint} issues={issues}>
          {(describedBy, invalid) => (
            <div class="search-row">
              <input
                id="f-number"
                name="number"
                type="text"
                value={number}
                maxLength={40}
                autocapitalize="characters"
                autocomplete="off"
                spellcheck={false}
                aria-describedby={describedBy}
                aria-invalid={invalid}
              />
              <button type="submit">{m.trackButton}</button>
            </div>
          )}
        </Field>
      </form>
      <p>
        <a href={href('/complain')}>{m.startTitle}</a>
      </p>
    </Layout>
  );
}

function sourceName(source: string, m: ReturnType<typeof complaintMessages.for>): string {
  if (source === 'centre') return m.sourceCentre;
  if (source === 'office') return m.sourceOffice;
  return m.sourceSystem;
}

export interface TrackPageProps {
  complaint: PublicComplaint;
  events: PublicEvent[];
  /** just sent from the form; 'mail' when an e-mail address was given */
  justSent: 'plain' | 'mail' | null;
}

export function TrackPage({ complaint, events, justSent }: TrackPageProps) {
  const m = useMessages(complaintMessages);
  const href = useHref();
  const { locale } = useView();
  const category = COMPLAINT_CATEGORIES.find((c) => c.code === complaint.category);
  return (
    <Layout title={m.complaintTitle(complaint.trackingNumber)}>
      <h1>
        {m.complaintHeading} <span class="tracking-number">{complaint.trackingNumber}</span>
      </h1>
      {justSent && (
        <p class="notice" role="status">
          {m.submittedNotice}
          {justSent === 'mail' && ` ${m.submittedMail}`}
        </p>
      )}
      <p class="status-line">
        <span class={`badge ${statusTone(complaint.status)}`}>{statusName(complaint.status, locale)}</span>{' '}
        <span class="meta">{m.since(formatDate(complaint.statusChangedAt, locale, 'dateTime'))}</span>
      </p>
      <dl class="facts complaint-facts">
        <dt>{m.about}</dt>
        <dd>{category ? (locale === 'th' ? category.nameTh : category.nameEn) : complaint.category}</dd>
        {complaint.pointCode && complaint.pointNameTh && (
          <>
            <dt>{m.servicePoint}</dt>
            <dd>
              <a href={href(`/p/${complaint.pointCode}`)}>
                <Localised th={complaint.pointNameTh} en={complaint.pointNameEn} />
              </a>
            </dd>
          </>
        )}
        <dt>{m.handledBy}</dt>
        <dd>
          <Localised th={complaint.organisationNameTh} en={complaint.organisationNameEn} />
        </dd>
        <dt>{m.submittedAt}</dt>
        <dd>{formatDate(complaint.createdAt, locale, 'dateTime')}</dd>
        <dt>{m.photosFact}</dt>
        <dd>{m.photoCount(complaint.photoCount)}</dd>
      </dl>
      <section aria-labelledby="answer-heading">
        <h2 id="answer-heading">{m.publicAnswer}</h2>
        {complaint.publicAnswer ? <p class="answer">{complaint.publicAnswer}</p> : <p>{m.noAnswerYet}</p>}
      </section>
      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{m.history}</h2>
        <ol class="timeline">
          {events.map((event, index) => (
            <li key={index}>
              <p>
                <strong>{statusName(event.status, locale)}</strong> <span class="meta">· {formatDate(event.at, locale, 'dateTime')} · {sourceName(event.source, m)}</span>
              </p>
              {event.publicNote && <p class="answer">{event.publicNote}</p>}
            </li>
          ))}
        </ol>
      </section>
      <p class="meta">{m.trackPrivacy}</p>
      <p>
        <a href={href('/track')}>{m.trackTitle}</a>
      </p>
    </Layout>
  );
}
