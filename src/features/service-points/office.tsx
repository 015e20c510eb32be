/**
 * The back office for service points (`/office/points…`, `/office/audit`): officers list, create
 * and edit their organisations' points — details, position, hours, photos, closing — and
 * supervisors read the points of their area and check pins. Every form works without JavaScript
 * (post, then redirect to the page with a notice; on a mistake, the form again with status 400).
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { can, type Actor } from '../../auth/access.js';
import type { Db } from '../../db/client.js';
import { AppError, type FieldIssue } from '../../http/errors.js';
import { validationIssues } from '../../http/forms.js';
import { actorOf } from '../../http/scopes/office.js';
import { sendPage } from '../../http/view.js';
import { bangkokDate, type Locale } from '../../i18n/index.js';
import { organisationById } from '../organisations/queries.js';
import { CODE_PATTERN } from './codes.js';
import {
  applyCopyMonday,
  emptyExceptionForm,
  emptyWeek,
  readExceptionForm,
  readWeeklyHoursForm,
  validateException,
  validateWeeklyHours,
  weeklyHoursForm,
  type ExceptionForm,
  type WeeklyHoursForm,
} from './hours-form.js';
import { DetailsPage, NewPointPage, type AreaLists } from './office-editor.js';
import { HoursPage } from './office-hours.js';
import {
  emptyPointForm,
  ExceptionBody,
  inputIssue,
  PinForm,
  PointForm,
  readEmail,
  readPhones,
  readWebsite,
  StatusBody,
  VerificationBody,
  WeeklyHoursBody,
  CsrfOnlyBody,
} from './office-input.js';
import { noticeFor, redirectTo } from './office-http.js';
import { PinPage } from './office-pin.js';
import {
  areaOf,
  AUDIT_PAGE,
  createPoint,
  deleteException,
  districtName,
  districtOptions,
  exceptionsOf,
  lastVerification,
  listPoints,
  manageableOrganisations,
  organisationAudit,
  PAGE_SIZE,
  pinnedByName,
  pointForActor,
  pointHistory,
  pointToManage,
  provinceOptions,
  setException,
  setStatus,
  setVerification,
  subdistrictOptions,
  updateDetails,
  updateHours,
  updatePin,
  type PinValues,
  type PointAccess,
  type PointDetails,
  type PointRecord,
} from './office-queries.js';
import { AuditPage, HistoryPage, PointListPage } from './office-views.js';
import { checkPinDistrict } from './pin-district.js';
import { readPinInput } from './pin-input.js';
import { pinMessages, pinProblemText } from './pin-messages.js';
import { photosOfficeRoutes } from './photos-office-routes.js';

const CodeParams = Type.Object({ code: Type.String({ pattern: CODE_PATTERN }) });
const DoneQuery = Type.Object({ done: Type.Optional(Type.String({ maxLength: 30 })) });

const pinIssue = (field: string, reading: ReturnType<typeof readPinInput>): FieldIssue[] =>
  reading.ok ? [] : [{ field, th: pinProblemText(reading.problem, 'th', reading.suggestion), en: pinProblemText(reading.problem, 'en', reading.suggestion) }];

const orNull = (text: string | undefined) => text?.trim() || null;

/** The details form of an existing point, as the form shows it. */
function formOf(point: PointRecord): PointForm {
  return {
    ...emptyPointForm(),
    name_th: point.nameTh,
    name_en: point.nameEn ?? '',
    address_th: point.addressTh ?? '',
    address_en: point.addressEn ?? '',
    province: point.provinceCode,
    district: point.districtCode,
    subdistrict: point.subdistrictCode ?? '',
    postal_code: point.postalCode ?? '',
    phones: point.phones.join('\n'),
    website: point.website ?? '',
    email: point.email ?? '',
  };
}

/** A posted form with every field present (fields a client left out read as empty). */
function postedForm(body: unknown): PointForm {
  const form = emptyPointForm();
  const given = (body ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(form) as (keyof PointForm)[]) {
    const value = given[key];
    if (typeof value === 'string') (form as Record<string, string>)[key] = value;
  }
  if (given.action === 'refresh' || given.action === 'find' || given.action === 'save') form.action = given.action;
  return form;
}

async function areaLists(db: Db, locale: Locale, form: PointForm): Promise<AreaLists> {
  const provinceCode = /^\d{2}$/.test(form.province) ? form.province : '';
  const districts = provinceCode ? await districtOptions(db, provinceCode, locale) : [];
  const districtCode = districts.some((d) => d.code === form.district) ? form.district : '';
  return { provinces: await provinceOptions(db, locale), districts, subdistricts: districtCode ? await subdistrictOptions(db, districtCode, locale) : [] };
}

/** Checks the details beyond the schema (the area nests, phones, website) and builds the record. */
async function readDetails(db: Db, form: PointForm, schemaIssues: FieldIssue[]): Promise<{ details: PointDetails | null; issues: FieldIssue[]; area: Awaited<ReturnType<typeof areaOf>> }> {
  const issues = [...schemaIssues];
  const area = await areaOf(db, /^\d{2}$/.test(form.province) ? form.province : '', /^\d{4}$/.test(form.district) ? form.district : '', /^\d{6}$/.test(form.subdistrict) ? form.subdistrict : '');
  const has = (field: string) => issues.some((issue) => issue.field === field);
  if (!area.province && !has('province')) issues.push(inputIssue('province', 'badProvince'));
  if (area.province && (!area.district || area.district.provinceCode !== area.province.code) && !has('district')) issues.push(inputIssue('district', 'badDistrict'));
  if (form.subdistrict && area.district && (!area.subdistrict || area.subdistrict.districtCode !== area.district.code) && !has('subdistrict')) {
    issues.push(inputIssue('subdistrict', 'badSubdistrict'));
  }
  const phones = readPhones(form.phones);
  if (!has('phones')) issues.push(...phones.issues);
  const website = readWebsite(form.website);
  if (!has('website')) issues.push(...website.issues);
  const email = readEmail(form.email);
  if (!has('email')) issues.push(...email.issues);
  if (issues.length > 0 || !area.province || !area.district) return { details: null, issues, area };
  return {
    details: {
      nameTh: form.name_th.trim(),
      nameEn: orNull(form.name_en),
      addressTh: orNull(form.address_th),
      addressEn: orNull(form.address_en),
      provinceCode: area.province.code,
      districtCode: area.district.code,
      subdistrictCode: area.subdistrict?.code ?? null,
      postalCode: form.postal_code.trim() || area.subdistrict?.postalCode || area.district.postalCode || null,
      phones: phones.phones,
      website: website.website,
      email: email.email,
    },
    issues,
    area,
  };
}

export const servicePointsOfficeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db;

  // ─── List ────────────────────────────────────────────────────────────────────────────────
  app.get(
    '/office/points',
    {
      schema: {
        querystring: Type.Object({
          q: Type.String({ maxLength: 200, default: '' }),
          status: Type.Union([Type.Literal('all'), Type.Literal('active'), Type.Literal('closed')], { default: 'all' }),
          verification: Type.Union([Type.Literal('all'), Type.Literal('unverified'), Type.Literal('verified'), Type.Literal('flagged')], { default: 'all' }),
          page: Type.Integer({ minimum: 1, maximum: 10_000, default: 1 }),
        }),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const query = request.query;
      const { items, total } = await listPoints(db, actor, query);
      if (query.page > 1 && query.page > Math.ceil(total / PAGE_SIZE)) throw new AppError('not_found');
      const canAdd = (await manageableOrganisations(db, actor, '', 1)).length > 0;
      return sendPage(request, reply, <PointListPage items={items} total={total} query={query} canAdd={canAdd} readOnly={!canAdd} />);
    },
  );

  // ─── New ─────────────────────────────────────────────────────────────────────────────────
  const MANY = 50;
  async function newPage(request: FastifyRequest, reply: FastifyReply, actor: Actor, form: PointForm, issues: FieldIssue[], searched: boolean, status = 200) {
    const all = await manageableOrganisations(db, actor, '', MANY + 1);
    if (all.length === 0) throw new AppError('forbidden');
    const searchable = all.length > MANY;
    const organisations = searchable ? (searched || form.organisation_query ? await manageableOrganisations(db, actor, form.organisation_query ?? '', MANY) : []) : all;
    return sendPage(
      request,
      reply,
      <NewPointPage form={form} lists={await areaLists(db, request.locale, form)} issues={issues} organisations={organisations} searchable={searchable} searched={searched} />,
      status,
    );
  }

  app.get('/office/points/new', async (request, reply) => {
    const actor = actorOf(request);
    const form = emptyPointForm();
    const [first, second] = await manageableOrganisations(db, actor, '', 2);
    // One organisation: start in its area.
    if (first && !second) Object.assign(form, { organisation_id: String(first.id), province: first.provinceCode ?? '', district: first.districtCode ?? '' });
    return newPage(request, reply, actor, form, [], false);
  });

  app.post('/office/points/new', { schema: { body: PointForm }, attachValidation: true }, async (request, reply) => {
    const actor = actorOf(request);
    const form = postedForm(request.body);
    if (form.action === 'find') return newPage(request, reply, actor, form, [], true);
    if (form.action === 'refresh') return newPage(request, reply, actor, form, [], false);
    const schemaIssues = request.validationError ? validationIssues(request.validationError.validation) : [];
    const { details, issues, area } = await readDetails(db, form, schemaIssues);
    const organisation = /^\d{1,9}$/.test(form.organisation_id ?? '') ? await organisationById(db, Number(form.organisation_id)) : null;
    if (!organisation || !can(actor, 'manage', organisation)) issues.push(inputIssue('organisation_id', 'organisationRequired'));
    const location = form.location?.trim() ?? '';
    const reading = location ? readPinInput(location) : null;
    if (reading) issues.push(...pinIssue('location', reading));
    if (issues.length > 0 || !details || !organisation) return newPage(request, reply, actor, form, issues, false, 400);

    const centre = area.subdistrict ?? area.district;
    const pin: PinValues =
      reading?.ok === true
        ? { lat: reading.lat, lng: reading.lng, pinMethod: reading.source === 'link' ? 'link' : 'typed', pinAccuracyM: null }
        : { lat: centre?.lat ?? 0, lng: centre?.lng ?? 0, pinMethod: 'centroid', pinAccuracyM: area.subdistrict ? 2000 : 5000 };
    const code = await createPoint(db, actor, organisation.id, details, pin, emptyWeek());
    return redirectTo(request, reply, `/office/points/${code}/pin`, 'created');
  });

  // ─── Details ─────────────────────────────────────────────────────────────────────────────
  app.get('/office/points/:code', { schema: { params: CodeParams, querystring: DoneQuery } }, async (request, reply) => {
    const access = await pointForActor(db, actorOf(request), request.params.code);
    const form = formOf(access.point);
    return sendPage(request, reply, <DetailsPage access={access} form={form} lists={await areaLists(db, request.locale, form)} issues={[]} notice={noticeFor(request.locale, request.query.done)} />);
  });

  app.post('/office/points/:code', { schema: { params: CodeParams, body: PointForm }, attachValidation: true }, async (request, reply) => {
    const access = await pointToManage(db, actorOf(request), request.params.code);
    const form = postedForm(request.body);
    const page = async (issues: FieldIssue[], status: number) =>
      sendPage(request, reply, <DetailsPage access={access} form={form} lists={await areaLists(db, request.locale, form)} issues={issues} notice={null} />, status);
    if (form.action === 'refresh') return page([], 200);
    const { details, issues } = await readDetails(db, form, request.validationError ? validationIssues(request.validationError.validation) : []);
    if (!details) return page(issues, 400);
    const changed = await updateDetails(db, actorOf(request), access.point.id, details);
    return redirectTo(request, reply, `/office/points/${access.point.code}`, changed ? 'saved' : 'unchanged');
  });

  app.post('/office/points/:code/status', { schema: { params: CodeParams, body: StatusBody } }, async (request, reply) => {
    const actor = actorOf(request);
    const { point } = await pointToManage(db, actor, request.params.code);
    const changed = await setStatus(db, actor, point.id, request.body.status);
    return redirectTo(request, reply, `/office/points/${point.code}`, !changed ? 'unchanged' : request.body.status === 'closed' ? 'closed' : 'reopened');
  });

  // ─── Area lists for the selects (with JavaScript) ────────────────────────────────────────
  app.get('/office/geography/districts.json', { schema: { querystring: Type.Object({ province: Type.String({ pattern: '^\\d{2}$' }) }) } }, async (request) => ({
    items: await districtOptions(db, request.query.province, request.locale),
  }));
  app.get('/office/geography/subdistricts.json', { schema: { querystring: Type.Object({ district: Type.String({ pattern: '^\\d{4}$' }) }) } }, async (request) => ({
    items: await subdistrictOptions(db, request.query.district, request.locale),
  }));

  // ─── Position ────────────────────────────────────────────────────────────────────────────
  async function districtWarning(point: PointRecord, locale: Locale): Promise<string | null> {
    const check = await checkPinDistrict(point.lat, point.lng, point.districtCode);
    if (check.inside !== false) return null;
    const declared = await districtName(db, point.districtCode);
    const actual = check.actual ? await districtName(db, check.actual) : null;
    const name = (place: { nameTh: string; nameEn: string } | null) => (place ? (locale === 'en' ? place.nameEn : place.nameTh) : '');
    return pinMessages.for(locale).outsideDistrict(name(declared), name(actual));
  }

  async function pinPage(
    request: FastifyRequest,
    reply: FastifyReply,
    access: PointAccess,
    options: { location?: string; issues?: FieldIssue[]; verificationForm?: { verification: string; reason: string }; verificationIssues?: FieldIssue[]; notice?: string | null },
    status = 200,
  ) {
    return sendPage(
      request,
      reply,
      <PinPage
        access={access}
        location={options.location ?? ''}
        issues={options.issues ?? []}
        notice={options.notice ?? null}
        districtWarning={await districtWarning(access.point, request.locale)}
        pinnedBy={await pinnedByName(db, access.point.pinnedBy)}
        lastVerification={await lastVerification(db, access.point.id)}
        verificationForm={options.verificationForm ?? { verification: '', reason: '' }}
        verificationIssues={options.verificationIssues ?? []}
        tiles={{ url: app.config.tileUrl, attribution: app.config.tileAttribution }}
      />,
      status,
    );
  }

  app.get('/office/points/:code/pin', { schema: { params: CodeParams, querystring: DoneQuery } }, async (request, reply) => {
    const access = await pointForActor(db, actorOf(request), request.params.code);
    return pinPage(request, reply, access, { notice: noticeFor(request.locale, request.query.done) });
  });

  app.post('/office/points/:code/pin', { schema: { params: CodeParams, body: PinForm }, attachValidation: true }, async (request, reply) => {
    const actor = actorOf(request);
    const access = await pointToManage(db, actor, request.params.code);
    const body = (request.body ?? {}) as Partial<PinForm>;
    const location = typeof body.location === 'string' ? body.location.slice(0, 2000) : '';
    if (request.validationError) return pinPage(request, reply, access, { location, issues: validationIssues(request.validationError.validation) }, 400);
    const reading = readPinInput(location);
    if (!reading.ok) return pinPage(request, reply, access, { location, issues: pinIssue('location', reading) }, 400);
    const method = reading.source === 'link' ? 'link' : body.method === 'gps' || body.method === 'map' ? body.method : 'typed';
    const accuracy = method === 'gps' && body.accuracy ? Math.round(Number(body.accuracy) * 10) / 10 : null;
    await updatePin(db, actor, access.point.id, { lat: reading.lat, lng: reading.lng, pinMethod: method, pinAccuracyM: accuracy });
    return redirectTo(request, reply, `/office/points/${access.point.code}/pin`, 'pin');
  });

  app.post('/office/points/:code/verification', { schema: { params: CodeParams, body: VerificationBody }, attachValidation: true }, async (request, reply) => {
    const actor = actorOf(request);
    const access = await pointForActor(db, actor, request.params.code);
    if (!access.canVerify) throw new AppError('forbidden');
    const body = (request.body ?? {}) as Partial<{ verification: string; reason: string }>;
    const form = { verification: typeof body.verification === 'string' ? body.verification : '', reason: typeof body.reason === 'string' ? body.reason.slice(0, 500) : '' };
    const issues = request.validationError ? validationIssues(request.validationError.validation) : [];
    if (issues.length === 0 && form.verification === 'flagged' && !form.reason.trim()) issues.push(inputIssue('reason', 'verificationReason'));
    if (issues.length > 0) return pinPage(request, reply, access, { verificationForm: form, verificationIssues: issues }, 400);
    await setVerification(db, actor, access.point.id, form.verification as 'verified' | 'flagged', form.reason.trim());
    return redirectTo(request, reply, `/office/points/${access.point.code}/pin`, 'verification');
  });

  app.get(
    '/office/points/district-check.json',
    {
      schema: {
        querystring: Type.Object({
          lat: Type.Number({ minimum: -90, maximum: 90 }),
          lng: Type.Number({ minimum: -180, maximum: 180 }),
          district: Type.String({ pattern: '^\\d{4}$' }),
        }),
      },
    },
    async (request) => {
      const { lat, lng, district } = request.query;
      const check = await checkPinDistrict(lat, lng, district);
      if (check.inside !== false) return { inside: check.inside, warning: null };
      const declared = await districtName(db, district);
      const actual = check.actual ? await districtName(db, check.actual) : null;
      const name = (place: { nameTh: string; nameEn: string } | null) => (place ? (request.locale === 'en' ? place.nameEn : place.nameTh) : '');
      return { inside: false, warning: pinMessages.for(request.locale).outsideDistrict(name(declared), name(actual)) };
    },
  );

  // ─── Hours ───────────────────────────────────────────────────────────────────────────────
  async function hoursPage(
    request: FastifyRequest,
    reply: FastifyReply,
    access: PointAccess,
    options: { form?: WeeklyHoursForm; issues?: FieldIssue[]; exceptionForm?: ExceptionForm; exceptionIssues?: FieldIssue[]; notice?: string | null },
    status = 200,
  ) {
    const today = bangkokDate();
    return sendPage(
      request,
      reply,
      <HoursPage
        access={access}
        form={options.form ?? weeklyHoursForm(access.point.hours, access.point.closedOnHolidays)}
        issues={options.issues ?? []}
        exceptions={await exceptionsOf(db, access.point.id, today)}
        exceptionForm={options.exceptionForm ?? emptyExceptionForm()}
        exceptionIssues={options.exceptionIssues ?? []}
        notice={options.notice ?? null}
        today={today}
      />,
      status,
    );
  }

  app.get('/office/points/:code/hours', { schema: { params: CodeParams, querystring: DoneQuery } }, async (request, reply) => {
    const access = await pointForActor(db, actorOf(request), request.params.code);
    return hoursPage(request, reply, access, { notice: noticeFor(request.locale, request.query.done) });
  });

  app.post('/office/points/:code/hours', { schema: { params: CodeParams, body: WeeklyHoursBody }, attachValidation: true }, async (request, reply) => {
    const actor = actorOf(request);
    const access = await pointToManage(db, actor, request.params.code);
    const form = applyCopyMonday(readWeeklyHoursForm((request.body ?? {}) as Record<string, unknown>));
    if (request.validationError) return hoursPage(request, reply, access, { form, issues: validationIssues(request.validationError.validation) }, 400);
    const { hours, issues } = validateWeeklyHours(form);
    if (issues.length > 0) return hoursPage(request, reply, access, { form, issues }, 400);
    const changed = await updateHours(db, actor, access.point.id, hours, form.closedOnHolidays);
    return redirectTo(request, reply, `/office/points/${access.point.code}/hours`, changed ? 'hours' : 'unchanged');
  });

  app.post('/office/points/:code/hours/exceptions', { schema: { params: CodeParams, body: ExceptionBody }, attachValidation: true }, async (request, reply) => {
    const actor = actorOf(request);
    const access = await pointToManage(db, actor, request.params.code);
    const exceptionForm = readExceptionForm((request.body ?? {}) as Record<string, unknown>);
    if (request.validationError) return hoursPage(request, reply, access, { exceptionForm, exceptionIssues: validationIssues(request.validationError.validation) }, 400);
    const { intervals, issues } = validateException(exceptionForm, bangkokDate());
    if (issues.length > 0) return hoursPage(request, reply, access, { exceptionForm, exceptionIssues: issues }, 400);
    await setException(db, actor, access.point, { date: exceptionForm.date, intervals, noteTh: exceptionForm.noteTh || null, noteEn: exceptionForm.noteEn || null });
    return redirectTo(request, reply, `/office/points/${access.point.code}/hours`, 'exception');
  });

  app.post(
    '/office/points/:code/hours/exceptions/:date/delete',
    { schema: { params: Type.Object({ code: Type.String({ pattern: CODE_PATTERN }), date: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }) }), body: CsrfOnlyBody } },
    async (request, reply) => {
      const actor = actorOf(request);
      const access = await pointToManage(db, actor, request.params.code);
      if (!(await deleteException(db, actor, access.point, request.params.date))) throw new AppError('not_found');
      return redirectTo(request, reply, `/office/points/${access.point.code}/hours`, 'exceptionDeleted');
    },
  );

  // ─── History and audit ───────────────────────────────────────────────────────────────────
  const Before = Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }));

  app.get('/office/points/:code/history', { schema: { params: CodeParams, querystring: Type.Object({ before: Before }) } }, async (request, reply) => {
    const access = await pointForActor(db, actorOf(request), request.params.code);
    const before = request.query.before ?? null;
    const lines = await pointHistory(db, access.point.id, before);
    return sendPage(request, reply, <HistoryPage access={access} lines={lines} full={lines.length === AUDIT_PAGE} paged={before !== null} />);
  });

  app.get(
    '/office/audit',
    { schema: { querystring: Type.Object({ organisation: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })), before: Before }) } },
    async (request, reply) => {
      const actor = actorOf(request);
      const organisationId = request.query.organisation ?? null;
      if (organisationId !== null) {
        const organisation = await organisationById(db, organisationId);
        if (!organisation || !can(actor, 'read', organisation)) throw new AppError('not_found');
      }
      const before = request.query.before ?? null;
      const lines = await organisationAudit(db, actor, organisationId, before);
      return sendPage(request, reply, <AuditPage lines={lines} full={lines.length === AUDIT_PAGE} paged={before !== null} organisationId={organisationId} />);
    },
  );

  await app.register(photosOfficeRoutes);
};
