/**
 * The search JSON API under /api/v1: service points with the filters of the search page, map
 * clusters, the tile configuration and the districts of a province (for the live district filter).
 * Field names are camelCase; Thai and English texts are `{ th, en }` pairs, as in the point API.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from '@sinclair/typebox';
import { AppError, type FieldIssue } from '../../http/errors.js';
import { SEARCHABLE_KINDS } from '../organisations/kinds.js';
import { internationalPhone } from '../service-points/phones.js';
import { mapFeatures, maxSpanDegrees } from './clusters.js';
import {
  ClustersQuery,
  formatSchemaErrors,
  issue,
  pageMissing,
  parseBbox,
  positionFromNear,
  rejectBadEncoding,
  resolveFilters,
  ServicePointsQuery,
} from './params.js';
import { areaLists, searchPoints, type PointSummary } from './queries.js';

const Localised = (description: string) =>
  Type.Object(
    {
      th: Type.Union([Type.String(), Type.Null()], { description: 'Thai' }),
      en: Type.Union([Type.String(), Type.Null()], { description: 'English, when known' }),
    },
    { description },
  );
const Area = (description: string) => Type.Object({ code: Type.String({ description: 'DOPA code' }), name: Localised('name') }, { description });

/** One point in a list: the same field names and nesting as `GET /service-points/{code}`, fewer fields. */
export const ServicePointItem = Type.Object({
  code: Type.String({ description: 'Short public code of the point; details at /api/v1/service-points/{code}.' }),
  url: Type.String({ description: 'Public page of the point (Thai; English under /en).' }),
  name: Localised('Name of the point.'),
  organisation: Type.Object(
    {
      code: Type.String({ description: 'Stable key of the organisation.' }),
      kind: Type.String({ description: `Kind of organisation, e.g. ${SEARCHABLE_KINDS.slice(0, 4).join(', ')}.` }),
      name: Localised('Name of the organisation.'),
    },
    { description: 'The organisation that runs the point.' },
  ),
  address: Type.Object({
    text: Localised('Address.'),
    province: Area('Province (2-digit code).'),
    district: Area('District, amphoe or Bangkok khet (4-digit code).'),
  }),
  location: Type.Object({
    lat: Type.Number({ description: 'Latitude, WGS84.' }),
    lng: Type.Number({ description: 'Longitude, WGS84.' }),
    verification: Type.String({ description: 'Pin verification: unverified, verified or flagged.' }),
  }),
  contacts: Type.Object({
    phones: Type.Array(
      Type.Object({
        text: Type.String({ description: 'As written by the office.' }),
        international: Type.Union([Type.String(), Type.Null()], { description: '+66 form for dialling, when it is a Thai number.' }),
      }),
    ),
  }),
  distanceM: Type.Union([Type.Integer(), Type.Null()], { description: 'Metres from `near`, rounded; null without `near`.' }),
  openNow: Type.Boolean({ description: 'Open at the time of the request (Bangkok time, holidays and exceptions included).' }),
  services: Type.Array(
    Type.Object({
      slug: Type.String({ description: 'The Citizen’s Manual; details at /api/v1/manuals/{slug}.' }),
      title: Localised('Title of the service.'),
      url: Type.String({ description: 'The manual’s page for this point.' }),
    }),
    { description: 'The services asked for (by the words of `q` or by `manual`) that this point gives; empty when none was asked for.' },
  ),
});

export const ServicePointsPage = Type.Object(
  {
    items: Type.Array(ServicePointItem, { description: 'One page of matching points: nearest first with `near`, otherwise best match first.' }),
    total: Type.Integer({ description: 'Number of matching points, counted up to 10,000.' }),
    page: Type.Integer({ description: 'This page, from 1.' }),
    pageSize: Type.Integer({ description: 'Points per page.' }),
    totalIsCapped: Type.Boolean({ description: 'True when there are more than `total` matches (the count stops at 10,000).' }),
  },
  { description: 'Field names are camelCase; Thai and English texts are `{ th, en }` pairs, as in the rest of /api/v1.' },
);

const Position = Type.Tuple([Type.Number(), Type.Number()], { description: '[longitude, latitude]' });
export const MapFeatureCollection = Type.Object(
  {
    type: Type.Literal('FeatureCollection'),
    features: Type.Array(
      Type.Object({
        type: Type.Literal('Feature'),
        geometry: Type.Object({ type: Type.Literal('Point'), coordinates: Position }),
        properties: Type.Object({
          cluster: Type.Boolean({ description: 'True for a cluster of points, false for one point.' }),
          count: Type.Optional(Type.Integer({ description: 'Cluster: how many points it holds.' })),
          expansionZoom: Type.Optional(Type.Integer({ description: 'Cluster: the zoom at which it splits.' })),
          code: Type.Optional(Type.String({ description: 'Point: public code; its page is /p/{code}.' })),
          name: Type.Optional(Localised('Point: its name.')),
          organisation: Type.Optional(Localised('Point: the organisation that runs it.')),
        }),
      }),
    ),
  },
  { description: 'GeoJSON: clusters and single points inside the box, clustered on the server.' },
);

const DistrictList = Type.Object({
  items: Type.Array(Type.Object({ code: Type.String(), nameTh: Type.String(), nameEn: Type.String() })),
});

const TileConfig = Type.Object({
  url: Type.String({ description: 'Raster tile URL template ({z}/{x}/{y}).' }),
  attribution: Type.String({ description: 'Attribution to show on the map.' }),
});

const localised = (th: string | null, en: string | null) => ({ th, en });

function toItem(point: PointSummary, baseUrl: string): Static<typeof ServicePointItem> {
  return {
    code: point.code,
    url: `${baseUrl}/p/${point.code}`,
    name: localised(point.nameTh, point.nameEn),
    organisation: { code: point.organisationCode, kind: point.kind, name: localised(point.organisationNameTh, point.organisationNameEn) },
    address: {
      text: localised(point.addressTh, point.addressEn),
      province: { code: point.provinceCode, name: localised(point.provinceTh, point.provinceEn) },
      district: { code: point.districtCode, name: localised(point.districtTh, point.districtEn) },
    },
    location: { lat: point.lat, lng: point.lng, verification: point.verification },
    contacts: { phones: point.phones.map((phone) => ({ text: phone, international: internationalPhone(phone) })) },
    distanceM: point.distanceM === null ? null : Math.round(point.distanceM),
    openNow: point.opening.open,
    services: point.services.map((service) => ({
      slug: service.slug,
      title: localised(service.titleTh, service.titleEn),
      url: `${baseUrl}/manuals/${service.slug}?point=${point.code}`,
    })),
  };
}

export const searchApi: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('preValidation', async (request) => rejectBadEncoding(request));

  app.get(
    '/service-points',
    {
      schema: {
        summary: 'Find service points',
        description: 'The same search as the citizen search page: text (Thai or English), area, kind, service, position and box.',
        tags: ['service points'],
        querystring: ServicePointsQuery,
        response: { 200: ServicePointsPage },
      },
      schemaErrorFormatter: formatSchemaErrors,
    },
    async (request) => {
      const input = request.query;
      const issues: FieldIssue[] = [];
      const near = positionFromNear(input.near, issues);
      const bbox = parseBbox(input.bbox, issues);
      const pageSize = input.pageSize ?? 20;
      const { query } = await resolveFilters(app.db, input, { near, bbox, pageSize, strictArea: true }, issues);
      const result = await searchPoints(app.db, query);
      if (result.items.length === 0 && query.page > 1) throw pageMissing(query.page, result.total, pageSize);
      return {
        items: result.items.map((point) => toItem(point, app.config.publicUrl.replace(/\/+$/, ''))),
        total: result.total,
        page: query.page,
        pageSize,
        totalIsCapped: result.totalIsCapped,
      };
    },
  );

  app.get(
    '/map/clusters',
    {
      schema: {
        summary: 'Map clusters',
        description: 'Clusters and points of all active service points inside a box at a zoom level, clustered on the server.',
        tags: ['map'],
        querystring: ClustersQuery,
        response: { 200: MapFeatureCollection },
      },
      schemaErrorFormatter: formatSchemaErrors,
    },
    async (request, reply) => {
      const issues: FieldIssue[] = [];
      const bbox = parseBbox(request.query.bbox, issues);
      if (!bbox) throw new AppError('invalid_input', issues);
      const span = maxSpanDegrees(request.query.zoom);
      if (bbox[2] - bbox[0] > span || bbox[3] - bbox[1] > span) throw new AppError('invalid_input', [issue('bbox', 'bboxTooWide')]);
      const features = await mapFeatures(app.db, bbox, request.query.zoom);
      // Points move rarely; a minute of caching lets browsers and proxies reuse a view.
      reply.header('cache-control', 'public, max-age=60');
      return { type: 'FeatureCollection' as const, features };
    },
  );

  app.get(
    '/map/tiles',
    {
      schema: { summary: 'Map tile configuration', tags: ['map'], querystring: Type.Object({}), response: { 200: TileConfig } },
    },
    async () => ({ url: app.config.tileUrl, attribution: app.config.tileAttribution }),
  );

  app.get(
    '/search/districts',
    {
      schema: {
        summary: 'Districts of a province',
        description: 'For the district filter of the search form.',
        tags: ['search'],
        querystring: Type.Object({ province: Type.String({ pattern: '^\\d{2}$', description: '2-digit DOPA province code.' }) }),
        response: { 200: DistrictList },
      },
      schemaErrorFormatter: formatSchemaErrors,
    },
    async (request, reply) => {
      const areas = await areaLists(app.db);
      const province = request.query.province;
      if (!areas.provinceByCode.has(province)) throw new AppError('invalid_input', [issue('province', 'unknownProvince', province)]);
      reply.header('cache-control', 'public, max-age=3600');
      return { items: (areas.districtsOf.get(province) ?? []).map((d) => ({ code: d.code, nameTh: d.nameTh, nameEn: d.nameEn })) };
    },
  );
};
