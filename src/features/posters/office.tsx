/**
 * QR posters in the back office: print pages (always there), and PDF/PNG files made by headless
 * Chromium when the server has it.
 *   /office/points/:code/poster(.pdf|.png)   A4 poster of one service point
 *   /office/points/:code/sticker(.pdf|.png)  A6 sticker of one service point
 *   /office/posters(.pdf)                    every open point in the actor's scope, one set at a time
 * Officers of the point's organisation subtree, supervisors in their area or line and admins may
 * print; anyone else gets 404. Printing by someone who manages the point is recorded.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can, type Actor, type OrganisationRef } from '../../auth/access.js';
import { AppError } from '../../http/errors.js';
import { actorOf } from '../../http/scopes/office.js';
import { sendPage, useMessages } from '../../http/view.js';
import { OfficeLayout } from '../../http/views/office-layout.js';
import { formatNumber, localePrefix } from '../../i18n/index.js';
import { PAGE_SIZES, PrinterBusyError, PrinterUnavailableError, type PageSize } from '../../print/printer.js';
import { organisationById } from '../organisations/queries.js';
import { CODE_PATTERN } from '../service-points/codes.js';
import { posterMessages } from './messages.js';
import { posterPointByCode, posterPointsInScope, recordPrinted, type PosterPoint } from './queries.js';
import { PrintDocument, printHtml, Toolbar, type DownloadLink, type SheetSize } from './views.js';

/** Sheets per document: a set renders as one PDF in well under a minute. */
export const POSTERS_PER_SET = 100;

export const SHEETS: Record<SheetSize, { page: PageSize; scale: number }> = {
  poster: { page: PAGE_SIZES.A4, scale: 2 },
  // Stickers are small: more pixels per millimetre keep the QR sharp when printed.
  sticker: { page: PAGE_SIZES.A6, scale: 3 },
};

const PointParams = Type.Object({ code: Type.String({ pattern: CODE_PATTERN, maxLength: 6 }) });
const SetQuery = Type.Object({
  /** narrow the set to one organisation's subtree */
  organisation: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
  size: Type.Optional(Type.Union([Type.Literal('poster'), Type.Literal('sticker')])),
});
type SetQuery = Static<typeof SetQuery>;

/** Files cost Chromium time: a few a minute per officer is plenty, a loop is not. */
const FILE_RATE_LIMIT = {
  rateLimit: { max: 30, timeWindow: '1 minute', hook: 'preHandler' as const, keyGenerator: (request: FastifyRequest) => String(request.signedIn?.actor.userId ?? request.ip) },
};

/** Render timeout: Chromium takes about a third of a second a page; allow for a busy machine. */
const timeoutFor = (pages: number): number => 30_000 + pages * 1_500;

function NoChromiumPage({ printHref }: { printHref: string }) {
  const m = useMessages(posterMessages);
  return (
    <OfficeLayout title={m.noChromiumTitle}>
      <h1>{m.noChromiumTitle}</h1>
      <p>{m.noChromiumBody}</p>
      <p>
        <a class="button" href={printHref}>
          {m.openPrintPage}
        </a>
      </p>
    </OfficeLayout>
  );
}

async function readablePoint(app: FastifyInstance, actor: Actor, code: string): Promise<PosterPoint> {
  const point = await posterPointByCode(app.db, code);
  // Unknown and out-of-scope points look the same from outside.
  if (!point || !can(actor, 'read', point.organisation)) throw new AppError('not_found');
  return point;
}

interface SetPage {
  points: PosterPoint[];
  total: number;
  page: number;
  pages: number;
  within: OrganisationRef | null;
  size: SheetSize;
}

async function posterSet(app: FastifyInstance, actor: Actor, query: SetQuery): Promise<SetPage> {
  let within: OrganisationRef | null = null;
  if (query.organisation !== undefined) {
    within = await organisationById(app.db, query.organisation);
    if (!within || !can(actor, 'read', within)) throw new AppError('not_found');
  }
  const page = query.page ?? 1;
  const { points, total } = await posterPointsInScope(app.db, actor, { within, offset: (page - 1) * POSTERS_PER_SET, limit: POSTERS_PER_SET });
  const pages = Math.max(1, Math.ceil(total / POSTERS_PER_SET));
  if (page > pages) throw new AppError('not_found');
  return { points, total, page, pages, within, size: query.size ?? 'poster' };
}

/** `/office/posters` with the same narrowing, another page, size or extension. */
function setPath(prefix: string, set: SetPage, changes: { page?: number; ext?: string }): string {
  const params = new URLSearchParams();
  if (set.within) params.set('organisation', String(set.within.id));
  const page = changes.page ?? set.page;
  if (page > 1) params.set('page', String(page));
  if (set.size !== 'poster') params.set('size', set.size);
  const query = params.toString();
  return `${prefix}/office/posters${changes.ext ?? ''}${query ? `?${query}` : ''}`;
}

export const posterOfficeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  /** Renders with Chromium; without it, answers 503 with the way to print from the browser and returns null. */
  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    job: { html: string; format: 'pdf' | 'png'; size: SheetSize; pages: number; printHref: string },
  ): Promise<Buffer | null> {
    const sheet = SHEETS[job.size];
    try {
      return await app.printer.render({ html: job.html, format: job.format, page: sheet.page, scale: sheet.scale, timeoutMs: timeoutFor(job.pages) });
    } catch (error) {
      if (error instanceof PrinterUnavailableError) {
        request.log.warn({ err: error }, 'no Chromium for printing');
        sendPage(request, reply, <NoChromiumPage printHref={job.printHref} />, 503);
        return null;
      }
      if (error instanceof PrinterBusyError) {
        reply.header('retry-after', '30');
        throw new AppError('unavailable', [], { cause: error });
      }
      throw error;
    }
  }

  const sendFile = (reply: FastifyReply, body: Buffer, format: 'pdf' | 'png', filename: string) =>
    reply
      .type(format === 'pdf' ? 'application/pdf' : 'image/png')
      .header('content-disposition', `inline; filename="${filename}"`)
      .send(body);

  for (const size of ['poster', 'sticker'] as const) {
    const printPage = (request: FastifyRequest, code: string, sheet: SheetSize = size) => `${localePrefix(request.locale)}/office/points/${code}/${sheet}`;

    app.get(`/office/points/:code/${size}`, { schema: { params: PointParams } }, async (request, reply) => {
      const actor = actorOf(request);
      const point = await readablePoint(app, actor, request.params.code);
      const m = posterMessages.for(request.locale);
      const name = request.locale === 'en' && point.nameEn ? point.nameEn : point.nameTh;
      const base = printPage(request, point.code);
      const poster = size === 'poster';
      const links: DownloadLink[] = [
        { href: `${base}.pdf`, label: poster ? m.pdfPoster : m.pdfSticker },
        { href: `${base}.png`, label: poster ? m.pngPoster : m.pngSticker },
        { href: printPage(request, point.code, poster ? 'sticker' : 'poster'), label: poster ? m.otherSticker : m.otherPoster },
      ];
      const title = poster ? m.posterTitle(name) : m.stickerTitle(name);
      await recordPrinted(app.db, actor, [point], 'print', size);
      return sendPage(
        request,
        reply,
        <PrintDocument title={title} size={size} points={[point]} publicUrl={app.config.publicUrl} toolbar={<Toolbar title={title} links={links} />} />,
      );
    });

    for (const format of ['pdf', 'png'] as const) {
      app.get(`/office/points/:code/${size}.${format}`, { schema: { params: PointParams }, config: FILE_RATE_LIMIT }, async (request, reply) => {
        const actor = actorOf(request);
        const point = await readablePoint(app, actor, request.params.code);
        const body = await render(request, reply, {
          html: printHtml(point.nameTh, size, [point], app.config.publicUrl),
          format,
          size,
          pages: 1,
          printHref: printPage(request, point.code),
        });
        if (!body) return reply;
        await recordPrinted(app.db, actor, [point], format, size);
        return sendFile(reply, body, format, `citizeninfo-${size}-${point.code}.${format}`);
      });
    }
  }

  app.get('/office/posters', { schema: { querystring: SetQuery } }, async (request, reply) => {
    const actor = actorOf(request);
    const set = await posterSet(app, actor, request.query);
    const m = posterMessages.for(request.locale);
    const prefix = localePrefix(request.locale);
    const first = (set.page - 1) * POSTERS_PER_SET + 1;
    const shown = `${formatNumber(first, request.locale)}–${formatNumber(first + set.points.length - 1, request.locale)}`;
    const links: DownloadLink[] = set.points.length ? [{ href: setPath(prefix, set, { ext: '.pdf' }), label: m.pdfDocument(formatNumber(set.points.length, request.locale)) }] : [];
    const pager =
      set.pages > 1 ? (
        <nav aria-label={m.documentPages}>
          <ul class="toolbar-links">
            {set.page > 1 && (
              <li>
                <a href={setPath(prefix, set, { page: set.page - 1 })} rel="prev">
                  {m.previous}
                </a>
              </li>
            )}
            {set.page < set.pages && (
              <li>
                <a href={setPath(prefix, set, { page: set.page + 1 })} rel="next">
                  {m.next}
                </a>
              </li>
            )}
          </ul>
        </nav>
      ) : undefined;
    const intro = set.total ? m.documentSummary(shown, formatNumber(set.total, request.locale)) : m.documentEmpty;
    await recordPrinted(app.db, actor, set.points, 'print', set.size);
    return sendPage(
      request,
      reply,
      <PrintDocument
        title={m.documentTitle}
        size={set.size}
        points={set.points}
        publicUrl={app.config.publicUrl}
        toolbar={<Toolbar title={m.documentTitle} intro={intro} links={links} pager={pager} />}
      />,
    );
  });

  app.get('/office/posters.pdf', { schema: { querystring: SetQuery }, config: FILE_RATE_LIMIT }, async (request, reply) => {
    const actor = actorOf(request);
    const set = await posterSet(app, actor, request.query);
    if (set.points.length === 0) throw new AppError('not_found');
    const body = await render(request, reply, {
      html: printHtml(posterMessages.th.documentTitle, set.size, set.points, app.config.publicUrl),
      format: 'pdf',
      size: set.size,
      pages: set.points.length,
      printHref: setPath(localePrefix(request.locale), set, {}),
    });
    if (!body) return reply;
    await recordPrinted(app.db, actor, set.points, 'pdf', set.size);
    return sendFile(reply, body, 'pdf', `citizeninfo-${set.size}s-${set.page}.pdf`);
  });
};
