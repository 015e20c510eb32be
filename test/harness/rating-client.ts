/**
 * Rating like a phone does, over real HTTP, for the reliability test and the rating benchmark:
 * read the form once (its CSRF cookie and token serve every later post), then post answers, each
 * with a device cookie of its own.
 */
import { randomBytes } from 'node:crypto';

export interface FormSession {
  /** the `ci_csrf` cookie, as `name=value` */
  csrfCookie: string;
  csrfToken: string;
}

export async function openFormSession(baseUrl: string, code: string): Promise<FormSession> {
  const response = await fetch(`${baseUrl}/p/${code}/rate`);
  const html = await response.text();
  const csrfToken = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  const csrfCookie = response.headers.getSetCookie().find((c) => c.startsWith('ci_csrf='))?.split(';')[0];
  if (response.status !== 200 || !csrfToken || !csrfCookie) throw new Error(`the rating form did not answer as expected (${response.status})`);
  return { csrfCookie, csrfToken };
}

export const newDevice = (): string => randomBytes(16).toString('base64url');

export interface Answer {
  overall: number;
  ease?: number;
  comment?: string;
}

/** The request of one rating: path, headers and urlencoded body. */
export function ratingRequest(session: FormSession, code: string, device: string, answer: Answer) {
  const body = new URLSearchParams({ _csrf: session.csrfToken, channel: 'qr', overall: String(answer.overall) });
  if (answer.ease) body.set('ease', String(answer.ease));
  if (answer.comment) body.set('comment', answer.comment);
  return {
    path: `/p/${code}/rate`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `${session.csrfCookie}; ci_device=${device}` },
    body: body.toString(),
  };
}

/** A rating was accepted when the form answers with the thank-you redirect. */
export const isAccepted = (status: number, location: string | null): boolean => status === 303 && (location ?? '').includes('/rate/thanks');
