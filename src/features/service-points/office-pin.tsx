/** The position page: the saved pin, the picker (map, GPS, typed or pasted), and the supervisor's check. */
import type { FieldIssue } from '../../http/errors.js';
import { CsrfField, Field, IssueSummary } from '../../http/forms.js';
import { useHref, useMessages, useView } from '../../http/view.js';
import { formatDate, formatNumber, messageByKey } from '../../i18n/index.js';
import { officeMessages } from './office-messages.js';
import type { LastVerification, PointAccess } from './office-queries.js';
import { PointFrame, VerificationBadge } from './office-views.js';
import { formatPosition } from './pin-input.js';
import { pinMessages } from './pin-messages.js';

export interface PinPageProps {
  access: PointAccess;
  location: string;
  issues: FieldIssue[];
  notice: string | null;
  /** the district warning for the saved pin, already in the page's language */
  districtWarning: string | null;
  pinnedBy: string | null;
  lastVerification: LastVerification | null;
  verificationForm: { verification: string; reason: string };
  verificationIssues: FieldIssue[];
  tiles: { url: string; attribution: string };
}

export function PinPage(props: PinPageProps) {
  const m = useMessages(officeMessages);
  const pm = useMessages(pinMessages);
  const href = useHref();
  const { locale } = useView();
  const { point } = props.access;
  const base = `/office/points/${point.code}`;
  const last = props.lastVerification;
  return (
    <PointFrame access={props.access} tab="pin" title={m.pinTitle} notice={props.notice} head={<link rel="stylesheet" href="/assets/leaflet/leaflet.css" />}>
      <h2>{m.pinTitle}</h2>
      {props.districtWarning && (
        <p class="notice warn" role="status">
          {props.districtWarning}
        </p>
      )}
      <dl class="facts">
        <dt>{m.coordinates}</dt>
        <dd>
          <span class="nowrap">{formatPosition(point.lat, point.lng)}</span>{' '}
          <a href={`https://www.openstreetmap.org/?mlat=${point.lat}&mlon=${point.lng}#map=18/${point.lat}/${point.lng}`} rel="noopener noreferrer">
            {m.viewOnMap}
          </a>
        </dd>
        <dt>{m.pinMethod}</dt>
        <dd>{messageByKey(m, `method_${point.pinMethod}`)}</dd>
        {point.pinAccuracyM !== null && (
          <>
            <dt>{m.accuracy}</dt>
            <dd>{m.metres(formatNumber(Math.round(point.pinAccuracyM), locale))}</dd>
          </>
        )}
        <dt>{m.pinnedAt}</dt>
        <dd>{formatDate(point.pinnedAt, locale, 'dateTime')}</dd>
        {props.pinnedBy && (
          <>
            <dt>{m.pinnedBy}</dt>
            <dd>{props.pinnedBy}</dd>
          </>
        )}
        <dt>{m.verificationState}</dt>
        <dd>
          <VerificationBadge verification={point.verification} />
          {last && (
            <span class="meta">
              {' '}
              {m.lastVerification(messageByKey(m, last.action === 'service_point.verify' ? 'verdict_verified' : 'verdict_flagged'), last.userName ?? m.system, formatDate(last.at, locale, 'dateTime'))}
              {last.reason ? ` — ${last.reason}` : ''}
            </span>
          )}
        </dd>
      </dl>

      {!props.access.canManage && (
        <div
          class="map pin-map"
          data-module="pin-picker"
          data-readonly=""
          data-lat={String(point.lat)}
          data-lng={String(point.lng)}
          data-tile-url={props.tiles.url}
          data-tile-attribution={props.tiles.attribution}
          role="region"
          aria-label={`${m.currentPin}: ${formatPosition(point.lat, point.lng)}`}
        />
      )}

      {props.access.canManage && (
        <form
          method="post"
          action={href(`${base}/pin`)}
          class="pin-form"
          noValidate
          data-module="pin-picker"
          data-lat={String(point.lat)}
          data-lng={String(point.lng)}
          data-tile-url={props.tiles.url}
          data-tile-attribution={props.tiles.attribution}
          data-district={point.districtCode}
          data-district-check-url={href('/office/points/district-check.json')}
        >
          <CsrfField />
          <h3>{m.savePin}</h3>
          <IssueSummary issues={props.issues} />
          <p class="hint">{m.pinHelp}</p>
          <div class="map pin-map" data-map role="application" aria-label={pm.mapLabel} />
          <p class="js-only">
            <button type="button" class="secondary" data-locate>
              {pm.useMyLocation}
            </button>
          </p>
          <p class="pin-status" data-status aria-live="polite" />
          <Field name="location" label={m.locationInput} hint={m.locationHint} issues={props.issues}>
            {(describedBy, invalid) => (
              <input type="text" id="f-location" name="location" value={props.location} maxLength={2000} autocomplete="off" spellcheck={false} aria-describedby={describedBy} aria-invalid={invalid} />
            )}
          </Field>
          <input type="hidden" name="method" value="typed" data-method />
          <input type="hidden" name="accuracy" value="" data-accuracy />
          <p class="hint">{m.pinResetsVerification}</p>
          <button type="submit">{m.savePin}</button>
        </form>
      )}

      {props.access.canVerify && (
        <form method="post" action={href(`${base}/verification`)} class="narrow-form" noValidate>
          <CsrfField />
          <h3>{m.verificationLegend}</h3>
          <p class="hint">{m.verificationHint}</p>
          <IssueSummary issues={props.verificationIssues} />
          <fieldset>
            <legend>{m.verificationState}</legend>
            {(['verified', 'flagged'] as const).map((verdict) => (
              <label key={verdict} class="choice">
                <input type="radio" name="verification" value={verdict} checked={props.verificationForm.verification === verdict} />
                <span>{messageByKey(m, `verdict_${verdict}`)}</span>
              </label>
            ))}
          </fieldset>
          <Field name="reason" label={m.reason} hint={m.reasonHint} issues={props.verificationIssues}>
            {(describedBy, invalid) => (
              <textarea id="f-reason" name="reason" rows={2} maxLength={500} aria-describedby={describedBy} aria-invalid={invalid}>
                {props.verificationForm.reason}
              </textarea>
            )}
          </Field>
          <button type="submit">{m.saveVerification}</button>
        </form>
      )}
    </PointFrame>
  );
}
