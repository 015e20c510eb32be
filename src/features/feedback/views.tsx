/** Citizen pages of ratings: the form (from the poster, the site or a kiosk), thanks, and a closed point. */
import type { FieldIssue } from '../../http/errors.js';
import { CsrfField, Field, IssueSummary, useIssue } from '../../http/forms.js';
import { useHref, useMessages, useView } from '../../http/view.js';
import { Layout } from '../../http/views/layout.js';
import { Localised, textFor } from '../../http/views/localised.js';
import { formatNumber } from '../../i18n/index.js';
import { COMMENT_MAX, type Answers } from './input.js';
import { ratingMessages, type RatingMessages } from './messages.js';
import type { RatedPoint } from './queries.js';
import { DIMENSIONS } from './rollups.js';

const SCORES = [1, 2, 3, 4, 5] as const;
/** Mouths from a frown to a wide smile, in a 24 × 24 face. */
const MOUTHS = ['M7.5 17.5 Q12 11.5 16.5 17.5', 'M8 16.5 Q12 13.8 16 16.5', 'M8 15.5 L16 15.5', 'M8 14.5 Q12 17.2 16 14.5', 'M7 13.5 Q12 20 17 13.5'];

function Face({ score }: { score: number }) {
  return (
    <svg class="face" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <circle cx="12" cy="12" r="10.5" fill="none" stroke="currentColor" stroke-width="1.6" />
      <circle cx="8.6" cy="9.6" r="1.35" fill="currentColor" />
      <circle cx="15.4" cy="9.6" r="1.35" fill="currentColor" />
      <path d={MOUTHS[score - 1]} fill="none" stroke="currentColor" stroke-width="1.7" stroke-linecap="round" />
    </svg>
  );
}

const overallWord = (m: RatingMessages, score: number): string => m[`overall${score}` as 'overall1'];

/** Where a problem's link goes: hidden fields and the form as a whole point at the send button. */
const anchorOf = (field: string) => (field === 'altcha' || field === 'form' ? 'f-submit' : `f-${field}`);

function OverallChoice({ selected, issues }: { selected: string | undefined; issues: FieldIssue[] }) {
  const m = useMessages(ratingMessages);
  const error = useIssue(issues, 'overall');
  return (
    <fieldset class={error ? 'field faces has-error' : 'field faces'} aria-describedby={error ? 'f-overall-error' : undefined}>
      <legend>{m.overall}</legend>
      {error && (
        <p class="field-error" id="f-overall-error">
          {error}
        </p>
      )}
      <div class="face-row">
        {SCORES.map((score) => (
          <div class="face-option" key={score}>
            <input
              type="radio"
              name="overall"
              value={String(score)}
              id={score === 1 ? 'f-overall' : `f-overall-${score}`}
              checked={selected === String(score)}
              aria-invalid={error ? true : undefined}
            />
            <label for={score === 1 ? 'f-overall' : `f-overall-${score}`}>
              <Face score={score} />
              <span class="face-word">{overallWord(m, score)}</span>
            </label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

function AgreementSelect({ name, label, value, issues }: { name: string; label: string; value: string | undefined; issues: FieldIssue[] }) {
  const m = useMessages(ratingMessages);
  return (
    <Field name={name} label={label} issues={issues}>
      {(describedBy, invalid) => (
        <select id={`f-${name}`} name={name} aria-describedby={describedBy} aria-invalid={invalid}>
          <option value="">{m.agreeNone}</option>
          {[5, 4, 3, 2, 1].map((score) => (
            <option key={score} value={String(score)} selected={value === String(score)}>
              {m[`agree${score}` as 'agree1']}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function YesNoUnsure({ name, legend, value, issues }: { name: 'followed_manual' | 'copy_demanded'; legend: string; value: string | undefined; issues: FieldIssue[] }) {
  const m = useMessages(ratingMessages);
  const error = useIssue(issues, name);
  return (
    <fieldset class={error ? 'field answers has-error' : 'field answers'} aria-describedby={error ? `f-${name}-error` : undefined}>
      <legend>{legend}</legend>
      {error && (
        <p class="field-error" id={`f-${name}-error`}>
          {error}
        </p>
      )}
      {(['yes', 'no', 'unsure'] as const).map((answer, index) => (
        <label class="choice inline" key={answer}>
          <input type="radio" name={name} value={answer} id={index === 0 ? `f-${name}` : undefined} checked={value === answer} />
          <span>{m[answer]}</span>
        </label>
      ))}
    </fieldset>
  );
}

const OPTIONAL_FIELDS = [...DIMENSIONS, 'manual', 'followed_manual', 'copy_demanded', 'comment'] as const;

export interface RatePageProps {
  point: RatedPoint;
  kiosk: boolean;
  /** qr: arrived from a scanned poster; web: from a link on the site (kiosk forms have none) */
  channel: 'qr' | 'web';
  answers: Answers;
  issues: FieldIssue[];
  /** kiosk only: the previous visitor has just sent theirs */
  thanked?: boolean;
}

export function RatePage({ point, kiosk, channel, answers, issues, thanked = false }: RatePageProps) {
  const m = useMessages(ratingMessages);
  const href = useHref();
  const { locale } = useView();
  const name = textFor(locale, point.nameTh, point.nameEn);
  const path = `/p/${point.code}/${kiosk ? 'kiosk' : 'rate'}`;
  const moreOpen = OPTIONAL_FIELDS.some((field) => Boolean(answers[field]) || issues.some((issue) => issue.field === field));
  return (
    <Layout title={m.title(name)}>
      {thanked && (
        <p class="notice success kiosk-thanks" role="status">
          {m.kioskThanks}
        </p>
      )}
      <h1 class="rate-heading">
        {m.heading}
        <span class="rate-point">
          <Localised th={point.nameTh} en={point.nameEn} />
        </span>
      </h1>
      <p class="meta rate-intro">{kiosk ? m.kioskIntro : m.intro}</p>
      <IssueSummary issues={issues} anchorOf={anchorOf} />
      <form
        method="post"
        action={href(path)}
        class="rate-form"
        id="rate-form"
        noValidate
        data-module={kiosk ? 'kiosk' : undefined}
        data-fresh-url={kiosk ? href(path) : undefined}
        data-idle-text={kiosk ? m.kioskIdle : undefined}
      >
        <CsrfField />
        {!kiosk && <input type="hidden" name="channel" value={channel} />}
        <OverallChoice selected={answers.overall} issues={issues} />
        <details class="more" open={moreOpen}>
          <summary>
            <span>{m.more}</span>
            <span class="hint">{m.moreHint}</span>
          </summary>
          <fieldset>
            <legend>{m.dimensions}</legend>
            {DIMENSIONS.map((dimension) => (
              <AgreementSelect key={dimension} name={dimension} label={m[dimension]} value={answers[dimension]} issues={issues} />
            ))}
          </fieldset>
          {point.services.length > 0 && (
            <Field name="manual" label={m.service} issues={issues}>
              {(describedBy, invalid) => (
                <select id="f-manual" name="manual" aria-describedby={describedBy} aria-invalid={invalid}>
                  <option value="">{m.serviceNone}</option>
                  {point.services.map((service) => (
                    <option key={service.manualId} value={String(service.manualId)} selected={answers.manual === String(service.manualId)}>
                      {textFor(locale, service.titleTh, service.titleEn)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          <fieldset>
            <legend>{m.manualQuestions}</legend>
            <YesNoUnsure name="followed_manual" legend={m.followedManual} value={answers.followed_manual} issues={issues} />
            <YesNoUnsure name="copy_demanded" legend={m.copyDemanded} value={answers.copy_demanded} issues={issues} />
          </fieldset>
          <Field name="comment" label={m.comment} hint={m.commentHint(formatNumber(COMMENT_MAX, locale))} issues={issues}>
            {(describedBy, invalid) => (
              <textarea id="f-comment" name="comment" rows={4} maxLength={COMMENT_MAX} aria-describedby={describedBy} aria-invalid={invalid}>
                {answers.comment ?? ''}
              </textarea>
            )}
          </Field>
        </details>
        <input type="hidden" name="altcha" value="" data-module="proof-of-work" data-challenge-url="/captcha/challenge" />
        <button type="submit" id="f-submit">
          {m.submit}
        </button>
      </form>
    </Layout>
  );
}

export function ThanksPage({ point, replaced, held }: { point: RatedPoint; replaced: boolean; held: boolean }) {
  const m = useMessages(ratingMessages);
  const href = useHref();
  return (
    <Layout title={m.thanksTitle}>
      <h1>{m.thanksTitle}</h1>
      <p class="rate-point-line">
        <Localised th={point.nameTh} en={point.nameEn} />
      </p>
      <p>{m.thanksText}</p>
      {replaced && <p class="notice">{m.thanksReplaced}</p>}
      {held && <p class="notice">{m.thanksHeld}</p>}
      <section class="card complain-prompt" aria-labelledby="complain-heading">
        <h2 id="complain-heading">{m.complainQuestion}</h2>
        <p>{m.complainText}</p>
        <p>
          <a class="button secondary" href={href(`/p/${point.code}/complain`)}>
            {m.complainLink}
          </a>
        </p>
      </section>
      <p>
        <a href={href(`/p/${point.code}`)}>{m.backToPoint}</a>
      </p>
    </Layout>
  );
}

export function ClosedPage({ point }: { point: RatedPoint }) {
  const m = useMessages(ratingMessages);
  const href = useHref();
  return (
    <Layout title={m.closedTitle}>
      <h1>{m.closedTitle}</h1>
      <p class="rate-point-line">
        <Localised th={point.nameTh} en={point.nameEn} />
      </p>
      <p>{m.closedText}</p>
      <p class="actions">
        <a class="button" href={href('/complain')}>
          {m.complainOnline}
        </a>
        <a class="button secondary" href={href(`/p/${point.code}`)}>
          {m.backToPoint}
        </a>
      </p>
    </Layout>
  );
}
