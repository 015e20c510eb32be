/**
 * The development mailbox: without SMTP (the embedded default) e-mail stays in the database and is
 * read here. Mounted only in that mode and never in production (see app.ts).
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { desc, eq } from 'drizzle-orm';
import { emails } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import { sendPage, useMessages, useView } from '../../http/view.js';
import { Layout } from '../../http/views/layout.js';
import { defineMessages, formatDate } from '../../i18n/index.js';

const messages = defineMessages(
  { title: 'กล่องจดหมายสำหรับการพัฒนา', intro: 'อีเมลที่ระบบจะส่ง (ยังไม่ได้ตั้งค่า SMTP_URL จึงเก็บไว้ที่นี่)', to: 'ถึง', empty: 'ยังไม่มีอีเมล', back: 'กลับไปที่กล่องจดหมาย' },
  { title: 'Development mailbox', intro: 'E-mail the system would send (SMTP_URL is not set, so it is kept here)', to: 'To', empty: 'No e-mail yet', back: 'Back to the mailbox' },
);

type Mail = typeof emails.$inferSelect;

function MailboxPage({ mails }: { mails: Mail[] }) {
  const m = useMessages(messages);
  const { locale } = useView();
  return (
    <Layout title={m.title}>
      <h1>{m.title}</h1>
      <p>{m.intro}</p>
      {mails.length === 0 && <p>{m.empty}</p>}
      <ol class="result-list">
        {mails.map((mail) => (
          <li key={mail.id} class="card">
            <a href={`/dev/mailbox/${mail.id}`}>{mail.subject}</a>
            <p class="meta">
              {m.to} {mail.to} · {formatDate(mail.createdAt, locale, 'dateTime')}
            </p>
          </li>
        ))}
      </ol>
    </Layout>
  );
}

/** Message text with its links made clickable. */
function MailText({ text }: { text: string }) {
  return (
    <pre class="mail-text">
      {text.split(/(https?:\/\/\S+)/g).map((part, index) => (index % 2 === 1 ? <a key={index} href={part}>{part}</a> : part))}
    </pre>
  );
}

export const devMailboxPages: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/dev/mailbox', async (request, reply) => {
    const mails = await app.db.select().from(emails).orderBy(desc(emails.id)).limit(100);
    return sendPage(request, reply, <MailboxPage mails={mails} />);
  });

  app.get('/dev/mailbox/:id', { schema: { params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) }) } }, async (request, reply) => {
    const [mail] = await app.db.select().from(emails).where(eq(emails.id, request.params.id));
    if (!mail) throw new AppError('not_found');
    const m = messages.for(request.locale);
    return sendPage(
      request,
      reply,
      <Layout title={mail.subject}>
        <h1>{mail.subject}</h1>
        <p class="meta">
          {m.to} {mail.to}
        </p>
        <MailText text={mail.text} />
        <p>
          <a href="/dev/mailbox">{m.back}</a>
        </p>
      </Layout>,
    );
  });
};
