/**
 * Application errors carry a stable string code. This is the one place that maps codes to HTTP
 * status and to the Thai/English message; each scope decides how to render it (page or JSON).
 */
import type { FastifyError } from 'fastify';
import { defineMessages } from '../i18n/index.js';
import { validationIssues } from './forms.js';

export const errorMessages = defineMessages(
  {
    not_found: 'ไม่พบหน้าหรือข้อมูลที่ต้องการ',
    invalid_input: 'ข้อมูลที่ส่งมาไม่ถูกต้อง',
    unauthorised: 'กรุณาเข้าสู่ระบบก่อน',
    forbidden: 'คุณไม่มีสิทธิ์ทำรายการนี้',
    csrf: 'แบบฟอร์มหมดอายุหรือไม่ถูกต้อง กรุณาโหลดหน้าใหม่แล้วลองอีกครั้ง',
    conflict: 'ข้อมูลนี้ถูกเปลี่ยนแปลงหรือมีอยู่แล้ว',
    payload_too_large: 'ข้อมูลหรือไฟล์ที่ส่งมีขนาดใหญ่เกินกำหนด',
    unsupported_media_type: 'ไม่รองรับรูปแบบข้อมูลหรือไฟล์นี้',
    rate_limited: 'มีการส่งคำขอถี่เกินไป กรุณารอสักครู่แล้วลองใหม่',
    method_not_allowed: 'ไม่รองรับวิธีการเรียกนี้',
    unavailable: 'ระบบไม่พร้อมให้บริการชั่วคราว กรุณาลองใหม่ภายหลัง',
    internal: 'ระบบขัดข้อง ขออภัยในความไม่สะดวก เจ้าหน้าที่ได้รับแจ้งแล้ว',
  },
  {
    not_found: 'The page or record you asked for was not found',
    invalid_input: 'The data sent is not valid',
    unauthorised: 'Please sign in first',
    forbidden: 'You are not allowed to do this',
    csrf: 'The form has expired or is not valid. Reload the page and try again',
    conflict: 'This record was changed or already exists',
    payload_too_large: 'The data or file sent is too large',
    unsupported_media_type: 'This data or file format is not supported',
    rate_limited: 'Too many requests. Please wait a moment and try again',
    method_not_allowed: 'This method is not supported here',
    unavailable: 'The service is temporarily unavailable. Please try again later',
    internal: 'Something went wrong on our side. We are sorry; the team has been notified',
  },
);

export type ErrorCode = keyof typeof errorMessages.th;

const STATUS: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthorised: 401,
  forbidden: 403,
  csrf: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
};

/** A problem with one field, in both languages, for forms and API clients. */
export interface FieldIssue {
  field: string;
  th: string;
  en: string;
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly issues: FieldIssue[] = [],
    options?: { cause?: unknown },
  ) {
    super(errorMessages.en[code], options);
    this.status = STATUS[code];
  }
}

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_REQ_FILE_TOO_LARGE: 'payload_too_large',
  FST_FILES_LIMIT: 'payload_too_large',
  FST_PARTS_LIMIT: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid_input',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_input',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_input',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'unsupported_media_type',
  FST_CSRF_INVALID_TOKEN: 'csrf',
  FST_CSRF_MISSING_SECRET: 'csrf',
  FST_ERR_BAD_URL: 'invalid_input',
  FST_ERR_ASYNC_CONSTRAINT: 'invalid_input',
};

/** Any thrown value → an AppError; unknown failures become `internal` (and are logged). */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const fastifyError = error as Partial<FastifyError> & { validation?: unknown[] };
  if (fastifyError.validation) {
    return new AppError('invalid_input', validationIssues((fastifyError as FastifyError).validation ?? []), { cause: error });
  }
  const mapped = fastifyError.code ? FASTIFY_CODES[fastifyError.code] : undefined;
  if (mapped) return new AppError(mapped, [], { cause: error });
  const status = fastifyError.statusCode;
  if (status === 429) return new AppError('rate_limited', [], { cause: error });
  if (status === 413) return new AppError('payload_too_large', [], { cause: error });
  if (status === 415) return new AppError('unsupported_media_type', [], { cause: error });
  if (status === 404) return new AppError('not_found', [], { cause: error });
  if (status !== undefined && status >= 400 && status < 500) return new AppError('invalid_input', [], { cause: error });
  return new AppError('internal', [], { cause: error });
}
