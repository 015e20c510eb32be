/**
 * Citizen pages of complaints, mounted once per language: `/complain` (find the office, by text
 * or near me, then the form), `/p/{code}/complain`, and `/track` to follow a complaint by its
 * number. Everything works without JavaScript; with it the proof of work runs in the background
 * and maps help to choose the point and pin the place.
 */
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/csrf-protection';
import { AppError, type FieldIssue } from '../../http/errors.js';
import { sendPage } from '../../http/view.js';
import { localePrefix } from '../../i18n/index.js';
import { isInThailand } from '../geography/bounds.js';
import { findOrganisations } from '../organisations/queries.js';
import { searchPoints } from '../search/queries.js';
import { checkContent, ComplaintForm, FORM_FIELDS, formIssues, issueOf } from './input.js';
import { PHOTO_MAX_BYTES, type ProcessedPhoto } from '../../http/photos.js';
import { PHOTOS_PER_COMPLAINT, processPhoto } from './photos.js';
import { createComplaint, publicComplaint, targetOrganisation, targetPoint } from './store.js';
import { parseTrackingNumber } from './tracking.js';
import { ComplaintFormPage, StartPage, TrackFormPage, TrackPage, type MapSettings, type Target } from './views.js';

const POINT_CODE = '^[2-9A-HJ-KM-NP-Za-hj-km-np-z]{6}$';
const NEAR = '^-?\\d{1,3}(\\.\\d{1,8})?,-?\\d{1,3}(\\.\\d{1,8})?$';

const StartQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    near: Type.Optional(Type.Union([Type.Literal(''), Type.String({ pattern: NEAR })])),
    organisation: Type.Optional(Type.Union([Type.Literal(''), Type.String({ pattern: '^[0-9]{1,9}$' })])),
  },
  { additionalProperties: false },
);

/** What the multipart parser's refusals mean to the complainant, and the status they get. */
const MULTIPART_LIMITS = { fileSize: PHOTO_MAX_BYTES, files: PHOTOS_PER_COMPLAINT, fields: 20, parts: 24, fieldSize: 20_000, headerPairs: 100 };
const MULTIPART_ERRORS: Record<string, { issue: 'photoTooLarge' | 'photoTooMany'; status: number }> = {
  FST_REQ_FILE_TOO_LARGE: { issue: 'photoTooLarge', status: 413 },
  FST_FILES_LIMIT: { issue: 'photoTooMany', status: 413 },
  FST_PARTS_LIMIT: { issue: 'photoTooMany', status: 413 },
};

/**
 * Without the proof of work (no JavaScript) a network may post the form 6 times an hour, with it
 * 20 — every post counts, so a few corrections still fit.
 */
const complaintRateLimit = {
  max: (request: FastifyRequest) => ((request.body as { altcha?: unknown } | undefined)?.altcha ? 20 : 6),
  timeWindow: '1 hour',
  hook: 'preHandler' as const,
};

/** Tracking numbers are not guessable by the thousand: 31⁵ a year with a check character. */
const trackRateLimit = { max: 60, timeWindow: '1 minute' };

/** The string fields of a body that multipart parsing gave up on half-way. */
function partialFields(body: unknown): Partial<ComplaintForm> {
  const fields: Record<string, string> = {};
  if (body && typeof body === 'object') {
    for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
      const raw = value && typeof value === 'object' && 'value' in value ? (value as { value: unknown }).value : value;
      if (typeof raw === 'string') fields[key] = raw.slice(0, 6000);
    }
  }
  return fields;
}

const uploads = (value: unknown): Buffer[] => [value].flat().filter((item): item is Buffer => Buffer.isBuffer(item) && item.length > 0);

export const complaintPages: FastifyPluginAsyncTypebox = async (app) => {
  const map: MapSettings = { tileUrl: app.config.tileUrl, attribution: app.config.tileAttribution };

  async function resolveTarget(form: Partial<ComplaintForm>): Promise<Target | null> {
    if (form.point) {
      const point = await targetPoint(app.db, form.point);
      return point ? { kind: 'point', point } : null;
    }
    if (form.organisation) {
      const organisation = await targetOrganisation(app.db, Number(form.organisation));
      return organisation ? { kind: 'organisation', organisation } : null;
    }
    return null;
  }

  function showForm(request: FastifyRequest, reply: FastifyReply, target: Target, form: Partial<ComplaintForm>, issues: FieldIssue[], status: number, photosLost = false) {
    request.viewExtras = { ...request.viewExtras, csrfToken: reply.generateCsrf() };
    reply.header('cache-control', 'no-store');
    return sendPage(
      request,
      reply,
      <ComplaintFormPage target={target} form={form} issues={issues} retentionDays={app.config.complaintRetentionDays} photosLost={photosLost} map={map} />,
      status,
    );
  }

  app.get('/complain', { schema: { querystring: StartQuery } }, async (request, reply) => {
    const { q = '', near = '', organisation = '' } = request.query;
    if (organisation) {
      const target = await targetOrganisation(app.db, Number(organisation));
      if (!target) throw new AppError('not_found');
      return showForm(request, reply, { kind: 'organisation', organisation: target }, {}, [], 200);
    }
    const issues: FieldIssue[] = [];
    let position: { lat: number; lng: number } | undefined;
    if (near) {
      const [lat, lng] = near.split(',').map(Number) as [number, number];
      if (isInThailand(lat, lng)) position = { lat, lng };
      else issues.push(issueOf('q', 'outsideThailand'));
    }
    const query = q.trim();
    const searched = query !== '' || position !== undefined;
    const [points, organisations] = searched
      ? await Promise.all([
          searchPoints(app.db, { q: query || undefined, near: position, page: 1, pageSize: 20 }).then((result) => result.items),
          query ? findOrganisations(app.db, query, undefined, 10) : Promise.resolve([]),
        ])
      : [null, []];
    return sendPage(request, reply, <StartPage q={q} near={position !== undefined} points={points} organisations={organisations} map={map} issues={issues} />, issues.length ? 400 : 200);
  });

  app.get('/p/:code/complain', { schema: { params: Type.Object({ code: Type.String({ pattern: POINT_CODE }) }) } }, async (request, reply) => {
    const { code } = request.params;
    if (code !== code.toUpperCase()) return reply.redirect(`${localePrefix(request.locale)}/p/${code.toUpperCase()}/complain`, 301);
    const point = await targetPoint(app.db, code);
    if (!point) throw new AppError('not_found');
    return showForm(request, reply, { kind: 'point', point }, {}, [], 200);
  });

  // The form post, alone in a context of its own so multipart parsing applies to nothing else.
  await app.register(async (instance: FastifyInstance) => {
    const upload = instance.withTypeProvider<TypeBoxTypeProvider>();
    await upload.register(multipart, { attachFieldsToBody: 'keyValues', limits: MULTIPART_LIMITS });
    upload.post(
      '/complain',
      {
        schema: { body: ComplaintForm },
        attachValidation: true,
        config: { rateLimit: complaintRateLimit },
        preHandler: app.csrfProtection,
        // Limits hit while the upload streams in come here before the handler: say so on the form.
        errorHandler: async (error, request, reply) => {
          const code = (error as { code?: string }).code ?? '';
          const known = MULTIPART_ERRORS[code];
          // busboy reports a broken body (no boundary, cut off) with plain errors
          const malformed = !code && /^(Multipart|Unexpected end of|Malformed)/.test(error.message);
          if (malformed) throw new AppError('invalid_input', [], { cause: error });
          if (!known) throw error;
          const form = partialFields(request.body);
          const target = await resolveTarget(form);
          const issue = issueOf('photos', known.issue);
          if (!target) throw new AppError('payload_too_large', [issue]);
          return showForm(request, reply, target, form, [issue], known.status, true);
        },
      },
      async (request, reply) => {
        const form = (request.body && typeof request.body === 'object' ? request.body : {}) as Partial<ComplaintForm>;
        const files = uploads(form.photos);
        const shown = { ...form, photos: undefined };
        const target = await resolveTarget(form);
        if (!target) throw new AppError('invalid_input', request.validationError ? formIssues(request.validationError.validation) : [issueOf('point', 'targetMissing')]);
        const checked = checkContent(
          {
            category: form.category,
            description: form.description,
            address: form.address,
            lat: form.lat,
            lng: form.lng,
            name: form.contact_name,
            phone: form.contact_phone,
            email: form.contact_email,
            consent: form.consent === 'yes',
          },
          FORM_FIELDS,
        );
        // Every problem at once: the schema's first, then the content's on other fields.
        const issues = request.validationError ? formIssues(request.validationError.validation) : [];
        for (const issue of checked.issues) if (!issues.some((known) => known.field === issue.field)) issues.push(issue);
        const content = issues.length === 0 ? checked.content : null;
        let status = 400;
        const photos: ProcessedPhoto[] = [];
        if (files.length > PHOTOS_PER_COMPLAINT) {
          issues.push(issueOf('photos', 'photoTooMany'));
          status = 413;
        } else {
          for (const file of files) {
            try {
              photos.push(await processPhoto(file));
            } catch (error) {
              if (!(error instanceof AppError) || error.status >= 500) throw error;
              issues.push(...error.issues);
              status = error.status;
              break;
            }
          }
        }
        // No proof of work (no JavaScript) is allowed, under the stricter limit; a wrong or replayed one is refused.
        if (form.altcha && !(await app.captcha.verify(form.altcha))) issues.push(issueOf('altcha', 'proofFailed'));
        if (issues.length > 0 || !content) return showForm(request, reply, target, shown, issues, status, files.length > 0);

        const created = await createComplaint(
          app.db,
          { piiKey: app.config.piiKey, retentionDays: app.config.complaintRetentionDays },
          {
            pointId: target.kind === 'point' ? target.point.id : null,
            organisationId: target.kind === 'point' ? target.point.organisationId : target.organisation.id,
            content,
            locale: request.locale,
            channel: 'web',
            apiKeyId: null,
            photos,
            internalNote: null,
          },
        );
        const sent = content.contact?.email ? 'mail' : '1';
        return reply.redirect(`${localePrefix(request.locale)}/track/${created.trackingNumber}?sent=${sent}`, 303);
      },
    );
  });

  app.get('/track', { config: { rateLimit: trackRateLimit }, schema: { querystring: Type.Object({ number: Type.Optional(Type.String({ maxLength: 40 })) }, { additionalProperties: false }) } }, async (request, reply) => {
    const typed = request.query.number?.trim() ?? '';
    if (!typed) return sendPage(request, reply, <TrackFormPage number="" issues={[]} />);
    const parsed = parseTrackingNumber(typed);
    if (!parsed.ok) {
      return sendPage(request, reply, <TrackFormPage number={typed} issues={[issueOf('number', parsed.reason === 'check' ? 'trackTypo' : 'trackFormat')]} />, 400);
    }
    if (!(await publicComplaint(app.db, parsed.number))) {
      return sendPage(request, reply, <TrackFormPage number={typed} issues={[issueOf('number', 'trackNotFound')]} />, 404);
    }
    return reply.redirect(`${localePrefix(request.locale)}/track/${parsed.number}`, 303);
  });

  app.get(
    '/track/:number',
    {
      config: { rateLimit: trackRateLimit },
      schema: {
        params: Type.Object({ number: Type.String({ minLength: 1, maxLength: 40 }) }),
        querystring: Type.Object({ sent: Type.Optional(Type.Union([Type.Literal('1'), Type.Literal('mail')])) }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const parsed = parseTrackingNumber(request.params.number);
      if (!parsed.ok) {
        return sendPage(request, reply, <TrackFormPage number={request.params.number} issues={[issueOf('number', parsed.reason === 'check' ? 'trackTypo' : 'trackFormat')]} />, 400);
      }
      if (parsed.number !== request.params.number) return reply.redirect(`${localePrefix(request.locale)}/track/${parsed.number}`, 301);
      const found = await publicComplaint(app.db, parsed.number);
      if (!found) return sendPage(request, reply, <TrackFormPage number={parsed.number} issues={[issueOf('number', 'trackNotFound')]} />, 404);
      // The status changes: never cached, never indexed.
      reply.header('cache-control', 'no-store').header('x-robots-tag', 'noindex');
      const sent = request.query.sent;
      return sendPage(request, reply, <TrackPage complaint={found.complaint} events={found.events} justSent={sent === 'mail' ? 'mail' : sent === '1' ? 'plain' : null} />);
    },
  );
};
