/** The office home, the approval queue and the officer's own account (sessions, second factor). */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { can, type Actor } from '../../auth/access.js';
import { audit } from '../../auth/audit.js';
import { revokeSession } from '../../auth/sessions.js';
import { rows, type Db } from '../../db/client.js';
import { districts, organisations, provinces, roleGrants, sessions, users } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import { CsrfField } from '../../http/forms.js';
import { actorOf } from '../../http/scopes/office.js';
import { sendPage, useHref, useMessages, useView } from '../../http/view.js';
import { OfficeLayout } from '../../http/views/office-layout.js';
import { formatDate, localePrefix } from '../../i18n/index.js';
import { queueMail } from '../../jobs/mail.js';
import { feedbackCounts, type FeedbackCounts } from '../feedback/office-queries.js';
import { FeedbackSummary } from '../feedback/office-views.js';
import { organisationById } from '../organisations/queries.js';
import { accountMessages } from './messages.js';
import { grantOfficer, pendingAccounts, type PendingAccount } from './queries.js';

interface RoleLine {
  role: string;
  organisation: string | null;
  area: string | null;
}

async function describeRoles(db: Db, actor: Actor, locale: 'th' | 'en'): Promise<RoleLine[]> {
  const lines = await db
    .select({
      role: roleGrants.role,
      organisation: locale === 'th' ? organisations.nameTh : sql<string>`coalesce(${organisations.nameEn}, ${organisations.nameTh})`,
      province: locale === 'th' ? provinces.nameTh : provinces.nameEn,
      district: locale === 'th' ? districts.nameTh : districts.nameEn,
    })
    .from(roleGrants)
    .leftJoin(organisations, eq(organisations.id, roleGrants.organisationId))
    .leftJoin(provinces, eq(provinces.code, roleGrants.provinceCode))
    .leftJoin(districts, eq(districts.code, roleGrants.districtCode))
    .where(eq(roleGrants.userId, actor.userId));
  return lines.map((line) => ({ role: line.role, organisation: line.organisation, area: [line.district, line.province].filter(Boolean).join(', ') || null }));
}

function HomePage({ roles, organisation, feedback }: { roles: RoleLine[]; organisation: string; feedback: FeedbackCounts }) {
  const m = useMessages(accountMessages);
  const href = useHref();
  return (
    <OfficeLayout title={m.homeTitle}>
      <h1>{m.homeTitle}</h1>
      <p>{m.homeIntro(organisation)}</p>
      <h2>{m.yourRoles}</h2>
      <ul>
        {roles.map((role, index) => (
          <li key={index}>
            {role.role === 'admin'
              ? m.roleAdmin
              : role.role === 'officer'
                ? m.roleOfficer(role.organisation ?? '')
                : role.organisation
                  ? m.roleSupervisorLine(role.organisation)
                  : m.roleSupervisorArea(role.area ?? '')}
          </li>
        ))}
      </ul>
      <p class="actions">
        <a class="button" href={href('/office/points')}>
          {m.pointsLink}
        </a>
        <a class="button secondary" href={href('/office/approvals')}>
          {m.approvalsTitle}
        </a>
      </p>
      <FeedbackSummary counts={feedback} />
    </OfficeLayout>
  );
}

function ApprovalsPage({ pending, notice }: { pending: PendingAccount[]; notice: string | null }) {
  const m = useMessages(accountMessages);
  const href = useHref();
  const { locale } = useView();
  return (
    <OfficeLayout title={m.approvalsTitle}>
      <h1>{m.approvalsTitle}</h1>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      {pending.length === 0 ? (
        <p>{m.approvalsEmpty}</p>
      ) : (
        <ul class="result-list">
          {pending.map((account) => (
            <li key={account.id} class="card">
              <h2>{account.name}</h2>
              <p class="meta">
                {locale === 'en' && account.organisationEn ? account.organisationEn : account.organisationTh} · {account.email}
                {account.phone ? ` · ${account.phone}` : ''} · {m.requestedAt} {formatDate(account.createdAt, locale, 'dateTime')}
              </p>
              <form method="post" action={href(`/office/approvals/${account.id}`)} class="actions">
                <CsrfField />
                <button type="submit" name="decision" value="approve">
                  {m.approve}
                </button>
                <button type="submit" name="decision" value="reject" class="secondary">
                  {m.reject}
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </OfficeLayout>
  );
}

interface SessionLine {
  idHash: string;
  createdAt: Date;
  lastSeenAt: Date;
  userAgent: string | null;
}

function AccountPage({ sessionsList, current, hasSecondFactor }: { sessionsList: SessionLine[]; current: string; hasSecondFactor: boolean }) {
  const m = useMessages(accountMessages);
  const href = useHref();
  const { locale } = useView();
  return (
    <OfficeLayout title={m.accountTitle}>
      <h1>{m.accountTitle}</h1>
      <p>
        {hasSecondFactor ? m.twoFactorOn : m.twoFactorOff}{' '}
        {!hasSecondFactor && <a href={href('/office/two-factor')}>{m.enableTwoFactor}</a>}
      </p>
      <h2>{m.sessionsTitle}</h2>
      <ul class="result-list">
        {sessionsList.map((session) => (
          <li key={session.idHash} class="card">
            <p>
              <strong>{session.idHash === current ? m.thisDevice : (session.userAgent ?? '—')}</strong>
            </p>
            <p class="meta">
              {m.signedInAt} {formatDate(session.createdAt, locale, 'dateTime')} · {m.lastSeen} {formatDate(session.lastSeenAt, locale, 'dateTime')}
            </p>
            {session.idHash !== current && (
              <form method="post" action={href(`/office/account/sessions/${session.idHash.slice(0, 16)}/revoke`)}>
                <CsrfField />
                <button type="submit" class="secondary">
                  {m.revoke}
                </button>
              </form>
            )}
          </li>
        ))}
      </ul>
    </OfficeLayout>
  );
}

export const officeHomeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/office', async (request, reply) => {
    const actor = actorOf(request);
    const organisation = await organisationById(app.db, actor.organisationId);
    const name = request.locale === 'en' ? (organisation?.nameEn ?? organisation?.nameTh ?? '') : (organisation?.nameTh ?? '');
    const [roles, feedback] = await Promise.all([describeRoles(app.db, actor, request.locale), feedbackCounts(app.db, actor)]);
    return sendPage(request, reply, <HomePage roles={roles} organisation={name} feedback={feedback} />);
  });

  app.get('/office/approvals', async (request, reply) => sendPage(request, reply, <ApprovalsPage pending={await pendingAccounts(app.db, actorOf(request))} notice={null} />));

  app.post(
    '/office/approvals/:userId',
    {
      schema: {
        params: Type.Object({ userId: Type.Integer({ minimum: 1, maximum: 2147483647 }) }),
        body: Type.Object({ decision: Type.Union([Type.Literal('approve'), Type.Literal('reject')]), _csrf: Type.Optional(Type.String({ maxLength: 200 })) }),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const m = accountMessages.for(request.locale);
      const [user] = await app.db.select().from(users).where(and(eq(users.id, request.params.userId), eq(users.status, 'pending')));
      const organisation = user ? await organisationById(app.db, user.organisationId) : null;
      // Unknown, already decided, or outside the approver's scope all look the same from outside.
      if (!user || !organisation || !can(actor, 'approve', organisation)) throw new AppError('not_found');
      const approve = request.body.decision === 'approve';
      await app.db.transaction(async (tx) => {
        await tx
          .update(users)
          .set({ status: approve ? 'approved' : 'rejected', approvedBy: actor.userId, approvedAt: new Date() })
          .where(and(eq(users.id, user.id), eq(users.status, 'pending')));
        if (approve) {
          await grantOfficer(tx, user.id, organisation.id);
          const mm = accountMessages.for(user.locale === 'en' ? 'en' : 'th');
          await queueMail(tx, { to: user.email, subject: mm.mailApprovedSubject, text: mm.mailApprovedBody(`${app.config.publicUrl}${localePrefix(request.locale)}/office/sign-in`) });
        }
        await audit(tx, actor, { action: approve ? 'account.approve' : 'account.reject', entity: 'user', entityId: user.id, organisationId: organisation.id, changes: { email: user.email } });
      });
      const name = `${user.firstName} ${user.lastName}`;
      return sendPage(request, reply, <ApprovalsPage pending={await pendingAccounts(app.db, actor)} notice={approve ? m.approved(name) : m.rejected(name)} />);
    },
  );

  app.get('/office/account', async (request, reply) => {
    const actor = actorOf(request);
    const list = await app.db
      .select({ idHash: sessions.idHash, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt, userAgent: sessions.userAgent })
      .from(sessions)
      .where(and(eq(sessions.userId, actor.userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, new Date())))
      .orderBy(desc(sessions.lastSeenAt));
    return sendPage(request, reply, <AccountPage sessionsList={list} current={request.signedIn?.session.idHash ?? ''} hasSecondFactor={request.signedIn?.hasSecondFactor ?? false} />);
  });

  app.post(
    '/office/account/sessions/:prefix/revoke',
    { schema: { params: Type.Object({ prefix: Type.String({ pattern: '^[0-9a-f]{16}$' }) }), body: Type.Object({ _csrf: Type.Optional(Type.String({ maxLength: 200 })) }) } },
    async (request, reply) => {
      const actor = actorOf(request);
      const [match] = await rows<{ idHash: string }>(
        app.db,
        sql`select id_hash as "idHash" from sessions where user_id = ${actor.userId} and id_hash like ${`${request.params.prefix}%`} and revoked_at is null`,
      );
      if (!match) throw new AppError('not_found');
      await revokeSession(app.db, match.idHash);
      return reply.redirect(`${localePrefix(request.locale)}/office/account`, 303);
    },
  );
};
