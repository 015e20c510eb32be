/**
 * The search JSON API under /api/v1: service points with the filters of the search page, map
 * clusters, the tile configuration and the districts of a province (for the live district filter).
 * Field names are camelCase throughout; Thai and English texts sit side by side (`nameTh`, `nameEn`).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from '@sinclair/typebox';
import { AppError, type FieldIssue } from '../../http/errors.js';
import { SEARCHABLE_KINDS } from '../organisations/kinds.js';
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

const NullableText = (description: string) => Type.Union([Type.String(), Type.Null()], { description });

const MatchedServiceSchema = Type.Object({
  slug: Type.String({ description: 'The Citizen’s Manual slug; its page is /manuals/{slug}.' }),
  titleTh: Type.String({ description: 'Title of the service in Thai.' }),
  titleEn: Type.Union([Type.String(), Type.Null()], { description: 'Title of the service in English, when translated.' }),
});

export const ServicePointItem = Type.Object({
  code: Type.String({ description: 'Short public code of the point; its page is /p/{code}.' }),
  url: Type.String({ description: 'Public page of the point (Thai).' }),
  nameTh: Type.String({ description: 'Name in Thai.' }),
  nameEn: NullableText('Name in English, when known.'),
  organisationNameTh: Type.String({ description: 'The organisation that runs the point, in Thai.' }),
  organisationNameEn: NullableText('The organisation, in English.'),
  organisationKind: Type.String({ description: `Kind of organisation, e.g. ${SEARCHABLE_KINDS.slice(0, 4).join(', ')}.` }),
  addressTh: NullableText('Address in Thai.'),
  addressEn: NullableText('Address in English.'),
  provinceCode: Type.String({ description: '2-digit DOPA province code.' }),
  provinceNameTh: Type.String(),
  provinceNameEn: Type.String(),
  districtCode: Type.String({ description: '4-digit DOPA district code.' }),
  districtNameTh: Type.String(),
  districtNameEn: Type.String(),
  lat: Type.Number({ description: 'Latitude, WGS84.' }),
  lng: Type.Number({ description: 'Longitude, WGS84.' }),
  verification: Type.String({ description: 'Pin verification: unverified, verified or flagged.' }),
  phones: Type.Array(Type.String(), { description: 'Phone numbers as written by the office.' }),
  distanceM: Type.Union([Type.Number(), Type.Null()], { description: 'Metres from `near`; null without it.' }),
  openNow: Type.Boolean({ description: 'Open at the time of the request (Bangkok time, holidays and exceptions included).' }),
  services: Type.Array(MatchedServiceSchema, {
    description: 'The services asked for (by the words of `q` or by `manual`) that this point gives; empty when none was asked for.',
  }),
});

export const ServicePointsPage = Type.Object({
  items: Type.Array(ServicePointItem, { description: 'One page of matching points: nearest first with `near`, otherwise best match first.' }),
  total: Type.Integer({ description: 'Number of matching points, counted up to 10,000.' }),
  page: Type.Integer({ description: 'This page, from 1.' }),
  pageSize: Type.Integer({ description: 'Points per page.' }),
  totalIsCapped: Type.Boolean({ description: 'True when there are more than `total` matches (the count stops at 10,000).' }),
});

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
          nameTh: Type.Optional(Type.String({ description: 'Point: name in Thai.' })),
          nameEn: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'Point: name in English.' })),
          organisationTh: Type.Optional(Type.String({ description: 'Point: organisation in Thai.' })),
          organisationEn: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'Point: organisation in English.' })),
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

function toItem(point: PointSummary, publicUrl: string): Static<typeof ServicePointItem> {
  return {
    code: point.code,
    url: `${publicUrl}/p/${point.code}`,
    nameTh: point.nameTh,
    nameEn: point.nameEn,
    organisationNameTh: point.organisationNameTh,
    organisationNameEn: point.organisationNameEn,
    organisationKind: point.kind,
    addressTh: point.addressTh,
    addressEn: point.addressEn,
    provinceCode: point.provinceCode,
    provinceNameTh: point.provinceTh,
    provinceNameEn: point.provinceEn,
    districtCode: point.districtCode,
    districtNameTh: point.districtTh,
    districtNameEn: point.districtEn,
    lat: point.lat,
    lng: point.lng,
    verification: point.verification,
    phones: point.phones,
    distanceM: point.distanceM === null ? null : Math.round(point.distanceM),
    openNow: point.opening.open,
    services: point.services,
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
        items: result.items.map((point) => toItem(point, app.config.publicUrl)),
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
