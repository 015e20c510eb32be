/**
 * Open-data files for integrators (mounted at `/open-data`, with the API's JSON errors):
 * `service-points.geojson` and `service-points.csv`, filtered like the search, streamed from the
 * database, with validators so an unchanged file costs one small query to revalidate.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { applyValidators, weakEtag } from '../../http/conditional.js';
import { ApiErrorResponse } from '../../http/openapi.js';
import { CSV_COLUMNS, PointFeatureCollection } from './fields.js';
import { PointFilterQuery, resolvePointFilter, type PointFilter } from './filters.js';
import { FORMAT_VERSION, csvStream, geojsonStream } from './formats.js';
import { activePointChunks, pointsVersion } from './points.js';

type Format = 'geojson' | 'csv';

const CONTENT_TYPE: Record<Format, string> = {
  geojson: 'application/geo+json',
  csv: 'text/csv; charset=utf-8; header=present',
};

/** Five minutes fresh; after that a conditional request answers 304 while nothing changed. */
const CACHE_CONTROL = 'public, max-age=300';

export function downloadFileName(filter: PointFilter, format: Format): string {
  const parts = ['citizeninfo-service-points', filter.provinceCode, filter.districtCode, filter.kind].filter(Boolean);
  return `${parts.join('-')}.${format}`;
}

async function sendDownload(format: Format, query: PointFilterQuery, request: FastifyRequest, reply: FastifyReply) {
  const { db, config } = request.server;
  const filter = await resolvePointFilter(db, query);
  const version = await pointsVersion(db, filter);
  const etag = weakEtag(FORMAT_VERSION, format, filter, version.lastModified?.getTime() ?? null, version.activeCount, config.publicUrl);
  if (applyValidators(request, reply, { etag, lastModified: version.lastModified }, CACHE_CONTROL)) return reply.code(304).send();

  reply.type(CONTENT_TYPE[format]).header('content-disposition', `attachment; filename="${downloadFileName(filter, format)}"`);
  if (request.method === 'HEAD') return reply.send();
  const chunks = activePointChunks(db, filter);
  return reply.send(format === 'geojson' ? geojsonStream(chunks, config.publicUrl) : csvStream(chunks, config.publicUrl));
}

const filterNote =
  'Filters are optional and combine: `province`, `district`, `kind` (empty = all). Sends ETag and Last-Modified: ' +
  'repeat the request with If-None-Match or If-Modified-Since to get 304 while nothing changed. — ' +
  'กรองตามจังหวัด อำเภอ หรือประเภทหน่วยงานได้ และตรวจว่าข้อมูลเปลี่ยนหรือไม่ด้วย ETag/Last-Modified';

const notModified = { description: 'Not modified since the copy the client has — ข้อมูลไม่เปลี่ยนแปลง', type: 'null' } as const;

export const openDataDownloads: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/service-points.geojson',
    {
      exposeHeadRoute: false,
      schema: {
        tags: ['open data'],
        operationId: 'downloadServicePointsGeojson',
        summary: 'Active service points as GeoJSON — จุดบริการในรูปแบบ GeoJSON',
        description: `An RFC 7946 FeatureCollection of Point features, coordinates [lng, lat] in WGS84 with 6 decimals. ${filterNote}`,
        querystring: PointFilterQuery,
        response: {
          200: {
            description: 'GeoJSON FeatureCollection (streamed) — ไฟล์ GeoJSON',
            content: { 'application/geo+json': { schema: PointFeatureCollection } },
          },
          304: notModified,
          400: ApiErrorResponse,
        },
      },
    },
    (request, reply) => sendDownload('geojson', request.query, request, reply),
  );
  app.head('/service-points.geojson', { schema: { hide: true, querystring: PointFilterQuery } }, (request, reply) =>
    sendDownload('geojson', request.query, request, reply),
  );

  app.get(
    '/service-points.csv',
    {
      exposeHeadRoute: false,
      schema: {
        tags: ['open data'],
        operationId: 'downloadServicePointsCsv',
        summary: 'Active service points as CSV — จุดบริการในรูปแบบ CSV',
        description:
          `RFC 4180 CSV, UTF-8 with a byte-order mark (so Excel shows Thai), CRLF line ends, a header row. ` +
          `Columns: ${CSV_COLUMNS.join(', ')} (the GeoJSON properties plus lat and lng). ` +
          `Cells that would start a spreadsheet formula (=, +, -, @) get a leading apostrophe. ${filterNote}`,
        querystring: PointFilterQuery,
        response: {
          200: {
            description: 'CSV file (streamed) — ไฟล์ CSV',
            content: { 'text/csv': { schema: Type.String({ description: 'A header row, then one row per service point' }) } },
          },
          304: notModified,
          400: ApiErrorResponse,
        },
      },
    },
    (request, reply) => sendDownload('csv', request.query, request, reply),
  );
  app.head('/service-points.csv', { schema: { hide: true, querystring: PointFilterQuery } }, (request, reply) =>
    sendDownload('csv', request.query, request, reply),
  );
};
