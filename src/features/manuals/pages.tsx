/** Citizen pages of the Citizen's Manuals, mounted once per language. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { AppError } from '../../http/errors.js';
import { sendPage } from '../../http/view.js';
import { findProvince, listProvinces, PROVINCE_CODE_PATTERN } from '../geography/queries.js';
import { CODE_PATTERN } from '../service-points/codes.js';
import { declarationsFor } from '../zero-copy/queries.js';
import { manualZeroCopy } from '../zero-copy/state.js';
import { CataloguePage } from './catalogue-page.js';
import { ManualPage, type ManualPageData } from './manual-page.js';
import { findManual, listManuals, nearestPointsGiving, pointContext, pointsGivingInProvince, SLUG_PATTERN } from './queries.js';

export const CATALOGUE_PAGE_SIZE = 100;

export const ManualSlugParams = Type.Object({ slug: Type.String({ pattern: SLUG_PATTERN, maxLength: 100 }) });

export const manualPages: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/manuals',
    {
      schema: {
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 100 })),
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
        }),
      },
    },
    async (request, reply) => {
      const q = request.query.q?.trim() ?? '';
      const page = request.query.page ?? 1;
      const { items, total } = await listManuals(app.db, { q, page, pageSize: CATALOGUE_PAGE_SIZE });
      const pages = Math.max(1, Math.ceil(total / CATALOGUE_PAGE_SIZE));
      if (page > pages) throw new AppError('invalid_input', [{ field: 'page', th: `มีรายการเพียง ${pages} หน้า`, en: `there are only ${pages} pages` }]);
      return sendPage(request, reply, <CataloguePage data={{ q, items, total, page, pages }} />);
    },
  );

  app.get(
    '/manuals/:slug',
    {
      schema: {
        params: ManualSlugParams,
        querystring: Type.Object({
          point: Type.Optional(Type.String({ pattern: CODE_PATTERN })),
          province: Type.Optional(Type.String({ pattern: PROVINCE_CODE_PATTERN })),
        }),
      },
    },
    async (request, reply) => {
      const manual = await findManual(app.db, request.params.slug);
      if (!manual) throw new AppError('not_found');
      const data: ManualPageData = { manual, point: null, province: null, others: [], provinces: [] };
      if (request.query.point) {
        const point = await pointContext(app.db, request.query.point, manual.id);
        if (!point) throw new AppError('not_found');
        const declarations = point.linked ? await declarationsFor(app.db, point.id, manual.id) : new Map();
        data.point = { ...point, declarations, zeroCopy: point.linked ? manualZeroCopy(manual.documents, declarations) : null };
        data.others = await nearestPointsGiving(app.db, manual.id, point);
      } else if (request.query.province) {
        const province = await findProvince(app.db, request.query.province);
        if (!province) throw new AppError('not_found');
        data.province = province;
        data.others = await pointsGivingInProvince(app.db, manual.id, province.code);
      } else {
        data.provinces = await listProvinces(app.db);
      }
      return sendPage(request, reply, <ManualPage data={data} />);
    },
  );
};
