import { Validator } from '@seriousme/openapi-schema-validator';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.js';
import { isDocumented } from './openapi.js';

interface Parameter {
  name: string;
  in: string;
  schema?: unknown;
  required?: boolean;
}
interface Operation {
  tags?: string[];
  summary?: string;
  parameters?: Parameter[];
  requestBody?: unknown;
  responses: Record<string, { description: string; content?: Record<string, { schema?: unknown }> }>;
}
interface Document {
  openapi: string;
  info: { title: string; description: string };
  servers: { url: string }[];
  tags: { name: string }[];
  paths: Record<string, Record<string, Operation>>;
}

let t: TestApp;
let document: Document;

/**
 * Every route the app serves, read from Fastify's route tree (`printRoutes`), whose lines look
 * like `│   └── /service-points (GET, HEAD)`, each indented four columns below its parent.
 */
function routeTable(app: FastifyInstance): { method: string; url: string }[] {
  const routes: { method: string; url: string }[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^((?:│ {3}| {4})*)(?:├── |└── )(.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    stack.length = depth;
    const url = (stack[depth - 1] ?? '') + match[2]!;
    stack[depth] = url;
    for (const method of match[3]?.split(', ') ?? []) routes.push({ method, url });
  }
  return routes;
}

const openapiPath = (url: string) => url.replace(/:(\w+)/g, '{$1}');

beforeAll(async () => {
  t = await createTestApp({ PUBLIC_URL: 'https://citizeninfo.example.go.th' });
  const response = await t.app.inject('/api/openapi.json');
  expect(response.statusCode).toBe(200);
  document = response.json() as Document;
});
afterAll(() => t.close());

describe('GET /api/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document) as unknown as Parameters<Validator['validate']>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    expect(document.openapi).toBe('3.1.0');
  });

  it('names the service, in Thai and English, with the public server and tags', () => {
    expect(document.info.title).toBe('CitizenInfo API');
    expect(document.info.description).toMatch(/[\u0e00-\u0e7f]/);
    expect(document.info.description).toMatch(/open API/);
    expect(document.servers).toEqual([expect.objectContaining({ url: 'https://citizeninfo.example.go.th' })]);
    expect(document.tags.map((tag) => tag.name)).toEqual(expect.arrayContaining(['service points', 'manuals', 'open data', 'open311']));
  });

  it('documents every route under /api/v1, /open311 and /open-data/, with a schema for each parameter', () => {
    const routes = routeTable(t.app).filter((route) => route.method !== 'HEAD' && isDocumented(route.url));
    expect(routes.map((route) => route.url)).toEqual(
      expect.arrayContaining(['/api/v1/satisfaction', '/open-data/service-points.geojson', '/open-data/service-points.csv']),
    );
    for (const { method, url } of routes) {
      const operation = document.paths[openapiPath(url)]?.[method.toLowerCase()];
      expect(operation, `${method} ${url} is missing`).toBeDefined();
      for (const parameter of operation!.parameters ?? []) {
        expect(parameter.schema, `${method} ${url} ${parameter.in} ${parameter.name}`).toBeTypeOf('object');
      }
      for (const [, name] of url.matchAll(/:(\w+)/g)) {
        expect(operation!.parameters?.some((p) => p.in === 'path' && p.name === name && p.required), `${method} ${url} path ${name}`).toBe(true);
      }
      expect(Object.keys(operation!.responses).some((status) => status.startsWith('2')), `${method} ${url} has no 2xx response`).toBe(true);
    }
  });

  it('describes the open-data responses, not just their status codes', () => {
    const operations = Object.values(document.paths).flatMap((methods) => Object.values(methods)).filter((op) => op.tags?.includes('open data'));
    expect(operations).toHaveLength(3);
    for (const operation of operations) {
      expect(operation.summary).toMatch(/[\u0e00-\u0e7f]/);
      expect(operation.responses['200']?.description).not.toBe('Default Response');
      expect(Object.values(operation.responses['200']?.content ?? {})[0]?.schema).toBeTypeOf('object');
      expect(operation.responses['400']?.content?.['application/json']?.schema).toBeTypeOf('object');
      for (const parameter of operation.parameters ?? []) expect(parameter).toHaveProperty('description');
    }
    expect(Object.keys(document.paths['/open-data/service-points.geojson']!.get!.responses['200']!.content!)).toEqual(['application/geo+json']);
    expect(Object.keys(document.paths['/open-data/service-points.csv']!.get!.responses['200']!.content!)).toEqual(['text/csv']);
  });

  it('leaves out pages, assets, the documentation itself and the operations endpoints', () => {
    const paths = Object.keys(document.paths);
    expect(paths.every(isDocumented)).toBe(true);
    for (const hidden of ['/healthz', '/readyz', '/metrics', '/', '/en', '/open-data', '/en/open-data', '/api/openapi.json', '/api/docs']) {
      expect(paths).not.toContain(hidden);
    }
    expect(paths.some((path) => path.startsWith('/assets'))).toBe(false);
    expect(Object.values(document.paths).some((methods) => 'head' in methods)).toBe(false);
  });

  it('may be read from other web sites', async () => {
    const response = await t.app.inject('/api/openapi.json');
    expect(response.headers['access-control-allow-origin']).toBe('*');
  });
});

describe('GET /api/docs', () => {
  it('serves Swagger UI from this server only, under the site CSP', async () => {
    const response = await t.app.inject('/api/docs');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    const urls = [...response.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    expect(urls.length).toBeGreaterThan(3);
    for (const url of urls) expect(url, url).toMatch(/^\/(?!\/)/);
    expect(response.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(response.body).toContain('<noscript>');
    // What we add to Swagger UI's page: a way back to the site, and styles for contrast.
    expect(response.body).toContain('<header class="ci-bar"><a href="/open-data" lang="th">');
    expect(urls).toContain('/api/docs/static/theme/citizeninfo.css');

    const csp = String(response.headers['content-security-policy']);
    expect(csp).toMatch(/script-src 'self' 'nonce-[\w+/=]+'/);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("connect-src 'self'");

    for (const url of urls.filter((u) => u.endsWith('.js') || u.endsWith('.css'))) {
      expect((await t.app.inject(url)).statusCode, url).toBe(200);
    }
  });

  it('asks no outside validator and tries requests against this origin', async () => {
    const initializer = (await t.app.inject('/api/docs/static/swagger-initializer.js')).body;
    expect(initializer).toContain('validatorUrl: null');
    const specification = (await t.app.inject('/api/docs/json')).json() as Document;
    expect(specification.servers).toEqual([expect.objectContaining({ url: '/' })]);
    expect(Object.keys(specification.paths)).toEqual(Object.keys(document.paths));
  });
});
