/**
 * The QR poster (A4) and sticker (A6) as HTML/CSS print templates (styles in
 * `src/http/public/css/poster.css`). The same document is the browser's print page and what
 * Chromium turns into PDF/PNG, so a server without Chromium still lets the office print.
 */
import QRCode from 'qrcode';
import { assetUrl } from '../../http/assets.js';
import { renderPage, useHref, useMessages, useView, type Children } from '../../http/view.js';
import { switchLocalePath } from '../../i18n/index.js';
import { PRINT_ORIGIN } from '../../print/printer.js';
import { posterMessages } from './messages.js';
import type { PosterPoint } from './queries.js';

export type SheetSize = 'poster' | 'sticker';

/** The QR code as SVG shapes (no raw markup): dark modules as one path, with a 4-module quiet zone. */
export function QrCode({ text, label, className }: { text: string; label: string; className: string }) {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const quiet = 4;
  const total = modules.size + 2 * quiet;
  let d = '';
  for (let y = 0; y < modules.size; y++) {
    for (let x = 0; x < modules.size; ) {
      if (!modules.get(y, x)) {
        x++;
        continue;
      }
      let run = 1;
      while (x + run < modules.size && modules.get(y, x + run)) run++;
      d += `M${x + quiet} ${y + quiet}h${run}v1h-${run}z`;
      x += run;
    }
  }
  return (
    <svg class={className} viewBox={`0 0 ${total} ${total}`} role="img" aria-label={label} shape-rendering="crispEdges" xmlns="http://www.w3.org/2000/svg">
      <rect width={total} height={total} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}

// Thai vowels above/below and tone marks take no width of their own.
const ZERO_WIDTH_THAI = /[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]/gu;

/** How many characters wide a name prints: Thai combining marks do not count. */
export const visualLength = (text: string): number => [...text.normalize('NFC').replace(ZERO_WIDTH_THAI, '')].length;

/**
 * Font-size steps for the point's name, largest first; `poster.css` sets `.fit-N` to the same sizes
 * (a test keeps them in step). The name gets the largest step at which its estimated lines fit the
 * height kept for it (its box less two lines of English name and a small gap): Sarabun bold averages 0.56 em a
 * character, with 15% slack for lines that break early between words.
 */
export const NAME_FIT: Record<SheetSize, { widthMm: number; heightMm: number; sizesPt: number[] }> = {
  poster: { widthMm: 180, heightMm: 40, sizesPt: [40, 34, 28, 23, 19, 15] },
  sticker: { widthMm: 93, heightMm: 16, sizesPt: [20, 17, 14, 12, 10, 8] },
};

const MM_PER_PT = 25.4 / 72;
const NAME_LINE_HEIGHT = 1.35;

/** The `.fit-N` step (1 = largest) for a name on a sheet. */
export function nameStep(name: string, size: SheetSize): number {
  const { widthMm, heightMm, sizesPt } = NAME_FIT[size];
  const length = visualLength(name) * 1.15;
  const step = sizesPt.findIndex((pt) => {
    const lines = Math.ceil(length / (widthMm / (pt * MM_PER_PT * 0.56)));
    return lines <= Math.floor(heightMm / (pt * MM_PER_PT * NAME_LINE_HEIGHT));
  });
  return step === -1 ? sizesPt.length : step + 1;
}

const withoutScheme = (url: string): string => url.replace(/^https?:\/\//, '');

export const rateUrl = (publicUrl: string, code: string): string => `${publicUrl}/p/${code}/rate`;
export const complainUrl = (publicUrl: string, code: string): string => `${publicUrl}/p/${code}/complain`;

function Sheet({ point, size, publicUrl }: { point: PosterPoint; size: SheetSize; publicUrl: string }) {
  const th = posterMessages.th;
  const en = posterMessages.en;
  const rate = rateUrl(publicUrl, point.code);
  const complain = withoutScheme(complainUrl(publicUrl, point.code));
  return (
    <article class={`sheet sheet-${size}`}>
      <header class="band">
        <img class="mark" src={assetUrl('/assets/img/icon.svg')} alt="" width="32" height="32" />
        <span class="wordmark">CitizenInfo</span>
        <span class="tagline">
          {th.brandTagline}
          <span lang="en"> · {en.brandTagline}</span>
        </span>
      </header>
      <p class="organisation">
        {point.organisationTh}
        {point.organisationEn && (
          <span class="en" lang="en">
            {point.organisationEn}
          </span>
        )}
      </p>
      <div class="name-box">
        <h2 class={`name fit-${nameStep(point.nameTh, size)}`}>{point.nameTh}</h2>
        {point.nameEn && (
          <p class="name-en" lang="en">
            {point.nameEn}
          </p>
        )}
      </div>
      <p class="cta">
        {th.scan}
        <span class="en" lang="en">
          {en.scan}
        </span>
      </p>
      <QrCode text={rate} label={th.qrLabel(rate)} className="qr" />
      <p class="quick">
        {th.quick}
        <span class="en" lang="en">
          {en.quick}
        </span>
      </p>
      <p class="code">
        {th.codeLabel} <strong class="code-value">{point.code}</strong>
        <span class="en" lang="en">
          {en.codeLabel} {point.code} · {en.orOpen(withoutScheme(rate))}
        </span>
      </p>
      <footer class="complain">
        <p>{th.complain(complain)}</p>
        <p class="en" lang="en">
          {en.complain(complain)}
        </p>
      </footer>
    </article>
  );
}

interface DocumentProps {
  title: string;
  size: SheetSize;
  points: PosterPoint[];
  publicUrl: string;
  /** on screen: instructions and downloads, hidden when printed */
  toolbar?: Children;
  /** for Chromium: resolve the document's asset URLs against the printer's origin */
  baseHref?: string;
}

export function PrintDocument({ title, size, points, publicUrl, toolbar, baseHref }: DocumentProps) {
  return (
    <html lang="th">
      <head>
        <meta charset="utf-8" />
        {baseHref && <base href={baseHref} />}
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${title} · CitizenInfo`}</title>
        <link rel="stylesheet" href={assetUrl('/assets/css/poster.css')} />
        <link rel="icon" href="/assets/img/icon.svg" type="image/svg+xml" />
      </head>
      <body class={`print print-${size}`}>
        {toolbar}
        <main id="main" class="sheets" tabIndex={-1}>
          {points.map((point) => (
            <Sheet key={point.id} point={point} size={size} publicUrl={publicUrl} />
          ))}
        </main>
      </body>
    </html>
  );
}

/** The document as Chromium gets it: no toolbar, assets fetched from the printer's origin. */
export function printHtml(title: string, size: SheetSize, points: PosterPoint[], publicUrl: string): string {
  return renderPage(
    { locale: 'th', url: '/', nonce: '', csrfToken: null, user: null },
    <PrintDocument title={title} size={size} points={points} publicUrl={publicUrl} baseHref={`${PRINT_ORIGIN}/`} />,
  );
}

export interface DownloadLink {
  href: string;
  label: string;
}

/** Instructions, downloads and navigation above the sheets; only on screen. */
export function Toolbar({ title, intro, links, pager }: { title: string; intro?: string; links: DownloadLink[]; pager?: Children }) {
  const view = useView();
  const m = useMessages(posterMessages);
  const href = useHref();
  const other = view.locale === 'th' ? 'en' : 'th';
  return (
    <header class="print-toolbar" lang={view.locale}>
      <p class="toolbar-nav">
        <a href={href('/office')}>{m.back}</a>
        <a class="lang-switch" href={switchLocalePath(view.url, other)} hreflang={other} lang={other}>
          {m.switchLabel}
        </a>
      </p>
      <h1>{title}</h1>
      {intro && <p>{intro}</p>}
      <p>{m.howToPrint}</p>
      {links.length > 0 && (
        <nav aria-label={m.downloads}>
          <ul class="toolbar-links">
            {links.map((link) => (
              <li key={link.href}>
                <a href={link.href}>{link.label}</a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {pager}
      <h2 class="preview-heading">{m.preview}</h2>
    </header>
  );
}
