/**
 * A real SMTP server in the test process, on the port the server under test sends e-mail to
 * (global-setup.ts): what the app's outbox delivers arrives here, decoded to subject and text.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { SMTPServer } from 'smtp-server';
import { inject } from 'vitest';

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
}

/** `=?UTF-8?B?…?=` and `=?UTF-8?Q?…?=` encoded words, as nodemailer writes non-ASCII headers. */
function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=/gi, (_all, kind: string, data: string) =>
      kind.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : decodeQuotedPrintable(data.replace(/_/g, ' ')),
    );
}

function decodeQuotedPrintable(value: string): string {
  const bytes: number[] = [];
  const text = value.replace(/=\r?\n/g, '');
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '=' && /^[0-9A-F]{2}$/i.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(text[i]!, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** A single-part text message (all the app sends): headers, then the body in its transfer encoding. */
function parseMail(raw: string, to: string[]): ReceivedMail {
  const split = raw.search(/\r?\n\r?\n/);
  const head = raw.slice(0, split).replace(/\r?\n[ \t]+/g, ' ');
  const body = raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1]?.trim() ?? '';
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  const text = encoding === 'base64' ? Buffer.from(body.replace(/\s/g, ''), 'base64').toString('utf8') : encoding === 'quoted-printable' ? decodeQuotedPrintable(body) : body;
  return { to, subject: decodeHeader(header('Subject')), text };
}

export class Mailbox {
  private constructor(
    private readonly server: SMTPServer,
    readonly received: ReceivedMail[],
  ) {}

  /** Listens where the server under test sends its e-mail. */
  static async open(): Promise<Mailbox> {
    const port = inject('smtpPort');
    if (!port) throw new Error('the SMTP port of the server under test is unknown: with E2E_BASE_URL, set E2E_SMTP_PORT to the port of its SMTP_URL');
    const received: ReceivedMail[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          received.push(parseMail(Buffer.concat(chunks).toString('utf8'), session.envelope.rcptTo.map((r) => r.address.toLowerCase())));
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    return new Mailbox(server, received);
  }

  /** The first mail to `address` that `matches`, waiting for the outbox to send it. */
  async waitFor(address: string, matches: (mail: ReceivedMail) => boolean = () => true, timeoutMs = 20_000): Promise<ReceivedMail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const mail = this.received.find((m) => m.to.includes(address.toLowerCase()) && matches(m));
      if (mail) return mail;
      if (Date.now() > deadline) {
        const seen = this.received.map((m) => `${m.to.join(', ')}: ${m.subject}`).join('\n  ');
        throw new Error(`no e-mail to ${address} arrived within ${timeoutMs} ms; received:\n  ${seen || '(nothing)'}`);
      }
      await sleep(100);
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
