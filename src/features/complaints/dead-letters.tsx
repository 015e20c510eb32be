/**
 * Dead letters (`/office/admin/dead-letters`, admins only): background jobs that failed on every
 * attempt — most often a complaint the national centre would not take — and a retry for each.
 * Retrying a forwarding puts the complaint's `forward_status` back to pending with it.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'drizzle-orm';
import { hasRole, type Actor } from '../../auth/access.js';
import { audit } from '../../auth/audit.js';
import { rows } from '../../db/client.js';
import { AppError } from '../../http/errors.js';
import { CsrfField } from '../../http/forms.js';
import { actorOf } from '../../http/scopes/office.js';
import { sendPage, useHref, useMessages, useView } from '../../http/view.js';
import { OfficeLayout } from '../../http/views/office-layout.js';
import { formatDate, localePrefix } from '../../i18n/index.js';
import { MAIL_JOB } from '../../jobs/mail.js';
import { retryDeadJob } from '../../jobs/queue.js';
import { FORWARD_JOB } from './forward.js';
import { officeComplaintMessages } from './office-messages.js';
import { RETENTION_JOB } from './retention.js';

interface DeadJob {
  id: number;
  kind: string;
  key: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
}

export function requireAdmin(actor: Actor): void {
  if (!hasRole(actor, 'admin')) throw new AppError('forbidden');
}

function kindName(kind: string, m: ReturnType<typeof officeComplaintMessages.for>): string {
  if (kind === FORWARD_JOB) return m.kind_forward;
  if (kind === MAIL_JOB) return m.kind_mail;
  if (kind === RETENTION_JOB) return m.kind_retention;
  return kind;
}

function DeadLettersPage({ jobs, notice }: { jobs: DeadJob[]; notice: string | null }) {
  const m = useMessages(officeComplaintMessages);
  const href = useHref();
  const { locale } = useView();
  return (
    <OfficeLayout title={m.deadTitle}>
      <h1>{m.deadTitle}</h1>
      <p>{m.deadIntro}</p>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      {jobs.length === 0 ? (
        <p>{m.deadEmpty}</p>
      ) : (
        <ul class="result-list dead-letters">
          {jobs.map((job) => (
            <li key={job.id} class="card">
              <h2>{kindName(job.kind, m)}</h2>
              <dl class="facts">
                <dt>{m.key}</dt>
                <dd>
                  <code>{job.key}</code>
                </dd>
                <dt>{m.attempts}</dt>
                <dd>{job.attempts}</dd>
                <dt>{m.lastError}</dt>
                <dd>{job.lastError ?? '—'}</dd>
                <dt>{m.created}</dt>
                <dd>{formatDate(job.createdAt, locale, 'dateTime')}</dd>
              </dl>
              <form method="post" action={href(`/office/admin/dead-letters/${job.id}/retry`)}>
                <CsrfField />
                <button type="submit">{m.retry}</button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </OfficeLayout>
  );
}

const NOTICES = { retried: 'retried', gone: 'retryGone' } as const;

export const deadLetterPages: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/office/admin/dead-letters',
    { schema: { querystring: Type.Object({ done: Type.Optional(Type.Union([Type.Literal('retried'), Type.Literal('gone')])) }, { additionalProperties: false }) } },
    async (request, reply) => {
      requireAdmin(actorOf(request));
      const jobs = await rows<DeadJob>(
        app.db,
        sql`select id::int as id, kind, idempotency_key as key, attempts, last_error as "lastError", created_at as "createdAt"
            from jobs where status = 'dead' order by id desc limit 200`,
      );
      const m = officeComplaintMessages.for(request.locale);
      const done = request.query.done;
      return sendPage(request, reply, <DeadLettersPage jobs={jobs.map((job) => ({ ...job, createdAt: new Date(job.createdAt) }))} notice={done ? m[NOTICES[done]] : null} />);
    },
  );

  app.post(
    '/office/admin/dead-letters/:id/retry',
    {
      schema: {
        params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) }),
        body: Type.Object({ _csrf: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      requireAdmin(actor);
      const { id } = request.params;
      const retried = await app.db.transaction(async (tx) => {
        const [job] = await rows<{ kind: string; payload: { complaintId?: number }; key: string }>(
          tx,
          sql`select kind, payload, idempotency_key as key from jobs where id = ${id} and status = 'dead' for update`,
        );
        if (!job || !(await retryDeadJob(tx, id))) return false;
        if (job.kind === FORWARD_JOB && typeof job.payload.complaintId === 'number') {
          await tx.execute(sql`update complaints set forward_status = 'pending' where id = ${job.payload.complaintId} and forward_status = 'dead'`);
        }
        await audit(tx, actor, { action: 'job.retry', entity: 'job', entityId: id, changes: { kind: job.kind, key: job.key, status: ['dead', 'pending'] } });
        return true;
      });
      return reply.redirect(`${localePrefix(request.locale)}/office/admin/dead-letters?done=${retried ? 'retried' : 'gone'}`, 303);
    },
  );
};
