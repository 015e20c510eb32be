/**
 * A strict reader of urlencoded form bodies for the rating form. The app-wide parser keeps a
 * value whose escapes are not UTF-8 (`%E0%B8`, raw 0xFF bytes) as literal text; a comment that is
 * published must not become mojibake, so such fields are reported instead of kept.
 */

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
