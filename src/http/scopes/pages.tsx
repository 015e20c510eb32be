/**
 * The citizen pages scope: HTML in one language (mounted once per locale, `/` and `/en`).
 * Owns the language of the request and renders every error as a friendly page.
 */
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { Locale } from '../../i18n/index.js';
import { AppError, toAppError } from '../errors.js';
import { sendPage } from '../view.js';
import { ErrorPage } from '../views/error-page.js';

export const pagesScope = fp(
  async (scope: FastifyInstance, { locale }: { locale: Locale }) => {
    scope.addHook('onRequest', async (request) => {
      request.locale = locale;
    });
    scope.setErrorHandler((error, request, reply) => {
      const appError = toAppError(error);
      if (appError.status >= 500) request.log.error({ err: error }, 'page failed');
      return sendPage(request, reply, <ErrorPage error={appError} />, appError.status);
    });
    scope.setNotFoundHandler((request, reply) => sendPage(request, reply, <ErrorPage error={new AppError('not_found')} />, 404));
  },
  { name: 'pages-scope', encapsulate: false },
);
