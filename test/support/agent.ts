/**
 * A tiny browser for `app.inject()`: keeps cookies, follows nothing by itself, and fills in the
 * CSRF token of the last page it read — so tests post forms the way a browser would.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { multipartBody, type FilePart } from './multipart.js';

export class Agent {
  private cookies = new Map<string, string>();
  csrf: string | null = null;

  /** `remoteAddress` makes the requests come from that address (rate limits, network hashes). */
  constructor(
    private readonly app: FastifyInstance,
    private readonly options: { remoteAddress?: string } = {},
  ) {}

  private remember(response: LightMyRequestResponse): LightMyRequestResponse {
    for (const cookie of response.cookies) {
      if (cookie.value === '' || (cookie.expires && new Date(cookie.expires) < new Date())) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1];
    if (token) this.csrf = token;
    return response;
  }

  private get cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return this.remember(await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader, ...headers }, ...this.options }));
  }

  /** Posts an urlencoded form; `_csrf` is added from the last page unless given (or `null` to leave it out). */
  async post(url: string, form: Record<string, string | string[]>, options: { csrf?: string | null } = {}): Promise<LightMyRequestResponse> {
    const body = new URLSearchParams();
    for (const [key, value] of Object.entries(form)) for (const v of [value].flat()) body.append(key, v);
    const csrf = options.csrf === undefined ? this.csrf : options.csrf;
    if (csrf !== null && !body.has('_csrf')) body.set('_csrf', csrf);
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        headers: { cookie: this.cookieHeader, 'content-type': 'application/x-www-form-urlencoded' },
        payload: body.toString(),
        ...this.options,
      }),
    );
  }

  /** Posts a multipart form (files too); `_csrf` goes first, from the last page, unless given or `null`. */
  async postMultipart(url: string, fields: Record<string, string | FilePart | (string | FilePart)[]>, options: { csrf?: string | null } = {}): Promise<LightMyRequestResponse> {
    const csrf = options.csrf === undefined ? this.csrf : options.csrf;
    const { payload, contentType } = multipartBody(csrf !== null && !('_csrf' in fields) ? { _csrf: csrf, ...fields } : fields);
    return this.remember(
      await this.app.inject({ method: 'POST', url, headers: { cookie: this.cookieHeader, 'content-type': contentType }, payload, ...this.options }),
    );
  }
}
