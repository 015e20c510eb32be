/**
 * Forwarding every new complaint to the national complaint centre (1111) through the outbox.
 * The job POSTs one JSON document (`ForwardDocument`) signed with HMAC-SHA256 (signature.ts) and
 * carrying the complaint's tracking number as `Idempotency-Key`, so a retry after a lost answer
 * is recognised by the centre. The queue retries failures with exponential backoff and jitter;
 * after the last attempt the job is dead and the complaint's `forward_status` says so, apart from
 * its public status, until an admin retries it (`/office/admin/dead-letters`).
 *
 * The document carries what the centre needs to handle the complaint and no more: contact
 * details only when the complainant consented, photos only as a count (they stay with us).
 */
import { Type, type Static } from '@sinclair/typebox';
import { eq, sql } from 'drizzle-orm';
import type { Config } from '../../config.js';
import { rows, type Db } from '../../db/client.js';
import { complaints } from '../../db/schema.js';
import { enqueue, PermanentJobError, type JobHandler } from '../../jobs/queue.js';
import { categoryByCode } from './categories.js';
import { openContact } from './contact.js';
import { SIGNATURE_HEADER, signBody, TIMESTAMP_HEADER } from './signature.js';

export const FORWARD_JOB = 'complaint.forward';
/** Backoff 10 s, 20 s … capped at an hour: 16 attempts span about 7 hours of centre outage. */
export const FORWARD_MAX_ATTEMPTS = 16;
const TIMEOUT_MS = 15_000;

const Localised = (description: string) => Type.Object({ th: Type.String(), en: Type.Union([Type.String(), Type.Null()]) }, { description });

export const ForwardDocument = Type.Object(
  {
    schema: Type.Literal('citizeninfo.complaint/1', { description: 'version of this document' }),
    id: Type.String({ description: 'tracking number, e.g. CI-2569-7K4M-Q2; also sent as the Idempotency-Key header' }),
    url: Type.String({ format: 'uri', description: 'public tracking page (no personal data)' }),
    callback_url: Type.String({ format: 'uri', description: 'where the centre reports progress (POST /api/v1/complaints/callback)' }),
    submitted_at: Type.String({ format: 'date-time' }),
    channel: Type.Union([Type.Literal('web'), Type.Literal('open311')], { description: 'how the complaint came in' }),
    category: Type.Object({ code: Type.String({ description: 'stable category code (Open311 service_code)' }), name: Localised('category name') }),
    description: Type.String({ description: 'what happened, in the complainant’s words (at most 3,000 characters)' }),
    status: Type.String({ description: 'public status when sent: received | accepted | in_progress | resolved | rejected' }),
    organisation: Type.Object(
      {
        code: Type.String(),
        name: Localised('organisation name'),
        province_code: Type.Union([Type.String(), Type.Null()], { description: 'DOPA province code' }),
        district_code: Type.Union([Type.String(), Type.Null()], { description: 'DOPA district code' }),
      },
      { description: 'the organisation responsible for handling it' },
    ),
    service_point: Type.Union(
      [Type.Object({ code: Type.String(), name: Localised('point name'), lat: Type.Number(), lng: Type.Number(), url: Type.String({ format: 'uri' }) }), Type.Null()],
      { description: 'the service point complained about; null when the complaint is about the organisation as a whole' },
    ),
    location: Type.Union(
      [Type.Object({ lat: Type.Union([Type.Number(), Type.Null()]), lng: Type.Union([Type.Number(), Type.Null()]), address: Type.Union([Type.String(), Type.Null()]) }), Type.Null()],
      { description: 'where it happened, when the complainant said' },
    ),
    photo_count: Type.Integer({ minimum: 0, maximum: 3, description: 'photos kept by CitizenInfo with the complaint' }),
    contact: Type.Union(
      [Type.Object({ name: Type.Union([Type.String(), Type.Null()]), phone: Type.Union([Type.String(), Type.Null()]), email: Type.Union([Type.String(), Type.Null()]) }), Type.Null()],
      { description: 'only when the complainant gave contact details and consented to their use for this complaint' },
    ),
  },
  {
    title: 'ComplaintForwardDocument',
    description:
      'POSTed to COMPLAINT_FORWARD_URL for every new complaint. Headers: X-CitizenInfo-Timestamp (Unix seconds), X-CitizenInfo-Signature: sha256=HMAC-SHA256(COMPLAINT_FORWARD_SECRET, timestamp + "." + body) in hex, Idempotency-Key (the tracking number). Any 2xx means delivered; a JSON answer {"id": "..."} is kept as the centre’s reference. 408, 425, 429 and 5xx are retried with backoff; other answers stop the delivery until an admin retries it.',
  },
);
export type ForwardDocument = Static<typeof ForwardDocument>;

export async function enqueueForward(db: Db, complaint: { id: number; trackingNumber: string }): Promise<void> {
  await enqueue(db, { kind: FORWARD_JOB, payload: { complaintId: complaint.id }, key: `complaint-forward:${complaint.trackingNumber}`, maxAttempts: FORWARD_MAX_ATTEMPTS });
}

interface ForwardRow {
  id: number;
  trackingNumber: string;
  createdAt: Date;
  channel: 'web' | 'open311';
  category: string;
  description: string;
  status: string;
  lat: number | null;
  lng: number | null;
  addressText: string | null;
  contactSealed: string | null;
  consentAt: Date | null;
  forwardStatus: string;
  organisationCode: string;
  organisationNameTh: string;
  organisationNameEn: string | null;
  provinceCode: string | null;
  districtCode: string | null;
  pointCode: string | null;
  pointNameTh: string | null;
  pointNameEn: string | null;
  pointLat: number | null;
  pointLng: number | null;
  photoCount: number;
}

async function forwardRow(db: Db, complaintId: number): Promise<ForwardRow | null> {
  const [row] = await rows<ForwardRow>(
    db,
    sql`select c.id, c.tracking_number as "trackingNumber", c.created_at as "createdAt", c.channel, c.category, c.description, c.status,
          c.lat, c.lng, c.address_text as "addressText", c.contact_sealed as "contactSealed", c.consent_at as "consentAt",
          c.forward_status as "forwardStatus",
          o.code as "organisationCode", o.name_th as "organisationNameTh", o.name_en as "organisationNameEn",
          o.province_code as "provinceCode", o.district_code as "districtCode",
          p.code as "pointCode", p.name_th as "pointNameTh", p.name_en as "pointNameEn", p.lat as "pointLat", p.lng as "pointLng",
          (select count(*)::int from complaint_photos ph where ph.complaint_id = c.id) as "photoCount"
        from complaints c
        join organisations o on o.id = c.organisation_id
        left join service_points p on p.id = c.point_id
        where c.id = ${complaintId}`,
  );
  return row ?? null;
}

export function forwardDocument(row: ForwardRow, config: Pick<Config, 'publicUrl' | 'piiKey'>): ForwardDocument {
  const category = categoryByCode(row.category);
  const contact = row.contactSealed && row.consentAt ? openContact(config.piiKey, row.contactSealed) : null;
  const hasLocation = row.lat !== null || row.addressText !== null;
  return {
    schema: 'citizeninfo.complaint/1',
    id: row.trackingNumber,
    url: `${config.publicUrl}/track/${row.trackingNumber}`,
    callback_url: `${config.publicUrl}/api/v1/complaints/callback`,
    submitted_at: new Date(row.createdAt).toISOString(),
    channel: row.channel,
    category: { code: row.category, name: { th: category?.nameTh ?? row.category, en: category?.nameEn ?? null } },
    description: row.description,
    status: row.status,
    organisation: {
      code: row.organisationCode,
      name: { th: row.organisationNameTh, en: row.organisationNameEn },
      province_code: row.provinceCode,
      district_code: row.districtCode,
    },
    service_point:
      row.pointCode && row.pointNameTh && row.pointLat !== null && row.pointLng !== null
        ? { code: row.pointCode, name: { th: row.pointNameTh, en: row.pointNameEn }, lat: row.pointLat, lng: row.pointLng, url: `${config.publicUrl}/p/${row.pointCode}` }
        : null,
    location: hasLocation ? { lat: row.lat, lng: row.lng, address: row.addressText } : null,
    photo_count: row.photoCount,
    contact: contact ? { name: contact.name, phone: contact.phone, email: contact.email } : null,
  };
}

/** Answers worth trying again: the centre is down, overloaded or asks us to slow down. */
const retryable = (status: number): boolean => status >= 500 || status === 408 || status === 425 || status === 429;

export function forwardHandler(db: Db, config: Config): JobHandler {
  const setStatus = (id: number, status: 'delivered' | 'dead' | 'not_configured', externalId: string | null = null) =>
    db
      .update(complaints)
      .set({
        forwardStatus: status,
        ...(status === 'delivered' ? { forwardedAt: new Date() } : {}),
        ...(externalId ? { externalId } : {}),
      })
      .where(eq(complaints.id, id));

  return async (job) => {
    const { complaintId } = job.payload as { complaintId: number };
    const row = await forwardRow(db, complaintId);
    if (!row) throw new PermanentJobError(`complaint ${complaintId} not found`);
    if (row.forwardStatus === 'delivered') return;
    const url = config.complaintForwardUrl;
    const secret = config.complaintForwardSecret;
    // Nothing to deliver to: recorded as such, and not an error to retry.
    if (!url || !secret) {
      await setStatus(row.id, 'not_configured');
      return;
    }
    const outcome = await deliver(url, secret, row.trackingNumber, JSON.stringify(forwardDocument(row, config)));
    if (outcome.ok) {
      await setStatus(row.id, 'delivered', outcome.externalId);
      return;
    }
    if (!outcome.retry || job.attempts >= job.maxAttempts) await setStatus(row.id, 'dead');
    throw outcome.retry ? new Error(outcome.problem) : new PermanentJobError(outcome.problem);
  };
}

type Delivery = { ok: true; externalId: string | null } | { ok: false; retry: boolean; problem: string };

async function deliver(url: string, secret: string, idempotencyKey: string, body: string): Promise<Delivery> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'idempotency-key': idempotencyKey,
        [TIMESTAMP_HEADER]: timestamp,
        [SIGNATURE_HEADER]: signBody(secret, timestamp, body),
        'user-agent': 'CitizenInfo complaint forwarding',
      },
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    // Refused, unreachable, timed out: the kind of failure only, never the request.
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { ok: false, retry: true, problem: `delivery failed: ${(error as Error).name}${cause ? ` (${cause})` : ''}` };
  }
  const answer = await response.text().catch(() => '');
  if (response.ok) return { ok: true, externalId: externalIdFrom(answer) };
  // Only the status goes into the job's error: the answer might echo the complaint back.
  return { ok: false, retry: retryable(response.status), problem: `the centre answered HTTP ${response.status}` };
}

function externalIdFrom(answer: string): string | null {
  try {
    const value = (JSON.parse(answer) as { id?: unknown }).id;
    return typeof value === 'string' || typeof value === 'number' ? String(value).slice(0, 100) : null;
  } catch {
    return null;
  }
}
