/**
 * The application, read as a table of contents: infrastructure first, then each audience scope
 * with the features it serves. `main.ts` starts it; tests build it and use `app.inject()`.
 */
import { randomUUID } from 'node:crypto';
import { constants as zlibConstants } from 'node:zlib';
import compress from '@fastify/compress';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { createCaptcha, type Captcha } from './auth/captcha.js';
import type { Config } from './config.js';
import type { Database, Db, Engine } from './db/client.js';
import { accountsOfficePages } from './features/accounts/pages.js';
import { complaintApi } from './features/complaints/api.js';
import { deadLetterPages } from './features/complaints/dead-letters.js';
import { FORWARD_JOB, forwardHandler } from './features/complaints/forward.js';
import { complaintOfficePages } from './features/complaints/office.js';
import { complaintPages } from './features/complaints/pages.js';
import { ratingPages } from './features/feedback/pages.js';
import { RETENTION_JOB, retentionHandler } from './features/complaints/retention.js';
import { apiKeyOfficePages } from './features/open311/keys-office.js';
import { open311Routes } from './features/open311/routes.js';
import { devMailboxPages } from './features/dev-mailbox/pages.js';
import { feedbackOfficePages } from './features/feedback/office-routes.js';
import { geographyPages } from './features/geography/pages.js';
import { manualApi } from './features/manuals/api.js';
import { manualsOfficePages } from './features/manuals/office.js';
import { manualPages } from './features/manuals/pages.js';
import { openDataApi } from './features/open-data/api.js';
import { openDataDownloads } from './features/open-data/downloads.js';
import { openDataPages } from './features/open-data/pages.js';
import { posterOfficeRoutes } from './features/posters/office.js';
import { searchApi } from './features/search/api.js';
import { searchPages } from './features/search/pages.js';
import { servicePointApi } from './features/service-points/api.js';
import { servicePointMedia } from './features/service-points/media.js';
import { servicePointsOfficeRoutes } from './features/service-points/office.js';
import { servicePointPages } from './features/service-points/pages.js';
import { zeroCopyOfficePages } from './features/zero-copy/office.js';
import { registerAssets } from './http/assets.js';
import { registerObservability } from './http/observability.js';
import { registerOpenApi } from './http/openapi.js';
import { apiScope } from './http/scopes/api.js';
import { officeScope } from './http/scopes/office.js';
import { open311Scope } from './http/scopes/open311.js';
import { pagesScope } from './http/scopes/pages.js';
import { registerFormBody } from './http/form-body.js';
import { registerSecurity } from './http/security.js';
import { LOCALES, localePrefix } from './i18n/index.js';
import { mailHandler, MAIL_JOB } from './jobs/mail.js';
import type { JobHandler } from './jobs/queue.js';
import { createPrinter, type Printer } from './print/printer.js';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    db: Db;
    /** pglite: one connection in this process; postgres: a pool */
    dbEngine: Engine;
    captcha: Captcha;
    /** what the background worker runs, by job kind (main.ts starts the worker) */
    jobHandlers: Record<string, JobHandler>;
    /** HTML print templates → PDF/PNG in headless Chromium (launched on first use) */
    printer: Printer;
  }
}

const REQUEST_ID = /^[\w.:-]{1,64}$/;

export async function buildApp(config: Config, database: Database): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      // Request logs carry the method, path and request id; never cookies or citizens' data.
      redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-api-key"]'],
      serializers: {
        // Open311 clients put their api_key in the query string (GeoReport v2): keep it out of logs.
        req: (request: FastifyRequest) => ({
          method: request.method,
          url: request.url.replace(/([?&]api_key=)[^&#]*/gi, '$1[redacted]'),
          host: request.host,
          remoteAddress: request.ip,
        }),
      },
    },
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // Report every invalid field of a form at once (every schema bounds its strings).
    ajv: { customOptions: { allErrors: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('config', config);
  app.decorate('db', database.db);
  app.decorate('dbEngine', database.engine);
  app.decorate('captcha', createCaptcha(database.db, config.appSecret));
  app.decorate('jobHandlers', {
    [MAIL_JOB]: mailHandler(database.db, config.smtpUrl, config.mailFrom),
    [FORWARD_JOB]: forwardHandler(database.db, config),
    [RETENTION_JOB]: retentionHandler(database.db, config.piiKey),
  });
  app.decorate(
    'printer',
    createPrinter({
      chromiumPath: config.chromiumPath,
      // Documents fetch their stylesheets, fonts and images from the app itself, never the network.
      loadAsset: async (path) => {
        const response = await app.inject({ method: 'GET', url: path });
        return { status: response.statusCode, contentType: String(response.headers['content-type'] ?? 'application/octet-stream'), body: response.rawPayload };
      },
    }),
  );
  app.addHook('onClose', () => app.printer.close());
  app.decorateRequest('locale', 'th');
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await registerSecurity(app, config);
  // Pages and API answers are compressed as they go: brotli's default (11) spent ~30 ms on a 30 KB
  // page; 5 takes half a millisecond for 10% more bytes. Static files are compressed at build time.
  await app.register(compress, { threshold: 1024, brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } } });
  registerFormBody(app);
  await registerAssets(app);
  await registerObservability(app, database);
  // Before the routes, so it sees them all: /api/openapi.json and /api/docs.
  await registerOpenApi(app, config);
  app.get('/captcha/challenge', async (_request, reply) => reply.header('cache-control', 'no-store').send(await app.captcha.challenge()));

  // Citizen pages, in Thai at / and in English at /en.
  for (const locale of LOCALES) {
    await app.register(
      async (site) => {
        await site.register(pagesScope, { locale });
        await site.register(searchPages);
        await site.register(servicePointPages);
        await site.register(manualPages);
        await site.register(geographyPages);
        await site.register(openDataPages);
        await site.register(ratingPages);
        await site.register(complaintPages);
        // Without SMTP, development e-mail is read here instead of being sent.
        if (locale === 'th' && !config.smtpUrl && config.nodeEnv !== 'production') await site.register(devMailboxPages);
      },
      { prefix: localePrefix(locale) },
    );
    // The back office: officers, supervisors and admins, behind sign-in.
    await app.register(
      async (office) => {
        await office.register(officeScope, { locale });
        await office.register(accountsOfficePages);
        await office.register(servicePointsOfficeRoutes);
        await office.register(posterOfficeRoutes);
        await office.register(manualsOfficePages);
        await office.register(zeroCopyOfficePages);
        await office.register(complaintOfficePages);
        await office.register(feedbackOfficePages);
        await office.register(deadLetterPages);
        await office.register(apiKeyOfficePages);
      },
      { prefix: localePrefix(locale) },
    );
  }

  // Photos of service points: one URL for both languages, errors as Thai pages.
  await app.register(
    async (media) => {
      await media.register(pagesScope, { locale: 'th' });
      await media.register(servicePointMedia);
    },
    { prefix: '/photos' },
  );

  // Open JSON API.
  await app.register(
    async (api) => {
      await api.register(apiScope);
      await api.register(searchApi);
      await api.register(servicePointApi);
      await api.register(manualApi);
      await api.register(openDataApi);
      await api.register(complaintApi);
    },
    { prefix: '/api/v1' },
  );

  // Open-data files for integrators, with the API's JSON errors.
  await app.register(
    async (files) => {
      await files.register(apiScope);
      await files.register(openDataDownloads);
    },
    { prefix: '/open-data' },
  );

  // Complaints over Open311 GeoReport v2, in JSON and XML, with the specification's errors.
  await app.register(
    async (open311) => {
      await open311.register(open311Scope);
      await open311.register(open311Routes);
    },
    { prefix: '/open311/v2' },
  );

  return app;
}
