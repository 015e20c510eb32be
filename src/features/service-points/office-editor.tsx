/** The details form of a service point (names, address, area, contacts), for a new point and an existing one. */
import type { FieldIssue } from '../../http/errors.js';
import { CsrfField, Field, IssueSummary } from '../../http/forms.js';
import { useHref, useMessages, useView } from '../../http/view.js';
import { OfficeLayout } from '../../http/views/office-layout.js';
import { officeMessages } from './office-messages.js';
import type { PointForm } from './office-input.js';
import type { OrganisationOption, PlaceOption, PointAccess } from './office-queries.js';
import { localName, PointFrame } from './office-views.js';

export interface AreaLists {
  provinces: PlaceOption[];
  districts: PlaceOption[];
  subdistricts: PlaceOption[];
}

function AreaFields({ form, issues, lists }: { form: PointForm; issues: FieldIssue[]; lists: AreaLists }) {
  const m = useMessages(officeMessages);
  const href = useHref();
  return (
    <fieldset data-module="point-area" data-districts-url={href('/office/geography/districts.json')} data-subdistricts-url={href('/office/geography/subdistricts.json')}>
      <legend>{m.areaLegend}</legend>
      <Field name="province" label={m.province} issues={issues}>
        {(describedBy, invalid) => (
          <select id="f-province" name="province" required aria-describedby={describedBy} aria-invalid={invalid}>
            <option value="">{m.chooseProvince}</option>
            {lists.provinces.map((p) => (
              <option key={p.code} value={p.code} selected={form.province === p.code}>
                {p.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field name="district" label={m.district} issues={issues}>
        {(describedBy, invalid) => (
          <select id="f-district" name="district" required aria-describedby={describedBy} aria-invalid={invalid}>
            <option value="">{m.chooseDistrict}</option>
            {lists.districts.map((d) => (
              <option key={d.code} value={d.code} selected={form.district === d.code}>
                {d.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field name="subdistrict" label={m.subdistrict} issues={issues}>
        {(describedBy, invalid) => (
          <select id="f-subdistrict" name="subdistrict" aria-describedby={describedBy} aria-invalid={invalid}>
            <option value="">{m.chooseSubdistrict}</option>
            {lists.subdistricts.map((s) => (
              <option key={s.code} value={s.code} selected={form.subdistrict === s.code} data-postal={s.postalCode ?? ''}>
                {s.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div class="js-hide refresh-row">
        <p class="hint" id="refresh-hint">
          {m.refreshHint}
        </p>
        <button type="submit" name="action" value="refresh" class="secondary" formnovalidate aria-describedby="refresh-hint">
          {m.refreshArea}
        </button>
      </div>
      <Field name="postal_code" label={m.postalCode} hint={m.postalHint} issues={issues}>
        {(describedBy, invalid) => (
          <input type="text" id="f-postal_code" name="postal_code" inputMode="numeric" autocomplete="postal-code" maxLength={5} value={form.postal_code} class="short" aria-describedby={describedBy} aria-invalid={invalid} />
        )}
      </Field>
    </fieldset>
  );
}

/** Names, address, area and contacts: the fields both forms share. */
function PointFields({ form, issues, lists }: { form: PointForm; issues: FieldIssue[]; lists: AreaLists }) {
  const m = useMessages(officeMessages);
  return (
    <>
      <fieldset>
        <legend>{m.namesLegend}</legend>
        <Field name="name_th" label={m.nameTh} issues={issues}>
          {(describedBy, invalid) => <input type="text" id="f-name_th" name="name_th" lang="th" required maxLength={200} value={form.name_th} aria-describedby={describedBy} aria-invalid={invalid} />}
        </Field>
        <Field name="name_en" label={m.nameEn} hint={m.optional} issues={issues}>
          {(describedBy, invalid) => <input type="text" id="f-name_en" name="name_en" lang="en" maxLength={200} value={form.name_en} aria-describedby={describedBy} aria-invalid={invalid} />}
        </Field>
        <Field name="address_th" label={m.addressTh} hint={m.addressHint} issues={issues}>
          {(describedBy, invalid) => (
            <textarea id="f-address_th" name="address_th" lang="th" rows={2} maxLength={500} autocomplete="street-address" aria-describedby={describedBy} aria-invalid={invalid}>
              {form.address_th}
            </textarea>
          )}
        </Field>
        <Field name="address_en" label={m.addressEn} hint={m.optional} issues={issues}>
          {(describedBy, invalid) => (
            <textarea id="f-address_en" name="address_en" lang="en" rows={2} maxLength={500} aria-describedby={describedBy} aria-invalid={invalid}>
              {form.address_en}
            </textarea>
          )}
        </Field>
      </fieldset>
      <AreaFields form={form} issues={issues} lists={lists} />
      <fieldset>
        <legend>{m.contactLegend}</legend>
        <Field name="phones" label={m.phones} hint={m.phonesHint} issues={issues}>
          {(describedBy, invalid) => (
            <textarea id="f-phones" name="phones" rows={3} maxLength={400} inputMode="tel" aria-describedby={describedBy} aria-invalid={invalid}>
              {form.phones}
            </textarea>
          )}
        </Field>
        <Field name="website" label={m.website} hint={`${m.optional} · ${m.websiteHint}`} issues={issues}>
          {(describedBy, invalid) => <input id="f-website" name="website" type="url" maxLength={500} value={form.website} aria-describedby={describedBy} aria-invalid={invalid} />}
        </Field>
        <Field name="email" label={m.email} hint={m.optional} issues={issues}>
          {(describedBy, invalid) => <input id="f-email" name="email" type="email" maxLength={254} value={form.email} aria-describedby={describedBy} aria-invalid={invalid} />}
        </Field>
      </fieldset>
    </>
  );
}

/**
 * Enter in a text field submits with the form's first submit button; this invisible one makes
 * that "save", not the "refresh the lists" button further down.
 */
function DefaultSubmit({ value }: { value: string }) {
  return (
    <button type="submit" name="action" value={value} class="visually-hidden" tabIndex={-1} aria-hidden="true">
      {value}
    </button>
  );
}

export function DetailsPage(props: { access: PointAccess; form: PointForm; lists: AreaLists; issues: FieldIssue[]; notice: string | null }) {
  const m = useMessages(officeMessages);
  const href = useHref();
  const { access, form, issues } = props;
  const base = `/office/points/${access.point.code}`;
  return (
    <PointFrame access={access} tab="details" title={m.detailsTitle} notice={props.notice}>
      <h2>{m.detailsTitle}</h2>
      <IssueSummary issues={issues} />
      <form method="post" action={href(base)} class="point-form" noValidate>
        <CsrfField />
        {access.canManage && <DefaultSubmit value="save" />}
        <fieldset disabled={!access.canManage} class="plain">
          <PointFields form={form} issues={issues} lists={props.lists} />
          {access.canManage && (
            <p class="actions">
              <button type="submit" name="action" value="save">
                {m.save}
              </button>
            </p>
          )}
        </fieldset>
      </form>
      {access.canManage && (
        <section aria-labelledby="status-heading">
          <h2 id="status-heading">{m.statusLegend}</h2>
          <form method="post" action={href(`${base}/status`)}>
            <CsrfField />
            {access.point.status === 'active' ? (
              <>
                <p class="hint">{m.closeHint}</p>
                <button type="submit" name="status" value="closed" class="secondary danger">
                  {m.closePoint}
                </button>
              </>
            ) : (
              <button type="submit" name="status" value="active">
                {m.reopenPoint}
              </button>
            )}
          </form>
        </section>
      )}
    </PointFrame>
  );
}

export function NewPointPage(props: { form: PointForm; lists: AreaLists; issues: FieldIssue[]; organisations: OrganisationOption[]; searchable: boolean; searched: boolean }) {
  const m = useMessages(officeMessages);
  const href = useHref();
  const { locale } = useView();
  const { form, issues, organisations } = props;
  const only = !props.searchable && organisations.length === 1 ? organisations[0] : undefined;
  return (
    <OfficeLayout title={m.newTitle}>
      <p class="crumbs-line">
        <a href={href('/office/points')}>{m.backToList}</a>
      </p>
      <h1>{m.newTitle}</h1>
      <IssueSummary issues={issues} />
      <form method="post" action={href('/office/points/new')} class="point-form" noValidate>
        <CsrfField />
        <DefaultSubmit value="save" />
        <fieldset>
          <legend>{m.organisationLegend}</legend>
          {only ? (
            <p>
              <input type="hidden" name="organisation_id" value={String(only.id)} />
              {localName(locale, only.nameTh, only.nameEn)}
            </p>
          ) : props.searchable ? (
            <>
              <Field name="organisation_query" label={m.organisationQuery} issues={issues}>
                {(describedBy, invalid) => <input id="f-organisation_query" name="organisation_query" type="search" maxLength={200} value={form.organisation_query ?? ''} aria-describedby={describedBy} aria-invalid={invalid} />}
              </Field>
              <button type="submit" name="action" value="find" class="secondary" formnovalidate>
                {m.findOrganisation}
              </button>
              {props.searched && organisations.length === 0 && <p class="notice">{m.noOrganisation}</p>}
              {organisations.length > 0 && (
                <ul class="choice-list" id="f-organisation_id">
                  {organisations.map((o) => (
                    <li key={o.id}>
                      <label class="choice">
                        <input type="radio" name="organisation_id" value={String(o.id)} checked={form.organisation_id === String(o.id)} />
                        <span>{localName(locale, o.nameTh, o.nameEn)}</span>
                      </label>
                    </li>
                  ))}
                </ul>
              )}
            </>
          ) : (
            <Field name="organisation_id" label={m.organisation} issues={issues}>
              {(describedBy, invalid) => (
                <select id="f-organisation_id" name="organisation_id" aria-describedby={describedBy} aria-invalid={invalid}>
                  {organisations.map((o) => (
                    <option key={o.id} value={String(o.id)} selected={form.organisation_id === String(o.id)}>
                      {localName(locale, o.nameTh, o.nameEn)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
        </fieldset>
        <PointFields form={form} issues={issues} lists={props.lists} />
        <fieldset>
          <legend>{m.tabPin}</legend>
          <Field name="location" label={m.location} hint={`${m.locationNewHint} · ${m.locationHint}`} issues={issues}>
            {(describedBy, invalid) => <input type="text" id="f-location" name="location" maxLength={2000} value={form.location ?? ''} autocomplete="off" aria-describedby={describedBy} aria-invalid={invalid} />}
          </Field>
        </fieldset>
        <p class="actions">
          <button type="submit" name="action" value="save">
            {m.create}
          </button>
        </p>
      </form>
    </OfficeLayout>
  );
}
