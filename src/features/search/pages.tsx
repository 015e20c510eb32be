/**
 * Citizen pages of search: the home page (`/`), the search page (`/search`) and the map (`/map`),
 * mounted once per language. Refused input re-renders the search form with the citizen's input
 * and the problems in both languages (400); a page past the last one says so (404).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import { AppError, toAppError, type FieldIssue } from '../../http/errors.js';
import { sendPage } from '../../http/view.js';
import { encodingIssues, formatSchemaErrors, pageCount, positionFromLatLng, resolveFilters, SearchPageQuery } from './params.js';
import { areaLists, searchCatalogue, searchPoints, type PointQuery } from './queries.js';
import { HomePage, MapPage, SearchPage, type MapConfig, type SearchForm, type SearchPageProps } from './views.js';

export const PAGE_SIZE = 20;

const mapConfig = (config: Config): MapConfig => ({ tileUrl: config.tileUrl, tileAttribution: config.tileAttribution });

/** Control characters never belong in a form field; they are shown as spaces. */
const withoutControls = (text: string) => Array.from(text, (c) => (c < ' ' || c === '\u007f' ? ' ' : c)).join('');

/** What the citizen sent, as text for the form, whether or not it was valid. */
function formOf(query: Record<string, unknown>): SearchForm {
  const text = (key: string, max = 40) => {
    const value = query[key];
    return typeof value === 'string' || typeof value === 'number' ? withoutControls(String(value)).slice(0, max) : '';
  };
  return {
    q: text('q', 200),
    province: text('province'),
    district: text('district'),
    kind: text('kind'),
    manual: text('manual', 100),
    radius: text('radius'),
    lat: text('lat'),
    lng: text('lng'),
  };
}

const hasCriteria = (query: PointQuery) =>
  Boolean(query.q || query.provinceCode || query.districtCode || query.kind || query.manual || query.near);

export const searchPages: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/', { schema: { querystring: Type.Object({}) } }, async (request, reply) => {
    const [areas, catalogue] = await Promise.all([areaLists(app.db), searchCatalogue(app.db)]);
    return sendPage(
      request,
      reply,
      <HomePage provinces={areas.provinces} available={new Set(catalogue.map((m) => m.slug))} map={mapConfig(request.server.config)} />,
    );
  });

  app.get(
    '/search',
    { schema: { querystring: SearchPageQuery }, attachValidation: true, schemaErrorFormatter: formatSchemaErrors },
    async (request, reply) => {
      const form = formOf(request.query as Record<string, unknown>);
      const [areas, catalogue] = await Promise.all([areaLists(app.db), searchCatalogue(app.db)]);
      const render = (props: Omit<SearchPageProps, 'provinces' | 'districts' | 'catalogue' | 'form'>, status = 200) =>
        sendPage(
          request,
          reply,
          <SearchPage
            form={form}
            provinces={areas.provinces}
            districts={areas.districtsOf.get(form.province) ?? []}
            catalogue={catalogue}
            available={new Set(catalogue.map((m) => m.slug))}
            {...props}
          />,
          status,
        );

      const refused = (issues: FieldIssue[]) => render({ issues }, 400);
      const encoding = encodingIssues(request);
      if (encoding.length > 0) {
        Object.assign(form, formOf({}));
        return refused(encoding);
      }
      if (request.validationError) return refused(toAppError(request.validationError).issues);

      const input = request.query;
      const issues: FieldIssue[] = [];
      const near = positionFromLatLng(input.lat, input.lng, issues);
      let query: PointQuery;
      try {
        const resolved = await resolveFilters(app.db, input, { near, pageSize: PAGE_SIZE, strictArea: false }, issues);
        query = resolved.query;
        if (resolved.droppedDistrict) form.district = '';
      } catch (error) {
        if (error instanceof AppError && error.code === 'invalid_input') return refused(error.issues);
        throw error;
      }
      if (!hasCriteria(query)) return render({});

      const result = await searchPoints(app.db, query);
      if (result.items.length === 0 && query.page > 1) {
        return render({ missingPage: { page: query.page, pages: pageCount(result.total, query.pageSize) } }, 404);
      }
      return render({
        results: {
          items: result.items,
          total: result.total,
          totalIsCapped: result.totalIsCapped,
          page: query.page,
          pageSize: query.pageSize,
          placePatterns: [
            ...result.placePatterns,
            ...result.provinceCodes.map((code) => areas.provinceByCode.get(code)?.[request.locale === 'en' ? 'nameEn' : 'nameTh'] ?? ''),
          ],
          namedServices: result.manualIds !== null,
        },
      });
    },
  );

  app.get('/map', { schema: { querystring: Type.Object({}) } }, async (request: FastifyRequest, reply: FastifyReply) => {
    const areas = await areaLists(app.db);
    return sendPage(request, reply, <MapPage provinces={areas.provinces} map={mapConfig(request.server.config)} />);
  });
};
