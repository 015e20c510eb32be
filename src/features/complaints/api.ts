/**
 * `POST /api/v1/complaints/callback`: the national complaint centre (1111) reports its handling
 * of a complaint we forwarded — a new status and a public answer. The request is signed like our
 * forwarding (HMAC-SHA256 with COMPLAINT_CALLBACK_SECRET over `timestamp + "." + body`); a
 * timestamp more than five minutes off is refused, and so is a signature already used (a replay).
 * The signature is remembered in the transaction of the update, so a failed update can be sent
 * again with the same signature.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { sql } from 'drizzle-orm';
import { rows } from '../../db/client.js';
import { AppError, type FieldIssue } from '../../http/errors.js';
import { ApiErrorResponse } from '../../http/openapi.js';
import { defineMessages } from '../../i18n/index.js';
import { ForwardDocument } from './forward.js';
import { MAX_SKEW_SECONDS, checkSignature, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './signature.js';
import { statusName } from './status.js';
import { TRACKING_PATTERN } from './tracking.js';
import { lockComplaint, recordChange } from './workflow.js';

const messages = defineMessages(
  {
    notConfigured: 'ยังไม่ได้ตั้งค่ารหัสลับสำหรับการแจ้งกลับ (COMPLAINT_CALLBACK_SECRET)',
    missing: 'ไม่มีหัวข้อ X-CitizenInfo-Timestamp หรือ X-CitizenInfo-Signature',
    malformed: 'รูปแบบลายมือชื่อหรือเวลาไม่ถูกต้อง (sha256=<hex> และวินาทีแบบ Unix)',
    stale: `เวลาในคำขอห่างจากเวลาของระบบเกิน ${MAX_SKEW_SECONDS / 60} นาที`,
    mismatch: 'ลายมือชื่อไม่ถูกต้อง',
    replay: 'ลายมือชื่อนี้ถูกใช้ไปแล้ว (ส่งซ้ำ) กรุณาลงลายมือชื่อใหม่พร้อมเวลาใหม่',
    reasonRequired: 'ต้องมี public_answer ที่ระบุเหตุผลเมื่อสถานะเป็น rejected',
  },
  {
    notConfigured: 'Callbacks are not configured (COMPLAINT_CALLBACK_SECRET)',
    missing: 'The X-CitizenInfo-Timestamp or X-CitizenInfo-Signature header is missing',
    malformed: 'The signature or timestamp is malformed (sha256=<hex>, Unix seconds)',
    stale: `The timestamp is more than ${MAX_SKEW_SECONDS / 60} minutes away from our clock`,
    mismatch: 'The signature does not match',
    replay: 'This signature was already used (a replay). Sign again with a new timestamp',
    reasonRequired: 'A public_answer giving the reason is required when the status is rejected',
  },
);

const issue = (field: string, key: keyof typeof messages.th): FieldIssue => ({ field, th: messages.th[key], en: messages.en[key] });

export const CentreCallback = Type.Object(
  {
    tracking_number: Type.String({ pattern: TRACKING_PATTERN, description: 'the id of the forwarded document' }),
    status: Type.Union([Type.Literal('accepted'), Type.Literal('in_progress'), Type.Literal('resolved'), Type.Literal('rejected')], {
      description: 'the public status the complaint now has',
    }),
    public_answer: Type.Optional(Type.String({ minLength: 1, maxLength: 3000, description: 'shown to the complainant on the tracking page and in the e-mail; required with rejected' })),
    external_id: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'the centre’s own reference' })),
  },
  { additionalProperties: false, description: 'A status update from the national complaint centre' },
);

const CallbackAnswer = Type.Object({
  tracking_number: Type.String(),
  status: Type.String(),
  status_name: Type.Object({ th: Type.String(), en: Type.String() }),
  updated: Type.Boolean({ description: 'false when the update changed nothing' }),
});

const SignedHeaders = Type.Object({
  'x-citizeninfo-timestamp': Type.String({ description: 'Unix seconds when signed; refused when more than 5 minutes away from our clock' }),
  'x-citizeninfo-signature': Type.String({ description: 'sha256=<hex HMAC-SHA256 of timestamp + "." + raw body, key COMPLAINT_CALLBACK_SECRET>; each is accepted once' }),
});

const rawBodies = new WeakMap<FastifyRequest, string>();
const REPLAY_MEMORY_MS = 2 * MAX_SKEW_SECONDS * 1000;

export const complaintApi: FastifyPluginAsyncTypebox = async (app) => {
  // The signature covers the bytes as sent: keep them beside the parsed body (this plugin only).
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: 64 * 1024 }, (request, body, done) => {
    rawBodies.set(request, body as string);
    try {
      done(null, JSON.parse(body as string));
    } catch (error) {
      done(new AppError('invalid_input', [], { cause: error }), undefined);
    }
  });

  app.post(
    '/complaints/callback',
    {
      schema: {
        tags: ['complaints'],
        summary: 'Status update from the national complaint centre (1111), signed',
        description:
          'The centre reports the progress of a complaint it received from us. Sign the raw body: X-CitizenInfo-Signature = "sha256=" + hex(HMAC-SHA256(COMPLAINT_CALLBACK_SECRET, X-CitizenInfo-Timestamp + "." + body)). Refused: a missing or wrong signature (401), a timestamp more than 5 minutes off (401), a signature already used (409). The forwarded document we send is described under callbacks.',
        headers: SignedHeaders,
        body: CentreCallback,
        response: { 200: CallbackAnswer, '4xx': ApiErrorResponse, 503: ApiErrorResponse },
        callbacks: {
          complaintForwarded: {
            '{COMPLAINT_FORWARD_URL}': {
              post: {
                requestBody: { description: ForwardDocument.description, required: true, content: { 'application/json': { schema: ForwardDocument } } },
                responses: { '2XX': { description: 'Delivered; an optional JSON {"id": "..."} is kept as the centre’s reference' } },
              },
            },
          },
        },
      },
      preValidation: async (request) => {
        const secret = app.config.complaintCallbackSecret;
        if (!secret) throw new AppError('unavailable', [issue('callback', 'notConfigured')]);
        const checked = checkSignature(secret, { timestamp: request.headers[TIMESTAMP_HEADER], signature: request.headers[SIGNATURE_HEADER] }, rawBodies.get(request) ?? '');
        if (!checked.ok) throw new AppError('unauthorised', [issue(SIGNATURE_HEADER, checked.reason)]);
      },
    },
    async (request) => {
      const { tracking_number: number, status, external_id: externalId } = request.body;
      const answer = request.body.public_answer?.trim() || null;
      const signature = String(request.headers[SIGNATURE_HEADER]);
      return app.db.transaction(async (tx) => {
        const remembered = await rows<{ id: string }>(
          tx,
          sql`insert into used_challenges (id, expires_at) values (${`centre-callback:${signature}`}, ${new Date(Date.now() + REPLAY_MEMORY_MS)})
              on conflict do nothing returning id`,
        );
        if (remembered.length === 0) throw new AppError('conflict', [issue(SIGNATURE_HEADER, 'replay')]);
        const complaint = await lockComplaint(tx, { trackingNumber: number });
        if (!complaint) throw new AppError('not_found');
        if (status === 'rejected' && !answer && !(complaint.status === 'rejected' && complaint.publicAnswer)) {
          throw new AppError('invalid_input', [issue('public_answer', 'reasonRequired')]);
        }
        const updated = status !== complaint.status || (answer !== null && answer !== complaint.publicAnswer);
        if (updated) {
          await recordChange(tx, { piiKey: app.config.piiKey, publicUrl: app.config.publicUrl }, complaint, {
            to: status,
            publicNote: answer,
            internalNote: null,
            source: 'centre',
            actor: null,
            externalId: externalId ?? null,
          });
        }
        return { tracking_number: number, status, status_name: { th: statusName(status, 'th'), en: statusName(status, 'en') }, updated };
      });
    },
  );
};
