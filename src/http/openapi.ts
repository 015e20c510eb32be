/**
 * The OpenAPI 3.1 description of the integrator-facing routes — the JSON API under `/api/v1`,
 * Open311 under `/open311` and the open-data files under `/open-data/` — collected from the
 * routes' own TypeBox schemas. Pages, assets and operations endpoints stay out of it.
 * Served at `/api/openapi.json`, with Swagger UI (self-hosted) at `/api/docs`.
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import { defineMessages } from '../i18n/index.js';

/** Routes under these prefixes are documented; every other route is hidden. */
export const DOCUMENTED_PREFIXES = ['/api/v1/', '/open311/', '/open-data/'] as const;

export const isDocumented = (url: string): boolean => DOCUMENTED_PREFIXES.some((prefix) => url.startsWith(prefix));

const messages = defineMessages(
  {
    description: [
      'API แบบเปิดของ CitizenInfo: จุดบริการของหน่วยงานรัฐ คู่มือสำหรับประชาชน ข้อมูลเปิด (GeoJSON/CSV)',
      'และความพึงพอใจของผู้รับบริการแบบรวม อ่านได้โดยไม่ต้องลงทะเบียน ข้อผิดพลาดตอบเป็น JSON',
      'พร้อมข้อความภาษาไทยและภาษาอังกฤษ คำอธิบายชุดข้อมูลและสัญญาอนุญาตอยู่ที่หน้า [ข้อมูลเปิด](/open-data)',
    ].join(' '),
    servers: 'เซิร์ฟเวอร์นี้',
    servicePoints: 'จุดบริการ: ค้นหาและรายละเอียด',
    manuals: 'คู่มือสำหรับประชาชน',
    openData: 'ข้อมูลเปิด: ไฟล์ดาวน์โหลดและความพึงพอใจแบบรวม',
    open311: 'เรื่องร้องเรียนตามมาตรฐาน Open311 GeoReport v2',
    complaints: 'เรื่องร้องเรียน: การแจ้งผลจากศูนย์บริการประชาชน 1111 (ลงลายมือชื่อ HMAC) และเอกสารที่ส่งต่อให้ศูนย์',
    noscript: 'หน้านี้ต้องใช้ JavaScript อ่านคำอธิบาย API ได้ที่',
    back: 'CitizenInfo: ข้อมูลเปิด',
  },
  {
    description: [
      'The open API of CitizenInfo: Thai government service points, Citizen’s Manuals, open data',
      '(GeoJSON/CSV) and aggregate citizen satisfaction. Read access needs no key. Errors are JSON',
      'with a message in Thai and in English. Datasets and licences: [Open data](/en/open-data).',
    ].join(' '),
    servers: 'This server',
    servicePoints: 'Service points: search and details',
    manuals: 'Citizen’s Manuals',
    openData: 'Open data: downloads and aggregate satisfaction',
    open311: 'Complaints through Open311 GeoReport v2',
    complaints: 'Complaints: signed (HMAC) status callbacks from the 1111 citizen service centre, and the document forwarded to it',
    noscript: 'This page needs JavaScript. Read the API description as',
    back: 'CitizenInfo: Open data',
  },
);

const both = (key: keyof typeof messages.th) => `${messages.en[key]} — ${messages.th[key]}`;

/** The error body of every JSON API route (see `scopes/api.ts`), for response schemas. */
export const ApiErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable error code, e.g. invalid_input, not_found' }),
      message: Type.String({ description: 'Message in English' }),
      message_th: Type.String({ description: 'ข้อความภาษาไทย' }),
      issues: Type.Array(
        Type.Object({
          field: Type.String({ description: 'The parameter at fault' }),
          message: Type.String(),
          message_th: Type.String(),
        }),
      ),
    }),
  },
  { description: 'The request was not valid — คำขอไม่ถูกต้อง' },
);

/**
 * Added to Swagger UI's page as a file (the CSP allows no inline styles): our bar, and darker
 * colours and larger targets where Swagger UI's own fall short of WCAG AA.
 */
const DOCS_CSS = `
.ci-bar { background: #0b4f8a; padding: 0 1rem; display: flex; flex-wrap: wrap; gap: 0 1.5rem; font-family: sans-serif; }
.ci-bar a { color: #fff; display: inline-flex; align-items: center; min-height: 44px; }
.ci-bar a:focus-visible, .swagger-ui a:focus-visible, .swagger-ui button:focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
noscript p { padding: 0 1rem; font-family: sans-serif; }
.swagger-ui .info a, .swagger-ui .info .url, .swagger-ui a.link { color: #0b4f8a; }
.swagger-ui .info .title small { background: #4f5660; }
.swagger-ui .info .title small.version-stamp { background: #3b6300; }
.swagger-ui .opblock.opblock-get .opblock-summary-method { background: #0b4f8a; }
.swagger-ui .opblock.opblock-post .opblock-summary-method { background: #1c6b35; }
.swagger-ui .opblock.opblock-put .opblock-summary-method { background: #8a4b00; }
.swagger-ui .opblock.opblock-patch .opblock-summary-method { background: #0e6262; }
.swagger-ui .opblock.opblock-delete .opblock-summary-method { background: #a3161b; }
.swagger-ui .parameter__in { color: #4f5660; }
.swagger-ui .opblock-summary-path a, .swagger-ui .opblock-summary-path .nostyle { display: inline-flex; align-items: center; min-height: 24px; }
`;

export async function registerOpenApi(app: FastifyInstance, config: Config): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'CitizenInfo API',
        version: '1',
        description: `${messages.en.description}\n\n${messages.th.description}`,
        license: { name: 'MIT', identifier: 'MIT' },
      },
      servers: [{ url: config.publicUrl, description: both('servers') }],
      tags: [
        { name: 'service points', description: both('servicePoints') },
        { name: 'manuals', description: both('manuals') },
        { name: 'open data', description: both('openData') },
        { name: 'open311', description: both('open311') },
        { name: 'complaints', description: both('complaints') },
      ],
    },
    transform: ({ schema, url }) => ({ schema: isDocumented(url) ? schema : { ...schema, hide: true }, url }),
  });

  app.get('/api/openapi.json', { schema: { hide: true } }, async (_request, reply) =>
    reply.header('access-control-allow-origin', '*').header('cache-control', 'public, max-age=300').send(app.swagger()),
  );

  await app.register(async (docs) => {
    // Swagger UI's page has no way back to the site and shows nothing without JavaScript: add a
    // bar with links back, and point readers without JavaScript to the document itself.
    docs.addHook('onSend', async (_request, reply, payload) => {
      if (typeof payload !== 'string' || !String(reply.getHeader('content-type')).startsWith('text/html')) return payload;
      const bar = `<header class="ci-bar"><a href="/open-data" lang="th">${messages.th.back}</a><a href="/en/open-data">${messages.en.back}</a></header>`;
      const json = '<a href="/api/openapi.json">/api/openapi.json</a>';
      const note = `<noscript><p>${messages.en.noscript} ${json}.</p><p lang="th">${messages.th.noscript} ${json}</p></noscript>`;
      return payload.replace('<div id="swagger-ui"></div>', `${bar}${note}<div id="swagger-ui"></div>`);
    });
    await docs.register(swaggerUi, {
      routePrefix: '/api/docs',
      // Our CSP (security.ts) stays in force: the UI's scripts and styles are files on this server.
      staticCSP: false,
      theme: { title: 'CitizenInfo API', css: [{ filename: 'citizeninfo.css', content: DOCS_CSS }] },
      // The base layout has no top bar: that bar's Swagger logo is an SVG with a <style> element,
      // which our CSP blocks, and its box for loading other documents is not wanted here.
      // "Try it out" calls the origin the page came from, which our CSP (connect-src 'self')
      // allows even where PUBLIC_URL names another host; /api/openapi.json keeps PUBLIC_URL.
      transformSpecification: (specification: Record<string, unknown>) => ({ ...specification, servers: [{ url: '/', description: both('servers') }] }),
      uiConfig: { layout: 'BaseLayout', deepLinking: true, docExpansion: 'list', defaultModelsExpandDepth: 0, displayRequestDuration: true },
    });
  });
}
