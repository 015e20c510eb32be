/**
 * Citizen pages of ratings, mounted once per language: `/p/{code}/rate` (the QR poster's target
 * and the point page's link) and `/p/{code}/kiosk` (a tablet at the counter). Both work without
 * JavaScript; with it the proof of work runs in the background and the kiosk clears itself.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/csrf-protection';
import type {} from '@fastify/rate-limit';
import { AppError, type FieldIssue } from '../../http/errors.js';
import { sendPage } from '../../http/view.js';
import { bangkokDate, localePrefix } from '../../i18n/index.js';
import { CODE_PATTERN } from '../service-points/codes.js';
import { LIMITS } from './abuse.js';
import { heldReasonOf } from './comment-checks.js';
import { createHasher, DEVICE_COOKIE, deviceCookieOptions, deviceIdOf, networkOf, newDeviceId, type Hasher } from './identity.js';
import { answersOf, checkRating, formIssues, issueOf, RatingForm, type Answers } from './input.js';
import { pointForRating, type RatedPoint } from './queries.js';
import { ClosedPage, RatePage, ThanksPage } from './views.js';
import { createRatingWriter, type RatingWriter } from './writer.js';

// Query strings are read leniently: links shared from chat apps arrive with tracking parameters.

/** Codes as printed (upper case), or typed in lower case: GETs are redirected, posts accepted. */
const Params = Type.Object({ code: Type.String({ pattern: CODE_PATTERN.replace('[2-9A-HJ-KM-NP-Z]', '[2-9A-HJ-KM-NP-Za-hj-km-np-z]') }) });
/** batches of ratings written at once by each app process on PostgreSQL (bench/ratings.ts) */
const WRITER_BATCHES_ON_POSTGRES = 4;

type Limiter = ReturnType<FastifyInstance['createRateLimit']>;

interface RatingServices {
  writer: RatingWriter;
  hasher: Hasher;
  /** null when RATING_NETWORK_LIMITS is off (load and reliability tests) */
  network: { proof: Limiter; plain: Limiter } | null;
  device: { proof: Limiter; plain: Limiter; kiosk: Limiter };
}

/** The device id of a request: from its cookie, or a new one that the response will set. */
const deviceIds = new WeakMap<FastifyRequest, { id: string; isNew: boolean }>();

function deviceOf(request: FastifyRequest): { id: string; isNew: boolean } {
  let device = deviceIds.get(request);
  if (!device) {
    const known = deviceIdOf(request.cookies[DEVICE_COOKIE]);
    device = known ? { id: known, isNew: false } : { id: newDeviceId(), isNew: true };
    deviceIds.set(request, device);
  }
  return device;
}

/** One writer and one set of counters per app, shared by the Thai and English routes. */
const servicesByApp = new WeakMap<object, RatingServices>();
function servicesOf(app: FastifyInstance): RatingServices {
  let services = servicesByApp.get(app.db);
  if (!services) {
    const hour = 60 * 60 * 1000;
    const limiter = (max: number, key: (request: FastifyRequest) => string) => app.createRateLimit({ max, timeWindow: hour, keyGenerator: key });
    const byNetwork = (request: FastifyRequest) => networkOf(request.ip);
    const byDevice = (request: FastifyRequest) => deviceOf(request).id;
    services = {
      writer: createRatingWriter(app.db, {
        networkRules: app.config.ratingNetworkLimits,
        // PGlite runs one transaction at a time whatever we do.
        concurrentBatches: app.dbEngine === 'postgres' ? WRITER_BATCHES_ON_POSTGRES : 1,
      }),
      hasher: createHasher(app.config.appSecret),
      network: app.config.ratingNetworkLimits
        ? { proof: limiter(LIMITS.networkPerHour.proof, byNetwork), plain: limiter(LIMITS.networkPerHour.plain, byNetwork) }
        : null,
      device: {
        proof: limiter(LIMITS.devicePerHour.proof, byDevice),
        plain: limiter(LIMITS.devicePerHour.plain, byDevice),
        kiosk: limiter(LIMITS.devicePerHour.kiosk, byDevice),
      },
    };
    servicesByApp.set(app.db, services);
  }
  return services;
}

/** A scanned poster sends no referrer; a link on the site does. */
function channelOf(request: FastifyRequest): 'qr' | 'web' {
  const referrer = request.headers.referer;
  if (!referrer) return 'qr';
  try {
    return new URL(referrer).host === new URL(`${request.protocol}://${request.host}`).host ? 'web' : 'qr';
  } catch {
    return 'qr';
  }
}

export const ratingPages: FastifyPluginAsyncTypebox = async (app) => {
  const services = servicesOf(app);
  const secureCookies = app.config.publicUrl.startsWith('https:');

  function rememberDevice(request: FastifyRequest, reply: FastifyReply): string {
    const device = deviceOf(request);
    if (device.isNew) reply.setCookie(DEVICE_COOKIE, device.id, deviceCookieOptions(secureCookies));
    return device.id;
  }

  async function pointOrError(request: FastifyRequest, reply: FastifyReply, code: string): Promise<RatedPoint | null> {
    const point = await pointForRating(app.db, code.toUpperCase());
    if (!point) throw new AppError('not_found');
    if (point.status !== 'active') {
      await sendPage(request, reply, <ClosedPage point={point} />, 410);
      return null;
    }
    return point;
  }

  function showForm(request: FastifyRequest, reply: FastifyReply, props: { point: RatedPoint; kiosk: boolean; channel: 'qr' | 'web'; answers: Answers; issues: FieldIssue[]; thanked?: boolean }, status: number) {
    request.viewExtras = { ...request.viewExtras, csrfToken: reply.generateCsrf() };
    rememberDevice(request, reply);
    reply.header('cache-control', 'no-store');
    return sendPage(request, reply, <RatePage {...props} />, status);
  }

  for (const kiosk of [false, true]) {
    const path = kiosk ? 'kiosk' : 'rate';
    app.get(
      `/p/:code/${path}`,
      { schema: { params: Params, querystring: Type.Object({ thanks: Type.Optional(Type.String({ maxLength: 10 })) }) } },
      async (request, reply) => {
        const { code } = request.params;
        if (code !== code.toUpperCase()) return reply.redirect(`${localePrefix(request.locale)}/p/${code.toUpperCase()}/${path}`, 301);
        const point = await pointOrError(request, reply, code);
        if (!point) return reply;
        return showForm(request, reply, { point, kiosk, channel: channelOf(request), answers: {}, issues: [], thanked: kiosk && request.query.thanks === '1' }, 200);
      },
    );
  }

  app.get(
    '/p/:code/rate/thanks',
    {
      schema: {
        params: Params,
        querystring: Type.Object({ replaced: Type.Optional(Type.String({ maxLength: 10 })), held: Type.Optional(Type.String({ maxLength: 10 })) }),
      },
    },
    async (request, reply) => {
      const point = await pointForRating(app.db, request.params.code.toUpperCase());
      if (!point) throw new AppError('not_found');
      reply.header('cache-control', 'no-store');
      return sendPage(request, reply, <ThanksPage point={point} replaced={request.query.replaced === '1'} held={request.query.held === '1'} />);
    },
  );

  for (const kiosk of [false, true]) {
    const path = kiosk ? 'kiosk' : 'rate';
    app.post(
      `/p/:code/${path}`,
      { schema: { params: Params, body: RatingForm }, attachValidation: true, preHandler: app.csrfProtection },
      async (request, reply) => {
        // A malformed code is a bad request; a well-formed unknown one is not found.
        if (request.validationError?.validationContext === 'params') throw new AppError('invalid_input', formIssues(request.validationError.validation));
        const answers = answersOf(request.body);
        const proof = Boolean(answers.altcha);
        // Every post counts, valid or not: stricter without the proof of work (no JavaScript).
        for (const limiter of [services.network?.[proof ? 'proof' : 'plain'], services.device[kiosk ? 'kiosk' : proof ? 'proof' : 'plain']]) {
          const verdict = limiter ? await limiter(request) : null;
          if (verdict && !verdict.isAllowed && verdict.isExceeded) {
            reply.header('retry-after', String(verdict.ttlInSeconds));
            throw new AppError('rate_limited');
          }
        }
        const point = await pointOrError(request, reply, request.params.code);
        if (!point) return reply;
        const channel = kiosk ? 'kiosk' : answers.channel === 'web' ? 'web' : 'qr';
        const formChannel = channel === 'kiosk' ? 'qr' : channel;

        const issues: FieldIssue[] = [];
        const add = (more: FieldIssue[]) => {
          for (const issue of more) if (!issues.some((known) => known.field === issue.field)) issues.push(issue);
        };
        if (request.validationError) add(formIssues(request.validationError.validation));
        const checked = checkRating(answers, new Set(point.services.map((s) => s.manualId)));
        add(checked.issues);
        // A solution is spent when checked, so it is checked last; a wrong or replayed one is refused.
        if (issues.length === 0 && proof && !(await app.captcha.verify(answers.altcha))) add([issueOf('altcha', 'proofFailed')]);
        if (issues.length > 0 || !checked.rating) return showForm(request, reply, { point, kiosk, channel: formChannel, answers, issues }, 400);

        const day = bangkokDate();
        const rating = checked.rating;
        const heldReason = rating.comment ? heldReasonOf(rating.comment) : null;
        const outcome = await services.writer.submit({
          pointId: point.id,
          day,
          channel,
          deviceHash: services.hasher.device(rememberDevice(request, reply), day),
          networkHash: services.hasher.network(networkOf(request.ip), day),
          rating,
          heldReason,
          proofOfWork: proof,
        });
        const prefix = `${localePrefix(request.locale)}/p/${point.code}`;
        if (kiosk) return reply.redirect(`${prefix}/kiosk?thanks=1`, 303);
        const flags = [outcome.replaced ? 'replaced=1' : '', heldReason ? 'held=1' : ''].filter(Boolean).join('&');
        return reply.redirect(`${prefix}/rate/thanks${flags ? `?${flags}` : ''}`, 303);
      },
    );
  }
};
