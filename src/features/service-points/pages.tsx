/** Citizen pages of service points, mounted once per language; photos are served by `media.ts`. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { AppError } from '../../http/errors.js';
import { sendPage } from '../../http/view.js';
import { localePrefix } from '../../i18n/index.js';
import { CODE_PATTERN } from './codes.js';
import { loadPointDetails } from './details.js';
import { governmentOfficeJsonLd } from './json-ld.js';
import { PointPage } from './point-page.js';

/** Codes as printed (upper case), or typed in lower case from a poster: the latter are redirected. */
export const PointCodeParams = Type.Object({
  code: Type.String({ pattern: CODE_PATTERN.replace('[2-9A-HJ-KM-NP-Z]', '[2-9A-HJ-KM-NP-Za-hj-km-np-z]') }),
});

export const servicePointPages: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/p/:code', { schema: { params: PointCodeParams } }, async (request, reply) => {
    const { code } = request.params;
    if (code !== code.toUpperCase()) return reply.redirect(`${localePrefix(request.locale)}/p/${code.toUpperCase()}`, 301);
    const details = await loadPointDetails(app.db, code, new Date());
    if (!details) throw new AppError('not_found');
    const baseUrl = app.config.publicUrl.replace(/\/+$/, '');
    const jsonLd = governmentOfficeJsonLd(details, { locale: request.locale, url: `${baseUrl}${localePrefix(request.locale)}/p/${code}`, baseUrl });
    return sendPage(request, reply, <PointPage details={details} jsonLd={jsonLd} />);
  });
};
