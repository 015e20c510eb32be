import { defineMessages, switchLocalePath } from '../../i18n/index.js';
import { useHref, useMessages, useView, type Children } from '../view.js';
import { assetUrl } from '../assets.js';

const messages = defineMessages(
  {
    siteName: 'CitizenInfo',
    tagline: 'ข้อมูลจุดบริการภาครัฐ',
    skip: 'ข้ามไปยังเนื้อหาหลัก',
    navSearch: 'ค้นหาบริการ',
    navMap: 'แผนที่',
    navOpenData: 'ข้อมูลเปิด',
    navOffice: 'สำหรับเจ้าหน้าที่',
    mainNav: 'เมนูหลัก',
    switchLabel: 'English',
    switchTitle: 'Read this page in English',
    footerAbout:
      'CitizenInfo รวบรวมจุดบริการของหน่วยงานรัฐ คู่มือสำหรับประชาชน และความพึงพอใจของผู้รับบริการ เป็นซอฟต์แวร์โอเพนซอร์ส',
    footerComplaint: 'ร้องเรียนหน่วยงานรัฐ: สายด่วน 1111',
    footerComplain: 'ร้องเรียนออนไลน์',
    footerTrack: 'ติดตามเรื่องร้องเรียน',
    footerData: 'แหล่งข้อมูลและสัญญาอนุญาต',
  },
  {
    siteName: 'CitizenInfo',
    tagline: 'Government service points',
    skip: 'Skip to main content',
    navSearch: 'Find a service',
    navMap: 'Map',
    navOpenData: 'Open data',
    navOffice: 'For officers',
    mainNav: 'Main menu',
    switchLabel: 'ภาษาไทย',
    switchTitle: 'อ่านหน้านี้เป็นภาษาไทย',
    footerAbout:
      'CitizenInfo lists the service points of public offices, their Citizen’s Manuals and how satisfied citizens are. It is open-source software.',
    footerComplaint: 'Complaints about public offices: hotline 1111',
    footerComplain: 'Complain online',
    footerTrack: 'Follow a complaint',
    footerData: 'Data sources and licences',
  },
);

export interface LayoutProps {
  title: string;
  description?: string;
  children: Children;
  /** extra elements for <head>, e.g. JSON-LD */
  head?: Children;
  /** adds the map stylesheet */
  withMap?: boolean;
}

export function Layout({ title, description, children, head, withMap }: LayoutProps) {
  const view = useView();
  const m = useMessages(messages);
  const href = useHref();
  const other = view.locale === 'th' ? 'en' : 'th';
  return (
    <html lang={view.locale} class="no-js">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${m.siteName}`}</title>
        {description && <meta name="description" content={description} />}
        <link rel="stylesheet" href={assetUrl('/assets/css/site.css')} />
        {withMap && <link rel="stylesheet" href="/assets/leaflet/leaflet.css" />}
        <link rel="alternate" hreflang={other} href={switchLocalePath(view.url, other)} />
        <link rel="icon" href="/assets/img/icon.svg" type="image/svg+xml" />
        <script type="module" src={assetUrl('/assets/js/main.js')} nonce={view.nonce} />
        {head}
      </head>
      <body>
        <a class="skip-link" href="#main">
          {m.skip}
        </a>
        <header class="site-header">
          <div class="wrap header-row">
            <a class="brand" href={href('/')}>
              <span class="brand-name">{m.siteName}</span>
              <span class="brand-tagline">{m.tagline}</span>
            </a>
            <a class="lang-switch" href={switchLocalePath(view.url, other)} hreflang={other} lang={other} title={m.switchTitle}>
              {m.switchLabel}
            </a>
          </div>
          <nav class="wrap main-nav" aria-label={m.mainNav}>
            <a href={href('/search')}>{m.navSearch}</a>
            <a href={href('/map')}>{m.navMap}</a>
            <a href={href('/open-data')}>{m.navOpenData}</a>
            <a href={href('/office')}>{m.navOffice}</a>
          </nav>
        </header>
        <main id="main" class="wrap" tabIndex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <p>{m.footerAbout}</p>
            <p>
              {m.footerComplaint} · <a href={href('/complain')}>{m.footerComplain}</a> · <a href={href('/track')}>{m.footerTrack}</a> ·{' '}
              <a href={href('/open-data#sources')}>{m.footerData}</a>
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}
