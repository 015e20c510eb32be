/** `GET /api/v1/service-points/:code`: the facts of the point page as JSON. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { AppError } from '../../http/errors.js';
import { CODE_PATTERN } from './codes.js';
import { loadPointDetails, type DayHours } from './details.js';
import { safeEmail, safeWebsite } from './links.js';
import { internationalPhone } from './phones.js';

const localised = (th: string | null, en: string | null) => ({ th, en });

function dayJson(day: DayHours) {
  return {
    date: day.date,
    intervals: day.intervals,
    reason: day.reason,
    holiday: day.holiday ? localised(day.holiday.nameTh, day.holiday.nameEn) : null,
    note: day.note ? localised(day.note.th, day.note.en) : null,
  };
}

export const servicePointApi: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/service-points/:code',
    {
      schema: {
        summary: 'One service point: hours and the state right now, contacts, services with their Zero Copy state, satisfaction',
        tags: ['service points'],
        params: Type.Object({ code: Type.String({ pattern: CODE_PATTERN, description: 'public code, as on the QR poster' }) }),
      },
    },
    async (request) => {
      const details = await loadPointDetails(app.db, request.params.code, new Date());
      if (!details) throw new AppError('not_found');
      const { point } = details;
      const baseUrl = app.config.publicUrl.replace(/\/+$/, '');
      return {
        code: point.code,
        url: `${baseUrl}/p/${point.code}`,
        status: point.status,
        name: localised(point.nameTh, point.nameEn),
        organisation: {
          code: point.organisationCode,
          kind: point.organisationKind,
          name: localised(point.organisationNameTh, point.organisationNameEn),
          hierarchy: details.chain.map((o) => ({ code: o.code, kind: o.kind, name: localised(o.nameTh, o.nameEn) })),
        },
        address: {
          text: localised(point.addressTh, point.addressEn),
          postalCode: point.postalCode,
          province: { code: point.provinceCode, name: localised(point.provinceTh, point.provinceEn) },
          district: { code: point.districtCode, name: localised(point.districtTh, point.districtEn) },
          subdistrict: point.subdistrictTh ? localised(point.subdistrictTh, point.subdistrictEn) : null,
        },
        location: { lat: point.lat, lng: point.lng, accuracyM: point.pinAccuracyM, method: point.pinMethod, verification: point.verification },
        contacts: {
          phones: point.phones.map((phone) => ({ text: phone, international: internationalPhone(phone) })),
          website: safeWebsite(point.website),
          email: safeEmail(point.email),
        },
        hours: {
          timeZone: 'Asia/Bangkok',
          weekly: point.hours,
          closedOnHolidays: point.closedOnHolidays,
          today: details.today,
          now: details.opening,
          week: details.week.map(dayJson),
          upcoming: details.upcoming.map(dayJson),
        },
        services: {
          confirmedCompleteAt: point.manualsConfirmedAt?.toISOString() ?? null,
          items: details.services.map((service) => ({
            slug: service.slug,
            title: localised(service.titleTh, service.titleEn),
            category: localised(service.categoryTh, service.categoryEn),
            url: `${baseUrl}/manuals/${service.slug}?point=${point.code}`,
            localNote: service.localNoteTh || service.localNoteEn ? localised(service.localNoteTh, service.localNoteEn) : null,
            zeroCopy: service.zeroCopy,
          })),
        },
        satisfaction: {
          since: details.satisfaction.since,
          count: details.satisfaction.count,
          average: details.satisfaction.average,
          distribution: Object.fromEntries(details.satisfaction.distribution.map((count, i) => [String(i + 1), count])),
          recentComments: details.comments.map((c) => ({
            at: c.createdAt.toISOString(),
            overall: c.overall,
            comment: c.comment,
            reply: c.reply,
            replyAt: c.replyAt?.toISOString() ?? null,
          })),
        },
        photos: details.photos.map((photo) => ({
          url: `${baseUrl}/photos/${photo.id}.webp`,
          alt: localised(photo.altTh, photo.altEn),
          width: photo.width,
          height: photo.height,
        })),
      };
    },
  );
};
