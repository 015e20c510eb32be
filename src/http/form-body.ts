/**
 * The one reader of urlencoded form bodies, for every form of the app. A general-purpose parser
 * keeps a value whose escapes are not UTF-8 (`%E0%B8`, raw 0xFF bytes) as literal text, which a
 * form would then save as mojibake; here such a body is refused with the fields named.
 */
import type { FastifyInstance } from 'fastify';
import { AppError } from './errors.js';

export interface FormBody {
  /** each field's text; a field sent more than once becomes an array (which the schema refuses) */
  fields: Record<string, string | string[]>;
  /** fields whose value was not valid UTF-8 or had a broken %-escape */
  malformed: string[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const PLUS = 0x2b;
const PERCENT = 0x25;

function hexValue(byte: number | undefined): number {
  if (byte === undefined) return -1;
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  const lower = byte | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}

/** One name or value: `+` is a space, `%XX` a byte; null when the result is not UTF-8. */
function decode(part: Buffer): string | null {
  const bytes = Buffer.alloc(part.length);
  let length = 0;
  for (let i = 0; i < part.length; i++) {
    const byte = part[i]!;
    if (byte === PLUS) {
      bytes[length++] = 0x20;
    } else if (byte === PERCENT) {
      const high = hexValue(part[i + 1]);
      const low = hexValue(part[i + 2]);
      if (high < 0 || low < 0) return null;
      bytes[length++] = high * 16 + low;
      i += 2;
    } else {
      bytes[length++] = byte;
    }
  }
  try {
    return utf8.decode(bytes.subarray(0, length));
  } catch {
    return null;
  }
}

export function parseFormBody(body: Buffer): FormBody {
  const fields: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  const malformed: string[] = [];
  let start = 0;
  while (start <= body.length) {
    let end = body.indexOf(0x26, start);
    if (end < 0) end = body.length;
    const pair = body.subarray(start, end);
    start = end + 1;
    if (pair.length === 0) continue;
    const equals = pair.indexOf(0x3d);
    const name = decode(equals < 0 ? pair : pair.subarray(0, equals));
    if (name === null) {
      malformed.push('');
      continue;
    }
    const value = equals < 0 ? '' : decode(pair.subarray(equals + 1));
    if (value === null) {
      if (!malformed.includes(name)) malformed.push(name);
      continue;
    }
    const known = fields[name];
    fields[name] = known === undefined ? value : [...[known].flat(), value];
  }
  return { fields, malformed };
}

const MALFORMED = {
  th: 'ข้อความที่ส่งมาเข้ารหัสไม่ถูกต้อง (ไม่ใช่ UTF-8) กรุณาพิมพ์ใหม่',
  en: 'The text sent is not valid UTF-8. Please type it again',
};

/** Parses `application/x-www-form-urlencoded` for the whole app; malformed text is a 400 naming its fields. */
export function registerFormBody(app: FastifyInstance): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'buffer' }, (_request, body, done) => {
    const parsed = parseFormBody(body as Buffer);
    if (parsed.malformed.length > 0) {
      done(new AppError('invalid_input', parsed.malformed.map((field) => ({ field: field || 'form', ...MALFORMED }))), undefined);
      return;
    }
    done(null, parsed.fields);
  });
}
