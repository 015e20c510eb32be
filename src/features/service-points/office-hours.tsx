/** The hours page: weekly hours (up to three periods a day), holidays, and dated exceptions. */
import type { FieldIssue } from '../../http/errors.js';
import { CsrfField, Field, IssueSummary, useIssue } from '../../http/forms.js';
import { useHref, useMessages, useView } from '../../http/view.js';
import { formatDate } from '../../i18n/index.js';
import { dayField, EXCEPTION_SLOTS, hoursFilled, validateWeeklyHours, WEEK_ORDER, weekdayName, type ExceptionForm, type WeeklyHoursForm, type WeekdayKey } from './hours-form.js';
import { officeMessages } from './office-messages.js';
import type { HoursException, PointAccess } from './office-queries.js';
import { PointFrame } from './office-views.js';

function TimeInput({ name, label, value, issues, disabled }: { name: string; label: string; value: string; issues: FieldIssue[]; disabled: boolean }) {
  const error = useIssue(issues, name);
  return (
    <span class={error ? 'time-field has-error' : 'time-field'}>
      <label for={`f-${name}`} class="visually-hidden">
        {label}
      </label>
      {/* Text, not type="time": phones on a 12-hour clock cut "PM" off a narrow time field, and offices write 24-hour times. */}
      <input
        type="text"
        id={`f-${name}`}
        name={name}
        inputMode="decimal"
        autocomplete="off"
        maxLength={8}
        placeholder="--:--"
        value={value}
        aria-invalid={error !== null}
        aria-describedby={error ? `f-${name}-error` : undefined}
        disabled={disabled}
      />
      {error && (
        <span class="field-error" id={`f-${name}-error`}>
          {error}
        </span>
      )}
    </span>
  );
}

function DayRow({ day, form, issues, disabled }: { day: WeekdayKey; form: WeeklyHoursForm; issues: FieldIssue[]; disabled: boolean }) {
  const m = useMessages(officeMessages);
  const { locale } = useView();
  const name = weekdayName(day, locale);
  const state = form.days[day];
  return (
    <fieldset class="day" data-day={day}>
      <legend>{name}</legend>
      <label class="choice inline">
        <input type="checkbox" name={dayField(day, 'closed')} value="on" checked={state.closed} disabled={disabled} />
        <span>{m.closedDay}</span>
      </label>
      <div class="periods">
        {state.slots.map(([from, to], index) => (
          <div class="period" key={index}>
            <span class="period-label" aria-hidden="true">
              {m.period(index + 1)}
            </span>
            <TimeInput name={dayField(day, 'from', index + 1)} label={`${name} ${m.period(index + 1)} ${m.from}`} value={from} issues={issues} disabled={disabled} />
            <span aria-hidden="true">–</span>
            <TimeInput name={dayField(day, 'to', index + 1)} label={`${name} ${m.period(index + 1)} ${m.to}`} value={to} issues={issues} disabled={disabled} />
          </div>
        ))}
      </div>
    </fieldset>
  );
}

export interface HoursPageProps {
  access: PointAccess;
  form: WeeklyHoursForm;
  issues: FieldIssue[];
  exceptions: HoursException[];
  exceptionForm: ExceptionForm;
  exceptionIssues: FieldIssue[];
  notice: string | null;
  today: string;
}

export function HoursPage(props: HoursPageProps) {
  const m = useMessages(officeMessages);
  const href = useHref();
  const { locale } = useView();
  const { access, form, issues, exceptionForm } = props;
  const base = `/office/points/${access.point.code}/hours`;
  const disabled = !access.canManage;
  const filled = hoursFilled(validateWeeklyHours(form).hours);
  return (
    <PointFrame access={access} tab="hours" title={m.hoursTitle} notice={props.notice}>
      <h2>{m.hoursTitle}</h2>
      {!filled && issues.length === 0 && <p class="notice warn">{m.hoursNotFilled}</p>}
      <IssueSummary issues={issues} />
      <form method="post" action={href(base)} class="hours-form" noValidate data-module="hours-editor" data-copied={m.copiedMonday}>
        <CsrfField />
        <h3>{m.weeklyLegend}</h3>
        <p class="hint">{m.hoursHint}</p>
        {WEEK_ORDER.map((day) => (
          <DayRow key={day} day={day} form={form} issues={issues} disabled={disabled} />
        ))}
        {!disabled && (
          <>
            <p class="js-only">
              <button type="button" class="secondary" data-copy-monday>
                {m.copyMondayButton}
              </button>
            </p>
            <p class="copy-status" data-copy-status aria-live="polite" />
            <label class="choice js-hide">
              <input type="checkbox" name="copy_monday" value="on" />
              <span>{m.copyMonday}</span>
            </label>
          </>
        )}
        <label class="choice">
          <input type="checkbox" name="closed_on_holidays" value="on" checked={form.closedOnHolidays} disabled={disabled} aria-describedby="holidays-hint" />
          <span>
            {m.closedOnHolidays}
            <span class="hint block" id="holidays-hint">
              {m.closedOnHolidaysHint}
            </span>
          </span>
        </label>
        {!disabled && (
          <p class="actions">
            <button type="submit">{m.saveHours}</button>
          </p>
        )}
      </form>

      <section aria-labelledby="exceptions-heading">
        <h3 id="exceptions-heading">{m.exceptionsLegend}</h3>
        {props.exceptions.length === 0 ? (
          <p>{m.exceptionsEmpty}</p>
        ) : (
          <ul class="result-list">
            {props.exceptions.map((exception) => (
              <li key={exception.date} class="card">
                <p>
                  <strong>{formatDate(exception.date, locale, 'long')}</strong>:{' '}
                  {exception.intervals.length === 0 ? m.closedAllDay : exception.intervals.map((interval) => interval.join('–')).join(', ')}
                </p>
                {(locale === 'en' ? (exception.noteEn ?? exception.noteTh) : exception.noteTh) && <p class="meta">{locale === 'en' ? (exception.noteEn ?? exception.noteTh) : exception.noteTh}</p>}
                {!disabled && (
                  <form method="post" action={href(`${base}/exceptions/${exception.date}/delete`)}>
                    <CsrfField />
                    <button type="submit" class="secondary">
                      {m.deleteException}
                    </button>
                  </form>
                )}
              </li>
            ))}
          </ul>
        )}
        {!disabled && (
          <form method="post" action={href(`${base}/exceptions`)} class="narrow-form exception-form" noValidate>
            <CsrfField />
            <h4>{m.addException}</h4>
            <IssueSummary issues={props.exceptionIssues} />
            <Field name="date" label={m.exceptionDate} issues={props.exceptionIssues}>
              {(describedBy, invalid) => <input id="f-date" name="date" type="date" min={props.today} value={exceptionForm.date} required aria-describedby={describedBy} aria-invalid={invalid} />}
            </Field>
            <fieldset>
              <legend>{m.exceptionKind}</legend>
              <label class="choice">
                <input type="radio" name="kind" value="closed" checked={exceptionForm.closed} />
                <span>{m.kindClosed}</span>
              </label>
              <label class="choice">
                <input type="radio" name="kind" value="hours" checked={!exceptionForm.closed} />
                <span>{m.kindHours}</span>
              </label>
              <div class="periods">
                {Array.from({ length: EXCEPTION_SLOTS }, (_, index) => (
                  <div class="period" key={index}>
                    <span class="period-label" aria-hidden="true">
                      {m.period(index + 1)}
                    </span>
                    <TimeInput name={`from${index + 1}`} label={`${m.period(index + 1)} ${m.from}`} value={exceptionForm.slots[index]?.[0] ?? ''} issues={props.exceptionIssues} disabled={false} />
                    <span aria-hidden="true">–</span>
                    <TimeInput name={`to${index + 1}`} label={`${m.period(index + 1)} ${m.to}`} value={exceptionForm.slots[index]?.[1] ?? ''} issues={props.exceptionIssues} disabled={false} />
                  </div>
                ))}
              </div>
            </fieldset>
            <Field name="note_th" label={m.noteTh} hint={m.optional} issues={props.exceptionIssues}>
              {(describedBy, invalid) => <input type="text" id="f-note_th" name="note_th" lang="th" maxLength={200} value={exceptionForm.noteTh} aria-describedby={describedBy} aria-invalid={invalid} />}
            </Field>
            <Field name="note_en" label={m.noteEn} hint={m.optional} issues={props.exceptionIssues}>
              {(describedBy, invalid) => <input type="text" id="f-note_en" name="note_en" lang="en" maxLength={200} value={exceptionForm.noteEn} aria-describedby={describedBy} aria-invalid={invalid} />}
            </Field>
            <button type="submit">{m.addException}</button>
          </form>
        )}
      </section>
    </PointFrame>
  );
}
