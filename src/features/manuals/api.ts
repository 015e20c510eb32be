/** `GET /api/v1/manuals` (the catalogue, filtered and paged) and `GET /api/v1/manuals/:slug` (one manual in full). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { AppError } from '../../http/errors.js';
import { ManualSlugParams } from './pages.js';
import { findManual, listManuals, type ManualSummary } from './queries.js';

const localised = (th: string | null, en: string | null) => ({ th, en });

function summaryJson(manual: ManualSummary, baseUrl: string) {
  return {
    slug: manual.slug,
    url: `${baseUrl}/manuals/${manual.slug}`,
    title: localised(manual.titleTh, manual.titleEn),
    owner: { code: manual.ownerCode, name: localised(manual.ownerAgencyTh, manual.ownerAgencyEn) },
    ministry: localised(manual.ministryTh, manual.ministryEn),
    category: localised(manual.categoryTh, manual.categoryEn),
    totalTime: manual.totalTimeValue === null ? null : { value: manual.totalTimeValue, unit: manual.totalTimeUnit },
  };
}

export const manualApi: FastifyPluginAsyncTypebox = async (app) => {
  const baseUrl = () => app.config.publicUrl.replace(/\/+$/, '');

  app.get(
    '/manuals',
    {
      schema: {
        summary: "The Citizen's Manual catalogue",
        tags: ['manuals'],
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 100, description: 'words of the title, synonyms, owner or category (Thai or English)' })),
          owner: Type.Optional(Type.String({ pattern: '^[a-z0-9-]{1,60}$', description: 'code of the owning agency, e.g. dopa' })),
          page: Type.Integer({ minimum: 1, maximum: 10_000, default: 1 }),
          pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
        }),
      },
    },
    async (request) => {
      const { q, owner, page, pageSize } = request.query;
      const { items, total } = await listManuals(app.db, { q: q?.trim(), owner, page, pageSize });
      if (page > 1 && (page - 1) * pageSize >= total) {
        throw new AppError('invalid_input', [{ field: 'page', th: 'หน้าที่ขอเกินจำนวนผลลัพธ์', en: `page is past the last page (${Math.max(1, Math.ceil(total / pageSize))})` }]);
      }
      return { items: items.map((manual) => summaryJson(manual, baseUrl())), page, pageSize, total };
    },
  );

  app.get(
    '/manuals/:slug',
    { schema: { summary: "One Citizen's Manual with its steps and documents", tags: ['manuals'], params: ManualSlugParams } },
    async (request) => {
      const manual = await findManual(app.db, request.params.slug);
      if (!manual) throw new AppError('not_found');
      return {
        ...summaryJson(manual, baseUrl()),
        legalBasis: manual.legalBasis,
        statutoryTime: localised(manual.statutoryTimeTh, manual.statutoryTimeEn),
        criteria: localised(manual.criteriaTh, manual.criteriaEn),
        hours: localised(manual.hoursTh, manual.hoursEn),
        steps: manual.steps.map((step) => ({
          position: step.position + 1,
          kind: step.kind,
          title: localised(step.titleTh, step.titleEn),
          duration: { value: step.durationValue, unit: step.durationUnit },
          responsible: localised(step.responsibleTh, step.responsibleEn),
        })),
        fees: manual.fees.map((fee) => ({
          description: localised(fee.descriptionTh, fee.descriptionEn),
          amountBaht: fee.amountBaht,
          note: localised(fee.noteTh, fee.noteEn),
        })),
        documents: manual.documents.map((document) => ({
          id: document.id,
          name: localised(document.nameTh, document.nameEn),
          issuingAgency: localised(document.issuingAgencyTh, document.issuingAgencyEn),
          governmentIssued: document.governmentIssued,
          identity: document.identity,
          originals: document.originals,
          copies: document.copies,
          unit: document.unitTh,
          condition: localised(document.conditionTh, document.conditionEn),
        })),
        complaintChannels: manual.complaintChannels.map((channel) => ({ name: localised(channel.nameTh, channel.nameEn), contact: channel.contact })),
        source: { url: manual.sourceUrl },
        notice: { th: 'ข้อมูลตัวอย่าง — ตรวจสอบกับหน่วยงาน', en: 'Sample data — check with the office' },
        updatedAt: manual.updatedAt.toISOString(),
      };
    },
  );
};
