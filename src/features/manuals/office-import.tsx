/**
 * `/office/manuals/import`: bulk import of manuals from an uploaded JSON or CSV file, all or
 * nothing, with a report of every problem by row; the example files; and the export of the
 * manuals the actor may edit (`export.json` in the catalogue's format, `export.csv` in the import layout).
 */
import multipart from '@fastify/multipart';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, toAppError } from '../../http/errors.js';
import { CsrfField } from '../../http/forms.js';
import { actorOf } from '../../http/scopes/office.js';
import { sendPage, useHref, useMessages, useView } from '../../http/view.js';
import { OfficeLayout } from '../../http/views/office-layout.js';
import { bangkokDate, formatNumber } from '../../i18n/index.js';
import { DURATION_UNITS, readCatalogue, STEP_KINDS, type ManualRecord } from './catalogue.js';
import { SEARCHABLE_KINDS } from '../organisations/kinds.js';
import { creatorOrganisation } from './office-editor.js';
import { CSV_COLUMNS, fieldLabel, ImportFileError, LIST_FIELDS, MAX_IMPORT_BYTES, parseImportFile, recordsToCsv, REQUIRED_CSV_COLUMNS } from './import.js';
import { applyImport, type ImportOutcome } from './import-apply.js';
import { officeManualMessages } from './office-messages.js';
import { Notice } from './office-parts.js';
import { editableManualSlugs, MANUAL_STATUSES, storedManuals, type ManualStatus } from './office-store.js';

type Result = { kind: 'outcome'; outcome: ImportOutcome } | { kind: 'file'; th: string; en: string } | null;

function Report({ result }: { result: Result }) {
  const m = useMessages(officeManualMessages);
  const href = useHref();
  const { locale } = useView();
  if (!result) return null;
  if (result.kind === 'file') {
    return (
      <div class="notice error" role="alert">
        <p>
          <strong>{m.importFileProblem}</strong>
        </p>
        <p lang="th">{result.th}</p>
        <p lang="en">{result.en}</p>
      </div>
    );
  }
  const { outcome } = result;
  if (outcome.ok) {
    const all = [...outcome.created.map((c) => ({ ...c, created: true })), ...outcome.updated.map((u) => ({ ...u, created: false }))];
    return (
      <section class="notice" role="status" aria-labelledby="import-done">
        <h2 id="import-done">{m.importDone(formatNumber(all.length, locale))}</h2>
        <p>
          {m.importCreated(formatNumber(outcome.created.length, locale))} · {m.importUpdated(formatNumber(outcome.updated.length, locale))}
        </p>
        <ul>
          {all.map((item) => (
            <li key={item.slug}>
              <a href={href(`/office/manuals/${item.slug}/edit`)}>{item.title}</a> ({item.slug})
            </li>
          ))}
        </ul>
      </section>
    );
  }
  const rows = new Set(outcome.problems.map((p) => p.row)).size;
  return (
    <section aria-labelledby="import-failed">
      <p class="notice error" role="alert" id="import-failed">
        <strong>{m.importFailed(formatNumber(outcome.problems.length, locale), formatNumber(rows, locale))}</strong>
      </p>
      <table class="data stack import-report" role="table">
        <thead>
          <tr role="row">
            <th scope="col" role="columnheader">
              {m.reportRow}
            </th>
            <th scope="col" role="columnheader">
              {m.reportField}
            </th>
            <th scope="col" role="columnheader">
              {m.reportTh}
            </th>
            <th scope="col" role="columnheader">
              {m.reportEn}
            </th>
          </tr>
        </thead>
        <tbody>
          {outcome.problems.map((problem, index) => (
            <tr key={index} role="row">
              <th scope="row" role="rowheader">
                {m.rowNumber(formatNumber(problem.row, locale))}
              </th>
              <td role="cell" data-label={m.reportField}>
                <code>{fieldLabel(problem.field)}</code>
              </td>
              <td role="cell" lang="th" data-label={m.reportTh}>
                {problem.th}
              </td>
              <td role="cell" lang="en" data-label={m.reportEn}>
                {problem.en}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function FormatHelp() {
  const m = useMessages(officeManualMessages);
  const href = useHref();
  const lists = Object.entries(LIST_FIELDS);
  return (
    <section aria-labelledby="format-title">
      <h2 id="format-title">{m.formatTitle}</h2>
      <h3>{m.rulesTitle}</h3>
      <ul>
        <li>{m.rulesAll}</li>
        <li>{m.rulesNew}</li>
        <li>{m.rulesUpdate}</li>
        <li>{m.rulesOthers}</li>
      </ul>
      <h3>{m.jsonTitle}</h3>
      <p>{m.jsonText}</p>
      <h3>{m.csvTitle}</h3>
      <p>{m.csvText}</p>
      <p>
        {m.csvRequired}: <code>{REQUIRED_CSV_COLUMNS.join(', ')}</code>
      </p>
      <p>
        <code class="wrap-code">{CSV_COLUMNS.join(',')}</code>
      </p>
      <p>{m.csvLists}</p>
      <p>{m.csvBooleans}</p>
      <p>{m.csvExampleCell}:</p>
      <p>
        <code class="wrap-code">document_check;ยื่นคำขอและตรวจเอกสาร;File the request;15;minute|consideration;พิจารณาอนุญาต;;1;working_day</code>
      </p>
      <h4>{m.csvValues}</h4>
      <dl class="facts">
        <dt>
          <code>kind</code>
        </dt>
        <dd>
          <code class="wrap-code">{STEP_KINDS.join(', ')}</code>
        </dd>
        <dt>
          <code>duration_unit, total_time_unit</code>
        </dt>
        <dd>
          <code class="wrap-code">{DURATION_UNITS.join(', ')}</code>
        </dd>
        <dt>
          <code>offered_at</code>
        </dt>
        <dd>
          <code class="wrap-code">{SEARCHABLE_KINDS.join(', ')}</code>
        </dd>
      </dl>
      <div class="table-scroll">
        <table class="data">
          <thead>
            <tr>
              <th scope="col">{m.csvColumn}</th>
              <th scope="col">{m.csvFields}</th>
            </tr>
          </thead>
          <tbody>
            {lists.map(([column, fields]) => (
              <tr key={column}>
                <td>
                  <code>{column}</code>
                </td>
                <td>
                  <code class="wrap-code">{fields.join(' ; ')}</code>
                </td>
              </tr>
            ))}
            <tr>
              <td>
                <code>synonyms_th, synonyms_en, offered_at</code>
              </td>
              <td>
                <code>a | b | c</code>
              </td>
            </tr>
          </tbody>
        </table>
      </div>
      <h3>{m.examplesTitle}</h3>
      <p class="actions">
        <a class="button secondary" href={href('/office/manuals/import/example.csv')} download>
          {m.exampleCsv}
        </a>
        <a class="button secondary" href={href('/office/manuals/import/example.json')} download>
          {m.exampleJson}
        </a>
      </p>
    </section>
  );
}

function ImportPage({ result, status, noFile }: { result: Result; status: ManualStatus; noFile: boolean }) {
  const m = useMessages(officeManualMessages);
  const href = useHref();
  return (
    <OfficeLayout title={m.importTitle}>
      <nav aria-label="breadcrumb">
        <ol class="crumbs">
          <li>
            <a href={href('/office')}>{m.officeHome}</a>
          </li>
          <li>
            <a href={href('/office/manuals')}>{m.catalogueTitle}</a>
          </li>
        </ol>
      </nav>
      <h1>{m.importTitle}</h1>
      <p>{m.importIntro}</p>
      <Report result={result} />
      <Notice text={noFile ? m.importNoFile : null} kind="error" />
      <form method="post" action={href('/office/manuals/import')} encType="multipart/form-data" class="narrow-form import-form">
        <CsrfField />
        <div class={noFile ? 'field has-error' : 'field'}>
          <label for="f-file">{m.importFile}</label>
          <input id="f-file" name="file" type="file" accept=".csv,.json,text/csv,application/json" aria-invalid={noFile} />
        </div>
        <fieldset>
          <legend>{m.importStatus}</legend>
          <p class="hint">{m.importStatusHint}</p>
          <ul class="choice-list">
            {MANUAL_STATUSES.map((value) => (
              <li key={value}>
                <label class="choice">
                  <input type="radio" name="status" value={value} checked={status === value} />
                  <span>{value === 'draft' ? m.statusDraft : m.statusPublished}</span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        <button type="submit">{m.importButton}</button>
      </form>
      <FormatHelp />
    </OfficeLayout>
  );
}

/** Two manuals of the catalogue under new ids, so importing the example creates drafts instead of clashing. */
function exampleRecords(): ManualRecord[] {
  const catalogue = readCatalogue();
  const picked = [catalogue.find((r) => r.owner_agency === 'lao'), catalogue.find((r) => r.owner_agency === 'dopa')].filter((r): r is ManualRecord => r !== undefined);
  return picked.map((record) => ({ ...record, id: `example-${record.id}`.slice(0, 100).replace(/-+$/, '') }));
}

const download = (reply: FastifyReply, name: string, type: string, body: string) =>
  reply.header('content-type', type).header('content-disposition', `attachment; filename="${name}"`).send(body);

const ImportBody = Type.Object({
  _csrf: Type.Optional(Type.String({ maxLength: 200 })),
  status: Type.Optional(Type.Union(MANUAL_STATUSES.map((s) => Type.Literal(s)))),
  file: Type.Optional(Type.Unsafe<unknown>({})),
});

/** Only signed-in officers may send a file: refuse before the upload is read. */
async function requireSession(request: FastifyRequest) {
  if (!request.signedIn || request.signedIn.needsSecondFactor) throw new AppError('unauthorised');
}

export const officeImportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 5, fieldSize: 1000, parts: 8 },
  });

  // A file over the limit is refused while the upload is read: answer with the import page.
  app.setErrorHandler(async (error, request, reply) => {
    const appError = toAppError(error);
    if (appError.code !== 'payload_too_large' || !request.signedIn || request.signedIn.needsSecondFactor) throw error;
    request.viewExtras = { ...request.viewExtras, csrfToken: reply.generateCsrf() };
    const problem = new ImportFileError('ไฟล์ใหญ่เกิน 2 MB กรุณาแบ่งเป็นหลายไฟล์', 'The file is larger than 2 MB; split it into several files', 413);
    return sendPage(request, reply, <ImportPage result={{ kind: 'file', th: problem.th, en: problem.en }} status="draft" noFile={false} />, 413);
  });

  app.get('/office/manuals/import', async (request, reply) => {
    await creatorOrganisation(request, actorOf(request));
    return sendPage(request, reply, <ImportPage result={null} status="draft" noFile={false} />);
  });

  app.post(
    '/office/manuals/import',
    { onRequest: requireSession, schema: { body: ImportBody }, attachValidation: true, config: { rateLimit: { max: 20, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const actor = actorOf(request);
      await creatorOrganisation(request, actor);
      if (request.validationError) throw new AppError('invalid_input');
      const status = request.body.status ?? 'draft';
      const file = request.body.file;
      if (!Buffer.isBuffer(file) || file.length === 0) return sendPage(request, reply, <ImportPage result={null} status={status} noFile />, 400);
      let rows;
      try {
        rows = parseImportFile(file).rows;
      } catch (error) {
        if (!(error instanceof ImportFileError)) throw error;
        return sendPage(request, reply, <ImportPage result={{ kind: 'file', th: error.th, en: error.en }} status={status} noFile={false} />, error.status);
      }
      const outcome = await applyImport(app.db, actor, rows, status);
      return sendPage(request, reply, <ImportPage result={{ kind: 'outcome', outcome }} status={status} noFile={false} />, outcome.ok ? 200 : 422);
    },
  );

  app.get('/office/manuals/import/example.csv', async (_request, reply) => download(reply, 'citizeninfo-manuals-example.csv', 'text/csv; charset=utf-8', recordsToCsv(exampleRecords())));
  app.get('/office/manuals/import/example.json', async (_request, reply) =>
    download(reply, 'citizeninfo-manuals-example.json', 'application/json; charset=utf-8', JSON.stringify({ manuals: exampleRecords() }, null, 1)),
  );

  const mine = async (request: FastifyRequest) => {
    const slugs = await editableManualSlugs(app.db, actorOf(request));
    const found = await storedManuals(app.db, slugs);
    return slugs.map((slug) => found.get(slug)?.record).filter((r): r is ManualRecord => r !== undefined);
  };
  app.get('/office/manuals/export.json', async (request, reply) =>
    download(reply, `citizeninfo-manuals-${bangkokDate()}.json`, 'application/json; charset=utf-8', JSON.stringify({ manuals: await mine(request) }, null, 1)),
  );
  app.get('/office/manuals/export.csv', async (request, reply) => download(reply, `citizeninfo-manuals-${bangkokDate()}.csv`, 'text/csv; charset=utf-8', recordsToCsv(await mine(request))));
};
