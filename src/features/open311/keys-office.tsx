/** `/office/admin/api-keys` (admins only): issue Open311 API keys — shown once — and revoke them. */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FieldIssue } from '../../http/errors.js';
import { CsrfField, Field, validationIssues } from '../../http/forms.js';
import { actorOf } from '../../http/scopes/office.js';
import { sendPage, useHref, useMessages, useView } from '../../http/view.js';
import { OfficeLayout } from '../../http/views/office-layout.js';
import { formatDate, formatNumber, localePrefix } from '../../i18n/index.js';
import { requireAdmin } from '../complaints/dead-letters.js';
import { createApiKey, listApiKeys, revokeApiKey, type ApiKeyLine } from './api-keys.js';
import { keyMessages } from './messages.js';

const KeyForm = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' }), _csrf: Type.Optional(Type.String({ maxLength: 200 })) },
  { additionalProperties: false },
);

interface KeysPageProps {
  keys: ApiKeyLine[];
  created: { name: string; key: string } | null;
  notice: string | null;
  issues: FieldIssue[];
  name: string;
}

function KeysPage({ keys, created, notice, issues, name }: KeysPageProps) {
  const m = useMessages(keyMessages);
  const href = useHref();
  const { locale } = useView();
  return (
    <OfficeLayout title={m.keysTitle}>
      <h1>{m.keysTitle}</h1>
      <p>{m.keysIntro}</p>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      {created && (
        <div class="notice" role="status">
          <p>
            <strong>{m.newKey}</strong> ({created.name})
          </p>
          <p>
            <code class="secret">{created.key}</code>
          </p>
        </div>
      )}
      <form method="post" action={href('/office/admin/api-keys')} class="narrow-form">
        <CsrfField />
        <Field name="name" label={m.keyName} hint={m.keyNameHint} issues={issues}>
          {(describedBy, invalid) => <input id="f-name" name="name" type="text" maxLength={100} value={name} aria-describedby={describedBy} aria-invalid={invalid} />}
        </Field>
        <button type="submit">{m.createKey}</button>
      </form>
      {keys.length === 0 ? (
        <p>{m.keysEmpty}</p>
      ) : (
        <ul class="result-list api-keys">
          {keys.map((key) => (
            <li key={key.id} class="card">
              <h2>{key.name}</h2>
              <p class="meta">{m.createdBy(key.createdByName ?? '—', formatDate(key.createdAt, locale, 'dateTime'))}</p>
              <p class="meta-row">
                <span class={`badge ${key.revokedAt ? 'bad' : 'ok'}`}>{key.revokedAt ? m.revokedAt(formatDate(key.revokedAt, locale, 'dateTime')) : m.active}</span>
                <span class="meta">{m.keyRequests(formatNumber(key.requests, locale))}</span>
              </p>
              {!key.revokedAt && (
                <form method="post" action={href(`/office/admin/api-keys/${key.id}/revoke`)}>
                  <CsrfField />
                  <button type="submit" class="secondary">
                    {m.revoke}
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
    </OfficeLayout>
  );
}

export const apiKeyOfficePages: FastifyPluginAsyncTypebox = async (app) => {
  const show = async (request: FastifyRequest, reply: FastifyReply, props: Omit<KeysPageProps, 'keys'>, status = 200) => {
    // The new key is in this page only: never cache it.
    reply.header('cache-control', 'no-store');
    return sendPage(request, reply, <KeysPage keys={await listApiKeys(app.db)} {...props} />, status);
  };

  app.get('/office/admin/api-keys', { schema: { querystring: Type.Object({ done: Type.Optional(Type.Literal('revoked')) }, { additionalProperties: false }) } }, async (request, reply) => {
    requireAdmin(actorOf(request));
    const m = keyMessages.for(request.locale);
    return show(request, reply, { created: null, notice: request.query.done ? m.revoked : null, issues: [], name: '' });
  });

  app.post('/office/admin/api-keys', { schema: { body: KeyForm }, attachValidation: true }, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const body = (request.body ?? {}) as { name?: unknown };
    const name = typeof body.name === 'string' ? body.name.slice(0, 100) : '';
    if (request.validationError) return show(request, reply, { created: null, notice: null, issues: validationIssues(request.validationError.validation), name }, 400);
    const created = await createApiKey(app.db, actor, request.body.name.trim());
    return show(request, reply, { created: { name: request.body.name.trim(), key: created.key }, notice: null, issues: [], name: '' });
  });

  app.post(
    '/office/admin/api-keys/:id/revoke',
    { schema: { params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) }), body: Type.Object({ _csrf: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false }) } },
    async (request, reply) => {
      const actor = actorOf(request);
      requireAdmin(actor);
      await revokeApiKey(app.db, actor, request.params.id);
      return reply.redirect(`${localePrefix(request.locale)}/office/admin/api-keys?done=revoked`, 303);
    },
  );
};
