/**
 * Open311 GeoReport v2 at `/open311/v2/` (http://wiki.open311.org/GeoReport_v2), in JSON and XML:
 * discovery, services (one per complaint category), service definitions, service requests (POST
 * with an API key, GET lists with filters and paging, GET one). A request posted here is a
 * complaint like any other: channel `open311`, forwarded to the national centre, handled in the
 * office inbox, tracked at `/track/{service_request_id}`.
 *
 * Where a request goes (our extension of the specification, also in the service definitions):
 * 1. `attribute[point]` — the code of a service point: that point;
 * 2. otherwise `jurisdiction_id` holding an organisation's code: that organisation as a whole;
 * 3. otherwise `lat`/`long`: the organisation of the nearest open service point within 30 km, as
 *    a complaint about the organisation (the client did not say which point it was about);
 * 4. `address_string` alone cannot be routed and is refused with 400.
 * With `attribute[point]` the location may be left out: the point says where it is.
 *
 * Privacy: GET answers never carry the complainant's contact details; the description, the exact
 * position and the address text are shown only to the API key that sent the request (others get
 * the service point's position, or the given one rounded to about 100 m). Contact details sent by
 * a client are taken as consented: API keys are issued on that condition. `device_id` is not
 * kept; `media_url` is kept as an internal note for the officers.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { AppError, type FieldIssue } from '../../http/errors.js';
import { sendOpen311, type Open311Format } from '../../http/scopes/open311.js';
import { COMPLAINT_CATEGORIES, categoryByCode } from '../complaints/categories.js';
import { checkContent, EMAIL_PATTERN, PHONE_PATTERN, type FieldNames } from '../complaints/input.js';
import { createComplaint, nearestPoint, targetOrganisationByCode, targetPoint } from '../complaints/store.js';
import { isClosed } from '../complaints/status.js';
import { TRACKING_PATTERN } from '../complaints/tracking.js';
import { activeApiKey, type ApiKeyRecord } from './api-keys.js';
import { open311Messages } from './messages.js';
import { serviceRequests, type RequestRow } from './queries.js';

/** When this API last changed in a way clients should know. */
const CHANGESET = '2026-11-22T00:00:00+07:00';
const NEAREST_POINT_METRES = 30_000;
const MAX_IDS = 50;
const DEFAULT_DAYS = 90;
const POINT_CODE = '^[2-9A-HJ-KM-NP-Z]{6}$';

const FORMATS: Open311Format[] = ['json', 'xml'];
const TAGS = ['open311'];

const issue = (field: string, key: keyof typeof open311Messages.th): FieldIssue => ({ field, th: open311Messages.th[key], en: open311Messages.en[key] });

/** ISO 8601 in Bangkok time with its offset: 2026-11-22T09:05:00+07:00. */
export function isoBangkok(date: Date): string {
  return `${new Date(date.getTime() + 7 * 3_600_000).toISOString().slice(0, 19)}+07:00`;
}

const FIELDS: FieldNames = { category: 'service_code', description: 'description', lat: 'lat', lng: 'long', contact: 'email', consent: 'email' };

// ─── Schemas (the JSON form of each answer; the XML mirrors it) ─────────────────────────────

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

const DiscoverySchema = Type.Object({
  changeset: Type.String({ format: 'date-time' }),
  contact: Type.String(),
  key_service: Type.String({ description: 'where API keys are issued' }),
  endpoints: Type.Array(
    Type.Object({ specification: Type.String(), url: Type.String(), changeset: Type.String(), type: Type.String(), formats: Type.Array(Type.String()) }),
  ),
});

const ServiceSchema = Type.Object({
  service_code: Type.String(),
  service_name: Type.String(),
  description: Type.String(),
  metadata: Type.Boolean({ description: 'true: the service definition lists attributes' }),
  type: Type.Literal('realtime'),
  keywords: Type.String(),
  group: Type.String(),
});

const AttributeSchema = Type.Object({
  variable: Type.Boolean(),
  code: Type.String(),
  datatype: Type.String(),
  required: Type.Boolean(),
  datatype_description: Type.String(),
  order: Type.Integer(),
  description: Type.String(),
});

const ServiceRequestSchema = Type.Object({
  service_request_id: Type.String({ description: 'the tracking number' }),
  status: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
  status_notes: Nullable(Type.String({ description: 'the public answer of the office' })),
  service_name: Type.String(),
  service_code: Type.String(),
  description: Nullable(Type.String({ description: 'only for the API key that sent the request' })),
  agency_responsible: Type.String(),
  service_notice: Nullable(Type.String()),
  requested_datetime: Type.String({ format: 'date-time' }),
  updated_datetime: Type.String({ format: 'date-time' }),
  expected_datetime: Nullable(Type.String()),
  address: Nullable(Type.String()),
  address_id: Nullable(Type.String()),
  zipcode: Nullable(Type.String()),
  lat: Nullable(Type.Number()),
  long: Nullable(Type.Number()),
  media_url: Nullable(Type.String()),
});

/** The XML form of an answer: the same fields, as GeoReport v2 elements. */
const xmlAnswer = (root: string, status = 200) => ({
  [status]: { description: `XML document with root element <${root}>`, content: { 'text/xml': { schema: Type.String() } } },
  '4xx': { description: 'GeoReport errors: <errors><error><code/><description/></error></errors>', content: { 'text/xml': { schema: Type.String() } } },
});

const ErrorList = Type.Array(Type.Object({ code: Type.Integer(), description: Type.String() }), { description: 'GeoReport errors: the HTTP status and what is wrong (English — Thai)' });

const Locale = Type.Optional(Type.Union([Type.Literal('th'), Type.Literal('en')], { description: 'language of names (default th)' }));
const Jurisdiction = Type.Optional(Type.String({ maxLength: 100, description: 'optional: this system’s domain, or an organisation code to target or filter by' }));

/** GeoReport v2 POST parameters (form-encoded), plus our `attribute[point]`. */
export const Open311RequestBody = Type.Object({
  api_key: Type.Optional(Type.String({ maxLength: 200, description: 'required: issued by an administrator at /office/admin/api-keys' })),
  jurisdiction_id: Jurisdiction,
  service_code: Type.String({ maxLength: 40, description: 'one of services.json' }),
  lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90, description: 'WGS84 latitude; with long, or address_string' })),
  long: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
  address_string: Type.Optional(Type.String({ maxLength: 300 })),
  address_id: Type.Optional(Type.String({ maxLength: 100, description: 'accepted and not used' })),
  email: Type.Optional(Type.String({ maxLength: 254, pattern: EMAIL_PATTERN })),
  device_id: Type.Optional(Type.String({ maxLength: 100, description: 'accepted and not kept' })),
  account_id: Type.Optional(Type.String({ maxLength: 100, description: 'accepted and not used' })),
  first_name: Type.Optional(Type.String({ maxLength: 50 })),
  last_name: Type.Optional(Type.String({ maxLength: 50 })),
  phone: Type.Optional(Type.String({ maxLength: 30, pattern: PHONE_PATTERN })),
  description: Type.Optional(Type.String({ maxLength: 6000, description: 'what happened, at most 3,000 characters; required here (a complaint without words cannot be handled)' })),
  media_url: Type.Optional(Type.String({ maxLength: 2000, pattern: '^https?://\\S+$' })),
  'attribute[point]': Type.Optional(Type.String({ pattern: POINT_CODE, description: 'extension: the service point the request is about' })),
});

const RequestsQuery = Type.Object({
  api_key: Type.Optional(Type.String({ maxLength: 200, description: 'optional: shows description and exact location of the requests this key sent' })),
  jurisdiction_id: Jurisdiction,
  service_request_id: Type.Optional(Type.String({ maxLength: 1000, description: 'comma-separated tracking numbers; other filters are then ignored' })),
  service_code: Type.Optional(Type.String({ maxLength: 500, description: 'comma-separated' })),
  start_date: Type.Optional(Type.String({ maxLength: 40, description: 'ISO 8601; default 90 days ago' })),
  end_date: Type.Optional(Type.String({ maxLength: 40, description: 'ISO 8601' })),
  status: Type.Optional(Type.String({ maxLength: 20, description: 'open, closed or open,closed' })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 1 })),
  page_size: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
});

// ─── Answers ────────────────────────────────────────────────────────────────────────────────

function services(locale: 'th' | 'en') {
  const m = open311Messages.for(locale);
  return COMPLAINT_CATEGORIES.map((category) => ({
    service_code: category.code,
    service_name: locale === 'th' ? category.nameTh : category.nameEn,
    description: locale === 'th' ? category.hintTh : category.hintEn,
    metadata: true,
    type: 'realtime' as const,
    keywords: '',
    group: m.group,
  }));
}

function serviceDefinition(code: string, locale: 'th' | 'en') {
  const m = open311Messages.for(locale);
  return {
    service_code: code,
    attributes: [{ variable: true, code: 'point', datatype: 'string', required: false, datatype_description: m.pointDatatype, order: 1, description: m.pointAttribute }],
  };
}

const roughly = (value: number | null): number | null => (value === null ? null : Math.round(value * 1000) / 1000);

function serviceRequest(row: RequestRow, key: ApiKeyRecord | null) {
  const own = key !== null && row.apiKeyId === key.id && row.anonymisedAt === null;
  const category = categoryByCode(row.category);
  const lat = own && row.lat !== null ? row.lat : row.pointLat ?? roughly(row.lat);
  const lng = own && row.lng !== null ? row.lng : row.pointLng ?? roughly(row.lng);
  return {
    service_request_id: row.trackingNumber,
    status: isClosed(row.status) ? ('closed' as const) : ('open' as const),
    status_notes: row.publicAnswer,
    service_name: category?.nameTh ?? row.category,
    service_code: row.category,
    description: own ? row.description : null,
    agency_responsible: row.organisationNameTh,
    service_notice: null,
    requested_datetime: isoBangkok(row.createdAt),
    updated_datetime: isoBangkok(row.updatedAt),
    expected_datetime: null,
    address: own && row.addressText ? row.addressText : row.pointAddressTh,
    address_id: null,
    zipcode: row.pointPostalCode,
    lat,
    long: lng,
    media_url: null,
  };
}

function parseDate(value: string | undefined, field: string): Date | undefined {
  if (value === undefined || value === '') return undefined;
  // ISO 8601 date or date-time; a time without a zone is read as Bangkok time.
  const match = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(value);
  if (!match) throw new AppError('invalid_input', [issue(field, 'date')]);
  const withZone = match[1] ? (match[4] ? value : `${value}+07:00`) : `${value}T00:00:00+07:00`;
  const date = new Date(withZone);
  if (Number.isNaN(date.getTime())) throw new AppError('invalid_input', [issue(field, 'date')]);
  return date;
}

function list(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  return items.length ? [...new Set(items)] : undefined;
}

export const open311Routes: FastifyPluginAsyncTypebox = async (app) => {
  const ownJurisdiction = new URL(app.config.publicUrl).hostname;

  /** An organisation code, our own id, or nothing; anything else is refused. */
  async function jurisdiction(value: string | undefined): Promise<{ id: number } | null> {
    if (!value || value === ownJurisdiction) return null;
    const organisation = await targetOrganisationByCode(app.db, value);
    if (!organisation) throw new AppError('invalid_input', [issue('jurisdiction_id', 'jurisdiction')]);
    return organisation;
  }

  async function keyOrNull(value: string | undefined): Promise<ApiKeyRecord | null> {
    if (value === undefined) return null;
    const key = await activeApiKey(app.db, value);
    if (!key) throw new AppError('forbidden', [issue('api_key', 'apiKey')]);
    return key;
  }

  for (const format of FORMATS) {
    const suffix = `.${format}`;
    const doc = (summary: string, description?: string) => ({ tags: TAGS, summary: `${summary} (${format.toUpperCase()})`, ...(description ? { description } : {})});

    app.get(`/discovery${suffix}`, { schema: { ...doc('Discovery: where and how this GeoReport v2 endpoint works'), querystring: Type.Object({ jurisdiction_id: Jurisdiction }), response: format === 'json' ? { 200: DiscoverySchema } : xmlAnswer('discovery') } }, async (_request, reply) => {
      const base = `${app.config.publicUrl}/open311/v2`;
      return sendOpen311(reply, format, 'discovery', {
        changeset: CHANGESET,
        contact: `${app.config.publicUrl}/open-data`,
        key_service: `${app.config.publicUrl}/office/admin/api-keys`,
        endpoints: [{ specification: 'http://wiki.open311.org/GeoReport_v2', url: base, changeset: CHANGESET, type: 'production', formats: ['text/xml', 'application/json'] }],
      });
    });

    app.get(
      `/services${suffix}`,
      { schema: { ...doc('Services: one per complaint category'), querystring: Type.Object({ jurisdiction_id: Jurisdiction, locale: Locale }), response: format === 'json' ? { 200: Type.Array(ServiceSchema), '4xx': ErrorList } : xmlAnswer('services') } },
      async (request, reply) => {
        await jurisdiction(request.query.jurisdiction_id);
        return sendOpen311(reply, format, 'services', services(request.query.locale ?? 'th'));
      },
    );

    app.get(
      `/services/:service_code${suffix}`,
      {
        schema: {
          ...doc('Service definition: the attributes a request may carry', 'Every service takes the optional attribute `point` (attribute[point]): the code of the service point the request is about.'),
          params: Type.Object({ service_code: Type.String({ maxLength: 40 }) }),
          querystring: Type.Object({ jurisdiction_id: Jurisdiction, locale: Locale }),
          response: format === 'json' ? { 200: Type.Object({ service_code: Type.String(), attributes: Type.Array(AttributeSchema) }), '4xx': ErrorList } : xmlAnswer('service_definition'),
        },
      },
      async (request, reply) => {
        await jurisdiction(request.query.jurisdiction_id);
        if (!categoryByCode(request.params.service_code)) throw new AppError('not_found', [issue('service_code', 'serviceCode')]);
        return sendOpen311(reply, format, 'service_definition', serviceDefinition(request.params.service_code, request.query.locale ?? 'th'));
      },
    );

    app.post(
      `/requests${suffix}`,
      {
        config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
        schema: {
          ...doc(
            'Create a service request (a complaint)',
            'Form-encoded GeoReport v2 parameters. Routing: attribute[point] (a service point code), else jurisdiction_id as an organisation code, else the organisation of the nearest service point within 30 km of lat/long; address_string alone is refused. The answer’s service_request_id is the tracking number (see /track/{id}). The complaint is forwarded to the national complaint centre like every other.',
          ),
          consumes: ['application/x-www-form-urlencoded', 'application/json'],
          body: Open311RequestBody,
          response: format === 'json' ? { 201: Type.Array(Type.Object({ service_request_id: Type.String(), service_notice: Type.String(), account_id: Type.Null() })), '4xx': ErrorList } : xmlAnswer('service_requests', 201),
        },
      },
      async (request, reply) => createRequest(request.body, reply, format),
    );

    app.get(
      `/requests${suffix}`,
      {
        schema: {
          ...doc('Service requests, newest first', 'Without service_request_id or start_date, the last 90 days. Paged with page and page_size (at most 200).'),
          querystring: RequestsQuery,
          response: format === 'json' ? { 200: Type.Array(ServiceRequestSchema), '4xx': ErrorList } : xmlAnswer('service_requests'),
        },
      },
      async (request, reply) => {
        const { query } = request;
        const key = await keyOrNull(query.api_key);
        const organisation = await jurisdiction(query.jurisdiction_id);
        const ids = list(query.service_request_id);
        if (ids && (ids.length > MAX_IDS || ids.some((id) => !new RegExp(TRACKING_PATTERN).test(id)))) throw new AppError('invalid_input', [issue('service_request_id', 'requestId')]);
        const codes = list(query.service_code);
        if (codes && codes.some((code) => !categoryByCode(code))) throw new AppError('invalid_input', [issue('service_code', 'serviceCode')]);
        const states = list(query.status);
        if (states && states.some((state) => state !== 'open' && state !== 'closed')) throw new AppError('invalid_input', [issue('status', 'status')]);
        let start = parseDate(query.start_date, 'start_date');
        const end = parseDate(query.end_date, 'end_date');
        if (start && end && start > end) throw new AppError('invalid_input', [issue('start_date', 'dateOrder')]);
        if (!ids && !start) start = new Date((end ?? new Date()).getTime() - DEFAULT_DAYS * 86_400_000);
        const found = await serviceRequests(app.db, {
          ids,
          serviceCodes: ids ? undefined : codes,
          start: ids ? undefined : start,
          end: ids ? undefined : end,
          state: ids || !states || states.length === 2 ? undefined : (states[0] as 'open' | 'closed'),
          organisationId: organisation?.id,
          page: query.page ?? 1,
          pageSize: query.page_size ?? 50,
        });
        return sendOpen311(reply, format, 'service_requests', found.map((row) => serviceRequest(row, key)));
      },
    );

    app.get(
      `/requests/:service_request_id${suffix}`,
      {
        schema: {
          ...doc('One service request'),
          params: Type.Object({ service_request_id: Type.String({ pattern: TRACKING_PATTERN }) }),
          querystring: Type.Object({ api_key: Type.Optional(Type.String({ maxLength: 200 })), jurisdiction_id: Jurisdiction }),
          response: format === 'json' ? { 200: Type.Array(ServiceRequestSchema), '4xx': ErrorList } : xmlAnswer('service_requests'),
        },
      },
      async (request, reply) => {
        const key = await keyOrNull(request.query.api_key);
        await jurisdiction(request.query.jurisdiction_id);
        const [row] = await serviceRequests(app.db, { ids: [request.params.service_request_id], page: 1, pageSize: 1 });
        if (!row) throw new AppError('not_found');
        return sendOpen311(reply, format, 'service_requests', [serviceRequest(row, key)]);
      },
    );
  }

  async function createRequest(body: Static<typeof Open311RequestBody>, reply: FastifyReply, format: Open311Format) {
    const key = await activeApiKey(app.db, body.api_key);
    if (!key) throw new AppError('forbidden', [issue('api_key', 'apiKey')]);

    const issues: FieldIssue[] = [];
    if (!categoryByCode(body.service_code)) issues.push(issue('service_code', 'serviceCode'));
    const hasLat = body.lat !== undefined;
    const hasLong = body.long !== undefined;
    if (hasLat !== hasLong) issues.push(issue(hasLat ? 'long' : 'lat', 'pair'));
    // A named service point says where it is; otherwise GeoReport's rule: lat/long or an address.
    if (!hasLat && !hasLong && !body.address_string?.trim() && !body['attribute[point]']) issues.push(issue('lat', 'location'));
    const name = [body.first_name, body.last_name].map((part) => part?.trim()).filter(Boolean).join(' ');
    const contact = { name: name || undefined, phone: body.phone, email: body.email };
    const { issues: contentIssues, content } = checkContent(
      {
        category: body.service_code,
        description: body.description,
        address: body.address_string,
        lat: body.lat,
        lng: body.long,
        ...contact,
        consent: Boolean(contact.name || contact.phone?.trim() || contact.email?.trim()),
      },
      FIELDS,
    );
    for (const found of contentIssues) if (!issues.some((known) => known.field === found.field)) issues.push(found);
    if (issues.length > 0 || !content) throw new AppError('invalid_input', issues);

    // Where it goes: the point named, the organisation named, or the nearest point's organisation.
    const named = await jurisdiction(body.jurisdiction_id);
    let pointId: number | null = null;
    let organisationId: number;
    if (body['attribute[point]']) {
      const point = await targetPoint(app.db, body['attribute[point]']);
      if (!point) throw new AppError('invalid_input', [issue('attribute[point]', 'unknownPoint')]);
      pointId = point.id;
      organisationId = point.organisationId;
    } else if (named) {
      organisationId = named.id;
    } else if (content.lat !== null && content.lng !== null) {
      const nearest = await nearestPoint(app.db, content.lat, content.lng, NEAREST_POINT_METRES);
      if (!nearest) throw new AppError('invalid_input', [issue('lat', 'noPointNear')]);
      organisationId = nearest.organisationId;
    } else {
      throw new AppError('invalid_input', [issue('address_string', 'unroutable')]);
    }

    const created = await createComplaint(
      app.db,
      { piiKey: app.config.piiKey, retentionDays: app.config.complaintRetentionDays },
      {
        pointId,
        organisationId,
        content,
        locale: 'th',
        channel: 'open311',
        apiKeyId: key.id,
        photos: [],
        internalNote: body.media_url ? `media_url: ${body.media_url}` : null,
      },
    );
    const notice = `${open311Messages.th.notice} · ${open311Messages.en.notice}: ${app.config.publicUrl}/track/${created.trackingNumber}`;
    return sendOpen311(reply, format, 'service_requests', [{ service_request_id: created.trackingNumber, service_notice: notice, account_id: null }], 201);
  }
};

