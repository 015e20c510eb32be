/**
 * Server-side JSX: Preact components rendered to HTML strings. Text and attributes are escaped by
 * the renderer; the only raw HTML is `dangerouslySetInnerHTML`, which we use solely for JSON-LD
 * through `JsonLd` below (with `<` escaped).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createContext, type ComponentChildren, type VNode } from 'preact';
import { useContext } from 'preact/hooks';
import { renderToString } from 'preact-render-to-string';
import { localePrefix, type Catalogue, type Locale, type Messages } from '../i18n/index.js';

export interface ViewContext {
  locale: Locale;
  /** the request path and query, for the language switch and return links */
  url: string;
  /** CSP nonce for the page's scripts */
  nonce: string;
  csrfToken: string | null;
  /** the signed-in officer, if any */
  user: { name: string } | null;
}

const Context = createContext<ViewContext | null>(null);

export function useView(): ViewContext {
  const view = useContext(Context);
  if (!view) throw new Error('useView() outside a rendered page');
  return view;
}

export function useMessages<T extends Catalogue>(messages: Messages<T>): T {
  return messages.for(useView().locale);
}

/** A link to a path in the current page's language. */
export function useHref(): (path: string) => string {
  const prefix = localePrefix(useView().locale);
  return (path) => (path === '/' && prefix ? prefix : `${prefix}${path}`);
}

export function renderPage(view: ViewContext, page: VNode): string {
  return '<!doctype html>' + renderToString(<Context.Provider value={view}>{page}</Context.Provider>);
}

/** Builds the view context of a request; scopes may add the user and CSRF token. */
export function viewContextOf(request: FastifyRequest, reply: FastifyReply): ViewContext {
  return {
    locale: request.locale,
    url: request.url,
    nonce: (reply as FastifyReply & { cspNonce?: { script: string } }).cspNonce?.script ?? '',
    csrfToken: request.viewExtras?.csrfToken ?? null,
    user: request.viewExtras?.user ?? null,
  };
}

export function sendPage(request: FastifyRequest, reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .send(renderPage(viewContextOf(request, reply), page));
}

/** JSON-LD for search engines; `<` is escaped so the data can never close the script element. */
export function JsonLd({ data }: { data: unknown }) {
  const json = JSON.stringify(data).replaceAll('<', '\\u003c');
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: json }} />;
}

export type Children = ComponentChildren;

declare module 'fastify' {
  interface FastifyRequest {
    locale: Locale;
    viewExtras?: { csrfToken?: string; user?: { name: string } | null };
  }
}
