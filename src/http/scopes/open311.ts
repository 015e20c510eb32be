/**
 * The Open311 GeoReport v2 scope (`/open311/v2/`): the format follows the path's extension
 * (`.json` or `.xml`, XML being the one the specification requires), CORS is open, and every
 * error is the specification's list — `[{"code": 400, "description": "…"}]` or
 * `<errors><error><code>400</code><description>…</description></error></errors>` — with the
 * HTTP status as the code. Descriptions carry English and Thai.
 */
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, errorMessages, toAppError } from '../errors.js';

export type Open311Format = 'json' | 'xml';

/** `/open311/v2/services.xml?x=1` → xml; anything else → json. */
export function formatOf(request: FastifyRequest): Open311Format {
  const path = request.url.split('?')[0] ?? '';
  return path.endsWith('.xml') ? 'xml' : 'json';
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
// Characters XML 1.0 cannot carry at all (control characters other than tab and line breaks).
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export const xmlText = (value: string): string => value.replace(XML_INVALID, '').replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);

/** The element name of one item of a list element, e.g. `<services><service>`. */
const ITEM_NAMES: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  endpoints: 'endpoint',
  formats: 'format',
  attributes: 'attribute',
  values: 'value',
  errors: 'error',
};

function element(name: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return `<${name}/>`;
  if (Array.isArray(value)) {
    const item = ITEM_NAMES[name] ?? 'item';
    return `<${name}>${value.map((v) => element(item, v)).join('')}</${name}>`;
  }
  if (typeof value === 'object') {
    return `<${name}>${Object.entries(value as Record<string, unknown>)
      .map(([key, v]) => element(key, v))
      .join('')}</${name}>`;
  }
  return `<${name}>${xmlText(String(value))}</${name}>`;
}

/** A GeoReport XML document: `root` holds the value (a list becomes repeated item elements). */
export function xmlDocument(root: string, value: unknown): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value)}`;
}

export function sendOpen311(reply: FastifyReply, format: Open311Format, root: string, value: unknown, status = 200): FastifyReply {
  reply.status(status);
  if (format === 'xml') return reply.type('text/xml; charset=utf-8').send(xmlDocument(root, value));
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(value));
}

export function open311Errors(error: AppError): { code: number; description: string }[] {
  if (error.issues.length === 0) return [{ code: error.status, description: `${errorMessages.en[error.code]} — ${errorMessages.th[error.code]}` }];
  return error.issues.map((issue) => ({ code: error.status, description: `${issue.field}: ${issue.en} — ${issue.th}` }));
}

export const open311Scope = fp(
  async (scope: FastifyInstance) => {
    scope.addHook('onRequest', async (_request, reply) => {
      reply.header('access-control-allow-origin', '*');
    });
    scope.setErrorHandler((error, request, reply) => {
      const appError = toAppError(error);
      if (appError.status >= 500) request.log.error({ err: error }, 'open311 request failed');
      return sendOpen311(reply, formatOf(request), 'errors', open311Errors(appError), appError.status);
    });
    scope.setNotFoundHandler((request, reply) => sendOpen311(reply, formatOf(request), 'errors', open311Errors(new AppError('not_found')), 404));
  },
  { name: 'open311-scope', encapsulate: false },
);
