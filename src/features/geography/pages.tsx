/** Browse by area: `/browse` (provinces by region), `/browse/{province}` (districts), `/browse/{province}/{district}` (offices). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { AppError } from '../../http/errors.js';
import { sendPage } from '../../http/view.js';
import { BrowseDistrictPage, BrowseIndexPage, BrowseProvincePage } from './browse-views.js';
import { DISTRICT_CODE_PATTERN, districtsOf, findDistrict, findProvince, listProvinces, organisationsIn, PROVINCE_CODE_PATTERN } from './queries.js';

const ProvinceParam = Type.String({ pattern: PROVINCE_CODE_PATTERN, description: 'DOPA province code, 2 digits' });
const DistrictParam = Type.String({ pattern: DISTRICT_CODE_PATTERN, description: 'DOPA district code, 4 digits' });

export const geographyPages: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/browse', { schema: { querystring: Type.Object({}) } }, async (request, reply) => {
    return sendPage(request, reply, <BrowseIndexPage provinces={await listProvinces(app.db)} />);
  });

  app.get('/browse/:province', { schema: { params: Type.Object({ province: ProvinceParam }) } }, async (request, reply) => {
    const province = await findProvince(app.db, request.params.province);
    if (!province) throw new AppError('not_found');
    return sendPage(request, reply, <BrowseProvincePage province={province} districts={await districtsOf(app.db, province.code)} />);
  });

  app.get(
    '/browse/:province/:district',
    { schema: { params: Type.Object({ province: ProvinceParam, district: DistrictParam }) } },
    async (request, reply) => {
      const [province, district] = await Promise.all([findProvince(app.db, request.params.province), findDistrict(app.db, request.params.district)]);
      // A district is only found under its own province.
      if (!province || !district || district.provinceCode !== province.code) throw new AppError('not_found');
      return sendPage(request, reply, <BrowseDistrictPage province={province} district={district} organisations={await organisationsIn(app.db, district)} />);
    },
  );
};
