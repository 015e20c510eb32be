/**
 * Conditional GET (RFC 9110 §13): validators for generated responses, so clients and caches can
 * revalidate a large download with one cheap query instead of fetching it again.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface Validators {
  /** a weak entity tag: the same data gives the same tag, whatever compression is applied */
  etag: string;
  /** when the underlying data last changed; omitted when unknown */
  lastModified: Date | null;
}

/** A weak ETag from the parts that determine the content. */
export function weakEtag(...parts: unknown[]): string {
  return `W/"${createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 22)}"`;
}

const opaque = (tag: string) => tag.trim().replace(/^W\//, '');

/** True when the client's copy is current: If-None-Match wins; If-Modified-Since is used only without it. */
export function isNotModified(request: FastifyRequest, validators: Validators): boolean {
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    if (ifNoneMatch.trim() === '*') return true;
    const wanted = opaque(validators.etag);
    return ifNoneMatch.split(',').some((tag) => opaque(tag) === wanted);
  }
  const ifModifiedSince = request.headers['if-modified-since'];
  if (ifModifiedSince === undefined || validators.lastModified === null) return false;
  const since = Date.parse(ifModifiedSince);
  // HTTP dates have whole seconds.
  return Number.isFinite(since) && Math.floor(validators.lastModified.getTime() / 1000) * 1000 <= since;
}

/**
 * Sets ETag, Last-Modified and Cache-Control (a 304 must carry them too) and tells whether the
 * client's copy is current, in which case the caller answers 304 without a body.
 */
export function applyValidators(request: FastifyRequest, reply: FastifyReply, validators: Validators, cacheControl: string): boolean {
  reply.header('etag', validators.etag);
  if (validators.lastModified) reply.header('last-modified', validators.lastModified.toUTCString());
  reply.header('cache-control', cacheControl);
  return isNotModified(request, validators);
}
