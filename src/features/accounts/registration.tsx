/**
 * Registration of an officer: pick the organisation (search works without JavaScript; with it the
 * list updates as you type), name, e-mail, phone and a background proof of work. The e-mail gets a
 * link to confirm it and set a password — never a password — and the account then waits for
 * approval by an officer of the same organisation or a supervisor of its area or line.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { eq, sql } from 'drizzle-orm';
import { hashPassword } from '../../auth/passwords.js';
import { rows } from '../../db/client.js';
import { users } from '../../db/schema.js';
import type { FieldIssue } from '../../http/errors.js';
import { CsrfField, Field, validationIssues } from '../../http/forms.js';
import type { OfficeRouteConfig } from '../../http/scopes/office.js';
import { sendPage, useHref, useMessages, useView } from '../../http/view.js';
import { OfficeLayout } from '../../http/views/office-layout.js';
import { localePrefix } from '../../i18n/index.js';
import { queueMail } from '../../jobs/mail.js';
import { findOrganisations, organisationById, type OrganisationChoice } from '../organisations/queries.js';
import { accountMessages } from './messages.js';
import { approverEmails, consumeEmailToken, createEmailToken, normaliseEmail, peekEmailToken, userByEmail } from './queries.js';
import { MessagePage, passwordIssues, SetPasswordPage } from './sign-in.js';

const isPublic: OfficeRouteConfig = { public: true };

const Name = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' });
export const RegistrationForm = Type.Object({
  organisation_query: Type.String({ maxLength: 200 }),
  organisation_province: Type.Optional(Type.Union([Type.Literal(''), Type.String({ pattern: '^\\d{2}$' })])),
  organisation_id: Type.Optional(Type.String({ maxLength: 12 })),
  first_name: Name,
  last_name: Name,
  email: Type.String({ format: 'email', maxLength: 254 }),
  phone: Type.String({ minLength: 9, maxLength: 30, pattern: '^[0-9+\\-\\s()]+$' }),
  action: Type.Optional(Type.Union([Type.Literal('find'), Type.Literal('register')])),
  altcha: Type.Optional(Type.String({ maxLength: 4000 })),
  _csrf: Type.Optional(Type.String({ maxLength: 200 })),
});
type RegistrationForm = Static<typeof RegistrationForm>;

const emptyForm: RegistrationForm = { organisation_query: '', organisation_province: '', first_name: '', last_name: '', email: '', phone: '' };

function OrganisationChoices({ choices, selected }: { choices: OrganisationChoice[]; selected: string | undefined }) {
  const { locale } = useView();
  return (
    <ul class="choice-list" id="organisation-choices">
      {choices.map((choice) => (
        <li key={choice.id}>
          <label class="choice">
            <input type="radio" name="organisation_id" value={String(choice.id)} checked={selected === String(choice.id)} required />
            <span>
              <strong>{locale === 'en' && choice.nameEn ? choice.nameEn : choice.nameTh}</strong>
              <span class="meta"> {[...choice.parentsTh, choice.provinceTh].filter(Boolean).join(' › ')}</span>
            </span>
          </label>
        </li>
      ))}
    </ul>
  );
}

function RegistrationPage(props: { form: RegistrationForm; choices: OrganisationChoice[] | null; provinces: { code: string; name: string }[]; issues: FieldIssue[] }) {
  const m = useMessages(accountMessages);
  const href = useHref();
  const { locale } = useView();
  const { form, choices, issues } = props;
  return (
    <OfficeLayout title={m.registerTitle}>
      <h1>{m.registerTitle}</h1>
      <p>{m.registerIntro}</p>
      {issues.length > 0 && (
        <div class="notice error" role="alert">
          <ul>
            {issues.map((issue) => (
              <li key={issue.field}>
                <a href={`#f-${issue.field}`}>{issue[locale]}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <form method="post" action={href('/office/register')} class="narrow-form" data-module="organisation-picker">
        <CsrfField />
        <fieldset>
          <legend>{m.organisation}</legend>
          <Field name="organisation_province" label={m.organisationProvince} issues={issues}>
            {() => (
              <select id="f-organisation_province" name="organisation_province">
                <option value="">{m.anyProvince}</option>
                {props.provinces.map((p) => (
                  <option key={p.code} value={p.code} selected={form.organisation_province === p.code}>
                    {p.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field name="organisation_query" label={m.organisation} hint={m.organisationHint} issues={issues}>
            {(describedBy, invalid) => (
              <input id="f-organisation_query" name="organisation_query" type="search" value={form.organisation_query} aria-describedby={describedBy} aria-invalid={invalid} autocomplete="off" />
            )}
          </Field>
          <button type="submit" name="action" value="find" class="secondary" formnovalidate>
            {m.findOrganisation}
          </button>
          <div aria-live="polite" data-choices>
            {choices && choices.length === 0 && <p class="notice">{m.noOrganisation}</p>}
            {choices && choices.length > 0 && (
              <>
                <p>
                  <strong>{m.chooseOrganisation}</strong>
                </p>
                <OrganisationChoices choices={choices} selected={form.organisation_id} />
              </>
            )}
          </div>
        </fieldset>
        <Field name="first_name" label={m.firstName} issues={issues}>
          {(d, invalid) => <input type="text" id="f-first_name" name="first_name" autocomplete="given-name" value={form.first_name} aria-describedby={d} aria-invalid={invalid} />}
        </Field>
        <Field name="last_name" label={m.lastName} issues={issues}>
          {(d, invalid) => <input type="text" id="f-last_name" name="last_name" autocomplete="family-name" value={form.last_name} aria-describedby={d} aria-invalid={invalid} />}
        </Field>
        <Field name="email" label={m.email} issues={issues}>
          {(d, invalid) => <input id="f-email" name="email" type="email" autocomplete="email" value={form.email} aria-describedby={d} aria-invalid={invalid} />}
        </Field>
        <Field name="phone" label={m.phone} hint={m.phoneHint} issues={issues}>
          {(d, invalid) => <input id="f-phone" name="phone" type="tel" autocomplete="tel" value={form.phone} aria-describedby={d} aria-invalid={invalid} />}
        </Field>
        <input type="hidden" name="altcha" value="" data-module="proof-of-work" data-challenge-url="/captcha/challenge" />
        <button type="submit" name="action" value="register">
          {m.submitRegistration}
        </button>
      </form>
    </OfficeLayout>
  );
}

export const registrationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const provinceOptions = async (locale: 'th' | 'en') =>
    rows<{ code: string; name: string }>(app.db, sql`select code, ${locale === 'th' ? sql`name_th` : sql`name_en`} as name from provinces order by ${locale === 'th' ? sql`name_th` : sql`name_en`}`);

  app.get('/office/register', { config: isPublic }, async (request, reply) =>
    sendPage(request, reply, <RegistrationPage form={emptyForm} choices={null} provinces={await provinceOptions(request.locale)} issues={[]} />),
  );

  app.get(
    '/office/organisations.json',
    {
      config: isPublic,
      schema: { querystring: Type.Object({ q: Type.String({ maxLength: 200 }), province: Type.Optional(Type.Union([Type.Literal(''), Type.String({ pattern: '^\\d{2}$' })])) }) },
    },
    async (request) => ({ items: await findOrganisations(app.db, request.query.q, request.query.province || undefined) }),
  );

  app.post(
    '/office/register',
    {
      config: {
        ...isPublic,
        // Without the proof of work (no JavaScript) a network may register 3 times an hour, with it 20.
        rateLimit: { max: (request) => ((request.body as { altcha?: string } | undefined)?.altcha ? 20 : 3), timeWindow: '1 hour', hook: 'preHandler' },
      },
      schema: { body: RegistrationForm },
      attachValidation: true,
    },
    async (request, reply) => {
      const m = accountMessages.for(request.locale);
      const form = { ...emptyForm, ...(request.body as Partial<RegistrationForm>) } as RegistrationForm;
      const provinces = await provinceOptions(request.locale);
      const findChoices = () => findOrganisations(app.db, form.organisation_query ?? '', form.organisation_province || undefined);

      if (form.action === 'find') {
        return sendPage(request, reply, <RegistrationPage form={form} choices={await findChoices()} provinces={provinces} issues={[]} />);
      }
      const issues = request.validationError ? validationIssues(request.validationError.validation) : [];
      const organisation = /^\d{1,9}$/.test(form.organisation_id ?? '') ? await organisationById(app.db, Number(form.organisation_id)) : null;
      if (!organisation) issues.push({ field: 'organisation_query', th: accountMessages.th.organisationRequired, en: accountMessages.en.organisationRequired });
      if (form.altcha && !(await app.captcha.verify(form.altcha))) {
        issues.push({ field: 'altcha', th: 'การตรวจสอบอัตโนมัติไม่ผ่าน กรุณาโหลดหน้าใหม่แล้วลองอีกครั้ง', en: 'The automatic check failed. Reload the page and try again' });
      }
      if (issues.length > 0 || !organisation) {
        const choices = form.organisation_query ? await findChoices() : null;
        return sendPage(request, reply, <RegistrationPage form={form} choices={choices} provinces={provinces} issues={issues} />, 400);
      }

      const email = normaliseEmail(form.email);
      const prefix = localePrefix(request.locale);
      await app.db.transaction(async (tx) => {
        const existing = await userByEmail(tx, email);
        if (existing) {
          // Say nothing on the page (no address fishing); tell the owner of the address instead.
          await queueMail(tx, { to: email, subject: m.mailExistsSubject, text: m.mailExistsBody(`${app.config.publicUrl}${prefix}/office/reset`) });
          return;
        }
        const [user] = await tx
          .insert(users)
          .values({ email, firstName: form.first_name.trim(), lastName: form.last_name.trim(), phone: form.phone.trim(), organisationId: organisation.id, locale: request.locale })
          .returning({ id: users.id });
        if (!user) throw new Error('user not created');
        const token = await createEmailToken(tx, user.id, 'verify-email', 24 * 60);
        await queueMail(tx, { to: email, subject: m.mailVerifySubject, text: m.mailVerifyBody(form.first_name.trim(), `${app.config.publicUrl}${prefix}/office/verify/${token}`) });
      });
      return sendPage(request, reply, <MessagePage title={m.checkEmailTitle} text={m.checkEmail(email)} />);
    },
  );

  const Token = Type.Object({ token: Type.String({ minLength: 1, maxLength: 100 }) });

  app.get('/office/verify/:token', { config: isPublic, schema: { params: Token } }, async (request, reply) => {
    const m = accountMessages.for(request.locale);
    if (!(await peekEmailToken(app.db, request.params.token, 'verify-email'))) {
      return sendPage(request, reply, <MessagePage title={m.verifyTitle} text={m.linkInvalid} />, 404);
    }
    return sendPage(request, reply, <SetPasswordPage title={m.verifyTitle} intro={m.verifyIntro} action={`${localePrefix(request.locale)}/office/verify/${request.params.token}`} issues={[]} />);
  });

  app.post(
    '/office/verify/:token',
    {
      config: { ...isPublic, rateLimit: { max: 10, timeWindow: '15 minutes', hook: 'preHandler' } },
      schema: { params: Token, body: Type.Object({ password: Type.String({ maxLength: 1000 }), password2: Type.String({ maxLength: 1000 }), _csrf: Type.Optional(Type.String({ maxLength: 200 })) }) },
    },
    async (request, reply) => {
      const m = accountMessages.for(request.locale);
      const prefix = localePrefix(request.locale);
      const issues = passwordIssues(request.body.password, request.body.password2);
      if (issues.length) {
        return sendPage(request, reply, <SetPasswordPage title={m.verifyTitle} intro={m.verifyIntro} action={`${prefix}/office/verify/${request.params.token}`} issues={issues} />, 400);
      }
      const passwordHash = await hashPassword(request.body.password);
      const done = await app.db.transaction(async (tx) => {
        const userId = await consumeEmailToken(tx, request.params.token, 'verify-email');
        if (userId === null) return false;
        const [user] = await tx
          .update(users)
          .set({ passwordHash, status: 'pending', emailVerifiedAt: new Date() })
          .where(eq(users.id, userId))
          .returning({ name: sql<string>`${users.firstName} || ' ' || ${users.lastName}`, organisationId: users.organisationId });
        if (!user) return false;
        const organisation = await organisationById(tx, user.organisationId);
        for (const to of await approverEmails(tx, user.organisationId)) {
          await queueMail(tx, {
            to,
            subject: m.mailApprovalSubject(user.name),
            text: m.mailApprovalBody(user.name, organisation?.nameTh ?? '', `${app.config.publicUrl}${prefix}/office/approvals`),
          });
        }
        return true;
      });
      if (!done) return sendPage(request, reply, <MessagePage title={m.verifyTitle} text={m.linkInvalid} />, 404);
      return sendPage(request, reply, <MessagePage title={m.verifiedTitle} text={m.verified} />);
    },
  );
};
