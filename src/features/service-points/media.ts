/** Photos of service points, language-neutral: `/photos/{id}.webp` (app.ts mounts this at /photos), cached for a year (a new photo gets a new id). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { AppError } from '../../http/errors.js';
import { photoImage } from './queries.js';

export const servicePointMedia: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/:file',
    { schema: { params: Type.Object({ file: Type.String({ pattern: '^[1-9][0-9]{0,8}\\.webp$' }) }) } },
    async (request, reply) => {
      const image = await photoImage(app.db, Number.parseInt(request.params.file, 10));
      if (!image) throw new AppError('not_found');
      return reply
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('content-type', 'image/webp')
        .send(Buffer.from(image.buffer, image.byteOffset, image.byteLength));
    },
  );
};
