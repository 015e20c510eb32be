import { errorMessages, type AppError } from '../errors.js';
import { defineMessages } from '../../i18n/index.js';
import { useHref, useMessages, useView } from '../view.js';
import { OfficeLayout } from './office-layout.js';

const messages = defineMessages(
  { title: (status: number) => `เกิดข้อผิดพลาด (${status})`, back: 'กลับหน้าหลักเจ้าหน้าที่' },
  { title: (status: number) => `Error (${status})`, back: 'Back to the office home' },
);

export function OfficeErrorPage({ error }: { error: AppError }) {
  const { locale } = useView();
  const m = useMessages(messages);
  const href = useHref();
  const other = locale === 'th' ? 'en' : 'th';
  return (
    <OfficeLayout title={m.title(error.status)}>
      <h1>{errorMessages.for(locale)[error.code]}</h1>
      <p lang={other}>{errorMessages.for(other)[error.code]}</p>
      {error.issues.length > 0 && (
        <ul class="notice error">
          {error.issues.map((issue) => (
            <li key={issue.field}>{issue[locale]}</li>
          ))}
        </ul>
      )}
      <p>
        <a href={href('/office')}>{m.back}</a>
      </p>
    </OfficeLayout>
  );
}
