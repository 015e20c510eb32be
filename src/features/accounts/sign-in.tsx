/** Sign-in with lock-out, the second factor, sign-out and password reset by e-mail link. */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { eq } from 'drizzle-orm';
import QRCode from 'qrcode';
import { createSealer } from '../../auth/seal.js';
import { hashPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, verifyPassword } from '../../auth/passwords.js';
import { createSession, markSecondFactor, revokeSession, revokeUserSessions, SESSION_COOKIE, sessionCookieOptions } from '../../auth/sessions.js';
import { newTotpSecret, totpUri, verifyTotp } from '../../auth/totp.js';
import { usedChallenges, users } from '../../db/schema.js';
import type { FieldIssue } from '../../http/errors.js';
import { CsrfField, Field } from '../../http/forms.js';
import { actorOf, type OfficeRouteConfig } from '../../http/scopes/office.js';
import { sendPage, useHref, useMessages, useView } from '../../http/view.js';
import { OfficeLayout } from '../../http/views/office-layout.js';
import { localePrefix } from '../../i18n/index.js';
import { queueMail } from '../../jobs/mail.js';
import { accountMessages } from './messages.js';
import { consumeEmailToken, createEmailToken, peekEmailToken, recordFailedSignIn, recordSuccessfulSignIn, userByEmail } from './queries.js';

const Email = Type.String({ format: 'email', maxLength: 254 });
const Token = Type.String({ minLength: 1, maxLength: 100 });
const Csrf = { _csrf: Type.Optional(Type.String({ maxLength: 200 })) };

const isPublic: OfficeRouteConfig = { public: true };

/** Only back-office paths are followed after sign-in, so the link cannot send people elsewhere. */
export function safeNext(next: string | undefined, fallback: string): string {
  return next && /^(\/en)?\/office(\/[\w\-/?=&%.]*)?$/.test(next) && !next.includes('//') ? next : fallback;
}

function setSessionCookie(request: FastifyRequest, reply: FastifyReply, id: string, expiresAt: Date) {
  reply.setCookie(SESSION_COOKIE, id, sessionCookieOptions(request.server.config.publicUrl.startsWith('https:'), expiresAt));
}

function SignInPage({ email, next, error, issues }: { email: string; next: string; error: string | null; issues: FieldIssue[] }) {
  const m = useMessages(accountMessages);
  const href = useHref();
  return (
    <OfficeLayout title={m.signInTitle}>
      <h1>{m.signInTitle}</h1>
      {error && (
        <p class="notice error" role="alert">
          {error}
        </p>
      )}
      <form method="post" action={href('/office/sign-in')} class="narrow-form">
        <CsrfField />
        <input type="hidden" name="next" value={next} />
        <Field name="email" label={m.email} issues={issues}>
          {(describedBy, invalid) => <input id="f-email" name="email" type="email" autocomplete="username" required value={email} aria-describedby={describedBy} aria-invalid={invalid} />}
        </Field>
        <Field name="password" label={m.password} issues={issues}>
          {(describedBy, invalid) => <input id="f-password" name="password" type="password" autocomplete="current-password" required aria-describedby={describedBy} aria-invalid={invalid} />}
        </Field>
        <button type="submit">{m.signIn}</button>
      </form>
      <p class="actions">
        <a href={href('/office/reset')}>{m.forgot}</a>
      </p>
      <p>
        {m.noAccount} <a href={href('/office/register')}>{m.register}</a>
      </p>
    </OfficeLayout>
  );
}

function TwoFactorPage({ setup, error }: { setup: { secret: string; sealed: string; qr: string } | null; error: string | null }) {
  const m = useMessages(accountMessages);
  const href = useHref();
  return (
    <OfficeLayout title={m.twoFactorTitle}>
      <h1>{m.twoFactorTitle}</h1>
      {error && (
        <p class="notice error" role="alert">
          {error}
        </p>
      )}
      {setup ? (
        <>
          <p>{m.twoFactorSetupIntro}</p>
          <img src={setup.qr} width={200} height={200} alt="" />
          <p>
            {m.secretKey}: <code class="secret">{setup.secret}</code>
          </p>
        </>
      ) : (
        <p>{m.twoFactorIntro}</p>
      )}
      <form method="post" action={href('/office/two-factor')} class="narrow-form">
        <CsrfField />
        {setup && <input type="hidden" name="pending" value={setup.sealed} />}
        <Field name="code" label={m.code} issues={[]}>
          {() => <input type="text" id="f-code" name="code" inputMode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxLength={6} required />}
        </Field>
        <button type="submit">{m.confirm}</button>
      </form>
    </OfficeLayout>
  );
}

function MessagePage({ title, text, link }: { title: string; text: string; link?: { href: string; label: string } }) {
  return (
    <OfficeLayout title={title}>
      <h1>{title}</h1>
      <p class="notice" role="status">
        {text}
      </p>
      {link && (
        <p>
          <a class="button" href={link.href}>
            {link.label}
          </a>
        </p>
      )}
    </OfficeLayout>
  );
}

function ResetRequestPage({ issues }: { issues: FieldIssue[] }) {
  const m = useMessages(accountMessages);
  const href = useHref();
  return (
    <OfficeLayout title={m.resetTitle}>
      <h1>{m.resetTitle}</h1>
      <p>{m.resetIntro}</p>
      <form method="post" action={href('/office/reset')} class="narrow-form">
        <CsrfField />
        <Field name="email" label={m.email} issues={issues}>
          {(describedBy, invalid) => <input id="f-email" name="email" type="email" autocomplete="email" required aria-describedby={describedBy} aria-invalid={invalid} />}
        </Field>
        <button type="submit">{m.sendLink}</button>
      </form>
    </OfficeLayout>
  );
}

export function SetPasswordPage({ title, intro, action, issues }: { title: string; intro?: string; action: string; issues: FieldIssue[] }) {
  const m = useMessages(accountMessages);
  return (
    <OfficeLayout title={title}>
      <h1>{title}</h1>
      {intro && <p>{intro}</p>}
      <form method="post" action={action} class="narrow-form">
        <CsrfField />
        <Field name="password" label={m.password} hint={m.passwordHint} issues={issues}>
          {(describedBy, invalid) => (
            <input id="f-password" name="password" type="password" autocomplete="new-password" required minLength={PASSWORD_MIN_LENGTH} aria-describedby={describedBy} aria-invalid={invalid} />
          )}
        </Field>
        <Field name="password2" label={m.passwordAgain} issues={issues}>
          {(describedBy, invalid) => <input id="f-password2" name="password2" type="password" autocomplete="new-password" required aria-describedby={describedBy} aria-invalid={invalid} />}
        </Field>
        <button type="submit">{m.setPassword}</button>
      </form>
    </OfficeLayout>
  );
}

/** Checks the two password fields; Thai and English issues for the form. */
export function passwordIssues(password: string, again: string): FieldIssue[] {
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) {
    return [{ field: 'password', th: `รหัสผ่านต้องยาว ${PASSWORD_MIN_LENGTH}–${PASSWORD_MAX_LENGTH} ตัวอักษร`, en: `The password must be ${PASSWORD_MIN_LENGTH}–${PASSWORD_MAX_LENGTH} characters` }];
  }
  if (password !== again) return [{ field: 'password2', th: accountMessages.th.passwordsDiffer, en: accountMessages.en.passwordsDiffer }];
  return [];
}

function LinkInvalid() {
  const m = useMessages(accountMessages);
  const href = useHref();
  return <MessagePage title={m.resetTitle} text={m.linkInvalid} link={{ href: href('/office/reset'), label: m.sendLink }} />;
}

function useBangkokTime() {
  const { locale } = useView();
  return (at: Date) => new Intl.DateTimeFormat(locale === 'th' ? 'th-TH' : 'en-GB', { timeZone: 'Asia/Bangkok', hour: '2-digit', minute: '2-digit' }).format(at);
}

function LockedNotice({ until }: { until: Date }) {
  const m = useMessages(accountMessages);
  const time = useBangkokTime();
  return <>{m.locked(time(until))}</>;
}

export const signInRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const sealer = createSealer(app.config.piiKey, 'totp');

  app.get('/office/sign-in', { config: isPublic, schema: { querystring: Type.Object({ next: Type.Optional(Type.String({ maxLength: 500 })) }) } }, async (request, reply) => {
    if (request.signedIn && !request.signedIn.needsSecondFactor) return reply.redirect(safeNext(request.query.next, `${localePrefix(request.locale)}/office`), 303);
    return sendPage(request, reply, <SignInPage email="" next={request.query.next ?? ''} error={null} issues={[]} />);
  });

  app.post(
    '/office/sign-in',
    {
      config: { ...isPublic, rateLimit: { max: 20, timeWindow: '1 minute', hook: 'preHandler' } },
      schema: { body: Type.Object({ email: Type.String({ maxLength: 300 }), password: Type.String({ maxLength: PASSWORD_MAX_LENGTH }), next: Type.Optional(Type.String({ maxLength: 500 })), ...Csrf }) },
    },
    async (request, reply) => {
      const { email, password, next } = request.body;
      const m = accountMessages.for(request.locale);
      const fail = (error: string) => sendPage(request, reply, <SignInPage email={email} next={next ?? ''} error={error} issues={[]} />, 400);
      const user = await userByEmail(app.db, email);
      if (user?.lockedUntil && user.lockedUntil > new Date()) {
        return sendPage(request, reply, <OfficeLayout title={m.signInTitle}><h1>{m.signInTitle}</h1><p class="notice error" role="alert"><LockedNotice until={user.lockedUntil} /></p></OfficeLayout>, 429);
      }
      const passwordOk = await verifyPassword(user?.passwordHash ?? null, password);
      if (!user || !passwordOk) {
        if (user) await recordFailedSignIn(app.db, user.id);
        return fail(m.badCredentials);
      }
      if (user.status === 'unverified') return fail(m.notVerified);
      if (user.status === 'pending') return fail(m.pendingApproval);
      if (user.status !== 'approved') return fail(m.badCredentials);
      await recordSuccessfulSignIn(app.db, user.id);
      // A new session id at every sign-in: a planted cookie can never become a signed-in one.
      if (request.signedIn) await revokeSession(app.db, request.signedIn.session.idHash);
      const session = await createSession(app.db, user.id, request.headers['user-agent']);
      setSessionCookie(request, reply, session.id, session.expiresAt);
      const target = safeNext(next, `${localePrefix(request.locale)}/office`);
      return reply.redirect(target, 303);
    },
  );

  app.post('/office/sign-out', { config: isPublic, schema: { body: Type.Object(Csrf) } }, async (request, reply) => {
    if (request.signedIn) await revokeSession(app.db, request.signedIn.session.idHash);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect(`${localePrefix(request.locale)}/office/sign-in`, 303);
  });

  app.get('/office/two-factor', { config: { beforeSecondFactor: true } }, async (request, reply) => {
    const actor = actorOf(request);
    if (!request.signedIn?.needsSecondFactor && request.signedIn?.hasSecondFactor) return reply.redirect(`${localePrefix(request.locale)}/office`, 303);
    if (request.signedIn?.hasSecondFactor) return sendPage(request, reply, <TwoFactorPage setup={null} error={null} />);
    const secret = newTotpSecret();
    const qr = await QRCode.toDataURL(totpUri(secret, actor.email), { margin: 1, width: 200 });
    return sendPage(request, reply, <TwoFactorPage setup={{ secret, sealed: sealer.seal(`${actor.userId}:${secret}`), qr }} error={null} />);
  });

  app.post(
    '/office/two-factor',
    {
      config: { beforeSecondFactor: true, rateLimit: { max: 10, timeWindow: '1 minute', hook: 'preHandler' } },
      schema: { body: Type.Object({ code: Type.String({ maxLength: 10 }), pending: Type.Optional(Type.String({ maxLength: 500 })), ...Csrf }) },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const session = request.signedIn?.session;
      if (!session) throw new Error('signed-in request without a session');
      const [user] = await app.db.select({ totpSecret: users.totpSecret }).from(users).where(eq(users.id, actor.userId));
      let secret: string | null = user?.totpSecret ? sealer.open(user.totpSecret) : null;
      let setupSecret: string | null = null;
      if (!secret && request.body.pending) {
        try {
          const [userId, pendingSecret] = sealer.open(request.body.pending).split(':');
          if (Number(userId) === actor.userId && pendingSecret) setupSecret = secret = pendingSecret;
        } catch {
          secret = null;
        }
      }
      const code = request.body.code.replace(/\s/g, '');
      const step = secret ? verifyTotp(secret, code) : null;
      // A code counts once: one seen over a shoulder or replayed within its 30 seconds is refused.
      const fresh =
        step !== null &&
        (await app.db.insert(usedChallenges).values({ id: `totp:${actor.userId}:${step}`, expiresAt: new Date((step + 3) * 30_000) }).onConflictDoNothing().returning()).length === 1;
      if (!secret || !fresh) {
        const m = accountMessages.for(request.locale);
        const setup = setupSecret
          ? { secret: setupSecret, sealed: request.body.pending ?? '', qr: await QRCode.toDataURL(totpUri(setupSecret, actor.email), { margin: 1, width: 200 }) }
          : null;
        return sendPage(request, reply, <TwoFactorPage setup={setup} error={m.badCode} />, 400);
      }
      if (setupSecret) await app.db.update(users).set({ totpSecret: sealer.seal(setupSecret) }).where(eq(users.id, actor.userId));
      await markSecondFactor(app.db, session.idHash);
      return reply.redirect(`${localePrefix(request.locale)}/office`, 303);
    },
  );

  app.get('/office/reset', { config: isPublic }, async (request, reply) => sendPage(request, reply, <ResetRequestPage issues={[]} />));

  app.post(
    '/office/reset',
    { config: { ...isPublic, rateLimit: { max: 5, timeWindow: '15 minutes', hook: 'preHandler' } }, schema: { body: Type.Object({ email: Email, ...Csrf }) }, attachValidation: true },
    async (request, reply) => {
      const m = accountMessages.for(request.locale);
      if (request.validationError) {
        return sendPage(request, reply, <ResetRequestPage issues={[{ field: 'email', th: accountMessages.th.email, en: accountMessages.en.email }]} />, 400);
      }
      const user = await userByEmail(app.db, request.body.email);
      // The same answer whether or not the address has an account: no address fishing.
      if (user && user.status !== 'disabled') {
        await app.db.transaction(async (tx) => {
          const token = await createEmailToken(tx, user.id, 'reset-password', 60);
          const mm = accountMessages.for(user.locale === 'en' ? 'en' : 'th');
          await queueMail(tx, { to: user.email, subject: mm.mailResetSubject, text: mm.mailResetBody(`${app.config.publicUrl}${localePrefix(request.locale)}/office/reset/${token}`) });
        });
      }
      return sendPage(request, reply, <MessagePage title={m.resetTitle} text={m.resetSent} />);
    },
  );

  app.get('/office/reset/:token', { config: isPublic, schema: { params: Type.Object({ token: Token }) } }, async (request, reply) => {
    const m = accountMessages.for(request.locale);
    if (!(await peekEmailToken(app.db, request.params.token, 'reset-password'))) return sendPage(request, reply, <LinkInvalid />, 404);
    return sendPage(request, reply, <SetPasswordPage title={m.resetTitle} action={`${localePrefix(request.locale)}/office/reset/${request.params.token}`} issues={[]} />);
  });

  app.post(
    '/office/reset/:token',
    {
      config: { ...isPublic, rateLimit: { max: 10, timeWindow: '15 minutes', hook: 'preHandler' } },
      schema: { params: Type.Object({ token: Token }), body: Type.Object({ password: Type.String({ maxLength: 1000 }), password2: Type.String({ maxLength: 1000 }), ...Csrf }) },
    },
    async (request, reply) => {
      const m = accountMessages.for(request.locale);
      const issues = passwordIssues(request.body.password, request.body.password2);
      const action = `${localePrefix(request.locale)}/office/reset/${request.params.token}`;
      if (issues.length) return sendPage(request, reply, <SetPasswordPage title={m.resetTitle} action={action} issues={issues} />, 400);
      const passwordHash = await hashPassword(request.body.password);
      const userId = await app.db.transaction(async (tx) => {
        const id = await consumeEmailToken(tx, request.params.token, 'reset-password');
        if (id === null) return null;
        await tx.update(users).set({ passwordHash, failedSignIns: 0, lockedUntil: null }).where(eq(users.id, id));
        await revokeUserSessions(tx, id);
        return id;
      });
      if (userId === null) return sendPage(request, reply, <LinkInvalid />, 404);
      return sendPage(request, reply, <MessagePage title={m.resetTitle} text={m.resetDone} link={{ href: `${localePrefix(request.locale)}/office/sign-in`, label: m.signIn }} />);
    },
  );
};

export { MessagePage };
