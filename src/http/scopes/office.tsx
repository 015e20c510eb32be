/**
 * The back office scope (`/office`, and `/en/office`): resolves the signed-in officer from the
 * session cookie, requires a session (and the second factor where it applies) on every route that
 * is not marked `config: { public: true }`, checks the CSRF token of every form post, never lets
 * pages be cached, and renders errors as office pages — "please sign in" becomes a redirect.
 */
import type {} from '@fastify/cookie';
import type {} from '@fastify/csrf-protection';
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { signedInFrom, type SignedIn } from '../../auth/actor.js';
import type { Actor } from '../../auth/access.js';
import { SESSION_COOKIE } from '../../auth/sessions.js';
import { localePrefix, type Locale } from '../../i18n/index.js';
import { AppError, toAppError } from '../errors.js';
import { sendPage } from '../view.js';
import { OfficeErrorPage } from '../views/office-error-page.js';

export interface OfficeRouteConfig {
  /** reachable without a session: sign-in, registration, e-mail links */
  public?: boolean;
  /** reachable between password and second factor */
  beforeSecondFactor?: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    signedIn: SignedIn | null;
  }
}

/** The signed-in officer; only call on routes that are not public. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.signedIn) throw new AppError('unauthorised');
  return request.signedIn.actor;
}

function checkCsrf(scope: FastifyInstance, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  return new Promise((resolve, reject) => {
    scope.csrfProtection(request, reply, (error?: Error) => (error ? reject(error) : resolve()));
  });
}

export const officeScope = fp(
  async (scope: FastifyInstance, { locale }: { locale: Locale }) => {
    const prefix = localePrefix(locale);
    scope.decorateRequest('signedIn', null);
    scope.addHook('onRequest', async (request, reply) => {
      request.locale = locale;
      reply.header('cache-control', 'no-store');
      const cookie = request.cookies[SESSION_COOKIE];
      request.signedIn = cookie ? await signedInFrom(scope.db, cookie) : null;
      request.viewExtras = { user: request.signedIn && !request.signedIn.needsSecondFactor ? { name: request.signedIn.actor.name } : null };
    });
    scope.addHook('preHandler', async (request, reply) => {
      if (request.method !== 'GET' && request.method !== 'HEAD') await checkCsrf(scope, request, reply);
      const config = request.routeOptions.config as OfficeRouteConfig;
      if (!config.public) {
        if (!request.signedIn) throw new AppError('unauthorised');
        if (request.signedIn.needsSecondFactor && !config.beforeSecondFactor) {
          return reply.redirect(`${prefix}/office/two-factor`, 303);
        }
      }
      // POSTs too: a form shown again with its errors must carry a token for the corrected post.
      request.viewExtras = { ...request.viewExtras, csrfToken: reply.generateCsrf() };
    });
    scope.setErrorHandler((error, request, reply) => {
      const appError = toAppError(error);
      if (appError.code === 'unauthorised' && request.method === 'GET') {
        return reply.redirect(`${prefix}/office/sign-in?next=${encodeURIComponent(request.url)}`, 303);
      }
      if (appError.status >= 500) request.log.error({ err: error }, 'office request failed');
      if (!request.viewExtras?.csrfToken) request.viewExtras = { ...request.viewExtras, csrfToken: reply.generateCsrf() };
      return sendPage(request, reply, <OfficeErrorPage error={appError} />, appError.status);
    });
  },
  { name: 'office-scope', encapsulate: false },
);
