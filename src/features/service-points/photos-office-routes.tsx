/**
 * Photo routes of the back office. The upload is a plain multipart form: @fastify/multipart
 * (registered only around the upload route) reads the whole body into `request.body` before
 * validation, so the office scope finds the form's `_csrf` field there like in any other form.
 * Files are limited to 8 MB while they stream in; what arrives is checked and re-encoded before
 * anything is stored, and stored in one transaction with its audit row.
 */
import multipart from '@fastify/multipart';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../http/errors.js';
import { validationIssues } from '../../http/forms.js';
import { actorOf } from '../../http/scopes/office.js';
import { sendPage } from '../../http/view.js';
import { CODE_PATTERN } from './codes.js';
import { noticeFor, redirectTo } from './office-http.js';
import { MoveBody, PHOTO_ALT_MAX, PhotoTextBody } from './office-input.js';
import { pointForActor, pointToManage, type PointAccess } from './office-queries.js';
import { PHOTO_MAX_BYTES } from '../../http/photos.js';
import { photoIssue, processPhoto } from './photos-office.js';
import { PhotosPage, type PhotosPageProps } from './photos-office-page.js';
import { addPhoto, deletePhoto, describePhoto, movePhoto, photoImage, photosOf } from './photos-office-queries.js';

const CodeParams = Type.Object({ code: Type.String({ pattern: CODE_PATTERN }) });
const PhotoParams = Type.Object({ code: Type.String({ pattern: CODE_PATTERN }), photoId: Type.Integer({ minimum: 1, maximum: 2147483647 }) });

const UploadBody = Type.Object(
  {
    // A Buffer when a file was sent; anything else is answered with "choose a file".
    photo: Type.Optional(Type.Unknown()),
    alt_th: Type.String({ minLength: 1, maxLength: PHOTO_ALT_MAX, pattern: '\\S' }),
    alt_en: Type.Optional(Type.String({ maxLength: PHOTO_ALT_MAX })),
    _csrf: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

/** What the multipart parser's refusals mean to the officer. */
const MULTIPART_ERRORS: Record<string, 'tooLarge' | 'oneAtATime' | 'notMultipart'> = {
  FST_REQ_FILE_TOO_LARGE: 'tooLarge',
  FST_FILES_LIMIT: 'oneAtATime',
  FST_PARTS_LIMIT: 'oneAtATime',
  FST_FIELDS_LIMIT: 'oneAtATime',
  FST_PROTO_VIOLATION: 'notMultipart',
  FST_MP_PREMATURE_CLOSE: 'notMultipart',
};

const MULTIPART_LIMITS = { fileSize: PHOTO_MAX_BYTES, files: 1, fields: 6, parts: 8, fieldSize: 4096, headerPairs: 100 };

export const photosOfficeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db;

  async function photosPage(request: FastifyRequest, reply: FastifyReply, access: PointAccess, options: Partial<Omit<PhotosPageProps, 'access' | 'photos'>> = {}, status = 200) {
    return sendPage(
      request,
      reply,
      <PhotosPage
        access={access}
        photos={await photosOf(db, access.point.id)}
        notice={options.notice ?? null}
        issues={options.issues ?? []}
        upload={options.upload ?? { altTh: '', altEn: '' }}
        failed={options.failed ?? null}
      />,
      status,
    );
  }

  app.get('/office/points/:code/photos', { schema: { params: CodeParams, querystring: Type.Object({ done: Type.Optional(Type.String({ maxLength: 30 })) }) } }, async (request, reply) => {
    const access = await pointForActor(db, actorOf(request), request.params.code);
    return photosPage(request, reply, access, { notice: noticeFor(request.locale, request.query.done) });
  });

  app.get('/office/points/:code/photos/:photoId/image', { schema: { params: PhotoParams } }, async (request, reply) => {
    const access = await pointForActor(db, actorOf(request), request.params.code);
    const image = await photoImage(db, access.point.id, request.params.photoId);
    if (!image) throw new AppError('not_found');
    return reply.type('image/webp').send(Buffer.from(image.buffer, image.byteOffset, image.byteLength));
  });

  // The upload, alone in a context of its own so multipart parsing applies to nothing else.
  await app.register(async (instance) => {
    const upload = instance.withTypeProvider<TypeBoxTypeProvider>();
    // Refuse strangers before their upload is read into memory (the scope checks again later).
    upload.addHook('preValidation', async (request) => {
      if (!request.signedIn || request.signedIn.needsSecondFactor) throw new AppError('unauthorised');
    });
    await upload.register(multipart, { attachFieldsToBody: 'keyValues', limits: MULTIPART_LIMITS });

    upload.post(
      '/office/points/:code/photos',
      {
        schema: { params: CodeParams, body: UploadBody },
        attachValidation: true,
        // Limits hit while the body streams in (too large, too many files) come here before the
        // handler: say so on the photos page rather than on a bare error page.
        errorHandler: async (error, request, reply) => {
          const code = (error as { code?: string }).code ?? '';
          // busboy reports a broken body (no boundary, cut off) with plain errors
          const malformed = !code && /^(Multipart|Unexpected end of|Malformed)/.test(error.message);
          if (!request.signedIn || (!(code in MULTIPART_ERRORS) && !malformed)) throw error;
          const access = await pointForActor(db, request.signedIn.actor, (request.params as { code: string }).code);
          const problem = MULTIPART_ERRORS[code] ?? 'notMultipart';
          return photosPage(request, reply, access, { issues: [photoIssue(problem)] }, problem === 'notMultipart' ? 400 : 413);
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const access = await pointToManage(db, actor, request.params.code);
        if (!request.isMultipart()) throw new AppError('unsupported_media_type', [photoIssue('notMultipart')]);
        const body = (request.body ?? {}) as Record<string, unknown>;
        const upload = { altTh: typeof body.alt_th === 'string' ? body.alt_th.slice(0, PHOTO_ALT_MAX) : '', altEn: typeof body.alt_en === 'string' ? body.alt_en.slice(0, PHOTO_ALT_MAX) : '' };
        const issues = request.validationError ? validationIssues(request.validationError.validation) : [];
        if (!Buffer.isBuffer(body.photo) || body.photo.length === 0) issues.unshift(photoIssue('noFile'));
        if (issues.length > 0) return photosPage(request, reply, access, { issues, upload }, 400);
        try {
          const processed = await processPhoto(body.photo as Buffer);
          await addPhoto(db, actor, access.point, processed, upload.altTh.trim(), upload.altEn.trim() || null);
        } catch (error) {
          if (!(error instanceof AppError) || error.status >= 500) throw error;
          return photosPage(request, reply, access, { issues: error.issues, upload }, error.status);
        }
        return redirectTo(request, reply, `/office/points/${access.point.code}/photos`, 'photoAdded');
      },
    );
  });

  app.post('/office/points/:code/photos/:photoId', { schema: { params: PhotoParams, body: PhotoTextBody }, attachValidation: true }, async (request, reply) => {
    const actor = actorOf(request);
    const access = await pointToManage(db, actor, request.params.code);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const altTh = typeof body.alt_th === 'string' ? body.alt_th.slice(0, PHOTO_ALT_MAX) : '';
    const altEn = typeof body.alt_en === 'string' ? body.alt_en.slice(0, PHOTO_ALT_MAX) : '';
    if (request.validationError) {
      const issues = validationIssues(request.validationError.validation);
      if (!(await photoImage(db, access.point.id, request.params.photoId))) throw new AppError('not_found');
      return photosPage(request, reply, access, { failed: { photoId: request.params.photoId, issues, altTh, altEn } }, 400);
    }
    await describePhoto(db, actor, access.point, request.params.photoId, altTh.trim(), altEn.trim() || null);
    return redirectTo(request, reply, `/office/points/${access.point.code}/photos`, 'photoText');
  });

  app.post('/office/points/:code/photos/:photoId/move', { schema: { params: PhotoParams, body: MoveBody } }, async (request, reply) => {
    const actor = actorOf(request);
    const access = await pointToManage(db, actor, request.params.code);
    const moved = await movePhoto(db, actor, access.point, request.params.photoId, request.body.direction);
    return redirectTo(request, reply, `/office/points/${access.point.code}/photos`, moved ? 'photoMoved' : 'unchanged');
  });

  app.post('/office/points/:code/photos/:photoId/delete', { schema: { params: PhotoParams, body: Type.Object({ _csrf: Type.Optional(Type.String({ maxLength: 200 })) }) } }, async (request, reply) => {
    const actor = actorOf(request);
    const access = await pointToManage(db, actor, request.params.code);
    await deletePhoto(db, actor, access.point, request.params.photoId);
    return redirectTo(request, reply, `/office/points/${access.point.code}/photos`, 'photoDeleted');
  });
};
