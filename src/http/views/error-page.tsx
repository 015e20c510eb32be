import { errorMessages, type AppError } from '../errors.js';
import { defineMessages } from '../../i18n/index.js';
import { useHref, useMessages, useView } from '../view.js';
import { Layout } from './layout.js';

const messages = defineMessages(
  { title: (status: number) => `เกิดข้อผิดพลาด (${status})`, home: 'กลับหน้าแรก', search: 'ค้นหาบริการ', details: 'รายละเอียด' },
  { title: (status: number) => `Error (${status})`, home: 'Back to the home page', search: 'Find a service', details: 'Details' },
);

/** Shows the error in the page's language, with the other language below it. */
export function ErrorPage({ error }: { error: AppError }) {
  const { locale } = useView();
  const m = useMessages(messages);
  const href = useHref();
  const other = locale === 'th' ? 'en' : 'th';
  return (
    <Layout title={m.title(error.status)}>
      <h1>{errorMessages.for(locale)[error.code]}</h1>
      <p lang={other}>{errorMessages.for(other)[error.code]}</p>
      {error.issues.length > 0 && (
        <div class="notice error">
          <h2>{m.details}</h2>
          <ul>
            {error.issues.map((issue) => (
              <li key={issue.field}>
                {issue[locale]} <span lang={other}>({issue[other]})</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      <p class="actions">
        <a class="button" href={href('/')}>
          {m.home}
        </a>
        <a class="button secondary" href={href('/search')}>
          {m.search}
        </a>
      </p>
    </Layout>
  );
}
