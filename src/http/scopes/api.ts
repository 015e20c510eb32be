/**
 * The JSON API scope (`/api/v1`): open read access with CORS, errors as
 * `{ "error": { "code", "message", "message_th", "issues" } }`.
 */
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { AppError, errorMessages, toAppError } from '../errors.js';

export function sendApiError(reply: FastifyReply, error: AppError): FastifyReply {
  return reply.status(error.status).send({
    error: {
      code: error.code,
      message: errorMessages.en[error.code],
      message_th: errorMessages.th[error.code],
      issues: error.issues.map((issue) => ({ field: issue.field, message: issue.en, message_th: issue.th })),
    },
  });
}

export const apiScope = fp(
  async (scope: FastifyInstance) => {
    scope.addHook('onRequest', async (_request, reply) => {
      reply.header('access-control-allow-origin', '*');
    });
    scope.setErrorHandler((error, request, reply) => {
      const appError = toAppError(error);
      if (appError.status >= 500) request.log.error({ err: error }, 'api request failed');
      return sendApiError(reply, appError);
    });
    scope.setNotFoundHandler((_request, reply) => sendApiError(reply, new AppError('not_found')));
  },
  { name: 'api-scope', encapsulate: false },
);
