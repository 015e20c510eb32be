/** Open data in the JSON API (`/api/v1`): aggregate satisfaction for integrators. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ApiErrorResponse } from '../../http/openapi.js';
import { CACHE_MS, MAX_RANGE_DAYS, resolveRange, satisfaction } from './satisfaction.js';

const Day = (description: string, example: string) =>
  Type.String({ format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description, examples: [example] });

export const SatisfactionQuery = Type.Object(
  {
    from: Type.Optional(
      Day('First Bangkok day included, YYYY-MM-DD (Gregorian). Default: 12 months before `to` — วันแรก (ค.ศ.) ค่าเริ่มต้น 12 เดือนก่อนวันสุดท้าย', '2025-10-01'),
    ),
    to: Type.Optional(Day('Last Bangkok day included, YYYY-MM-DD (Gregorian). Default: today in Bangkok — วันสุดท้าย (ค.ศ.) ค่าเริ่มต้นคือวันนี้', '2026-09-30')),
    province: Type.Optional(
      Type.String({
        pattern: '^\\d{2}$',
        description: 'DOPA province code: list its rated service points instead of the provinces — รหัสจังหวัด: แสดงรายจุดบริการในจังหวัดนั้น',
        examples: ['50'],
      }),
    ),
  },
  { additionalProperties: false },
);

const Count = (description: string) => Type.Integer({ minimum: 0, description });
const summaryFields = {
  count: Count('Number of ratings counted in the range — จำนวนการประเมิน'),
  mean_overall: Type.Union([Type.Number({ minimum: 1, maximum: 5 }), Type.Null()], {
    description: 'Mean overall score (1–5) to 3 decimals; null without ratings — คะแนนเฉลี่ยความพึงพอใจโดยรวม',
  }),
  distribution: Type.Object(
    { '1': Count('score 1'), '2': Count('score 2'), '3': Count('score 3'), '4': Count('score 4'), '5': Count('score 5') },
    { description: 'Number of ratings per overall score — จำนวนการประเมินแยกตามคะแนน' },
  ),
};
const pointsRated = Count('Service points with at least one rating in the range — จำนวนจุดบริการที่ได้รับการประเมิน');

const SatisfactionResponse = Type.Object({
  from: Type.String({ format: 'date', description: 'First day included — วันแรก' }),
  to: Type.String({ format: 'date', description: 'Last day included — วันสุดท้าย' }),
  province: Type.Union([Type.Object({ code: Type.String(), name_th: Type.String(), name_en: Type.String() }), Type.Null()], {
    description: 'The province asked for, or null — จังหวัดที่เลือก',
  }),
  total: Type.Object({ ...summaryFields, points_rated: pointsRated }, { description: 'All of the range (and province) — รวมทั้งหมด' }),
  provinces: Type.Optional(
    Type.Array(
      Type.Object({
        province_code: Type.String(),
        province_th: Type.String(),
        province_en: Type.String(),
        ...summaryFields,
        points_rated: pointsRated,
      }),
      { description: 'Every province, without `province` — ทุกจังหวัด (เมื่อไม่ระบุ province)' },
    ),
  ),
  points: Type.Optional(
    Type.Array(
      Type.Object({
        code: Type.String({ description: 'Service point code — รหัสจุดบริการ' }),
        name_th: Type.String(),
        name_en: Type.Union([Type.String(), Type.Null()]),
        district_code: Type.String(),
        district_th: Type.String(),
        district_en: Type.String(),
        ...summaryFields,
      }),
      { description: 'Rated service points of the province, with `province` — จุดบริการที่ได้รับการประเมินในจังหวัด' },
    ),
  ),
}, { description: 'Satisfaction over the range — ความพึงพอใจในช่วงวันที่' });

export const openDataApi: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/satisfaction',
    {
      schema: {
        tags: ['open data'],
        operationId: 'getSatisfaction',
        summary: 'Aggregate citizen satisfaction — ความพึงพอใจของผู้รับบริการแบบรวม',
        description:
          'Counted ratings (1–5) over a range of Bangkok calendar days: per province, or per rated service point of one ' +
          `province with \`province\`. At most ${MAX_RANGE_DAYS} days. Figures may be up to ${CACHE_MS / 60_000} minutes old. ` +
          'A mean from a few ratings says little: compare units by their count as well. — ' +
          'ผลการประเมินความพึงพอใจรายจังหวัด หรือรายจุดบริการในจังหวัดที่เลือก ตามช่วงวันที่ (เวลาประเทศไทย)',
        querystring: SatisfactionQuery,
        response: { 200: SatisfactionResponse, 400: ApiErrorResponse },
      },
    },
    async (request, reply) => {
      const range = resolveRange(request.query);
      const report = await satisfaction(app.db, range, request.query.province);
      return reply.header('cache-control', `public, max-age=${CACHE_MS / 1000}`).send(report);
    },
  );
};
