import { defineMessages, switchLocalePath } from '../../i18n/index.js';
import { CsrfField } from '../forms.js';
import { assetUrl } from '../assets.js';
import { useHref, useMessages, useView, type Children } from '../view.js';

const messages = defineMessages(
  {
    office: 'สำหรับเจ้าหน้าที่',
    skip: 'ข้ามไปยังเนื้อหาหลัก',
    menu: 'เมนูเจ้าหน้าที่',
    points: 'จุดบริการ',
    manuals: 'คู่มือประชาชน',
    posters: 'โปสเตอร์คิวอาร์โค้ด',
    complaints: 'เรื่องร้องเรียน',
    feedback: 'ความคิดเห็น',
    approvals: 'อนุมัติบัญชี',
    audit: 'บันทึกการเปลี่ยนแปลง',
    account: 'บัญชีของฉัน',
    signOut: 'ออกจากระบบ',
    signIn: 'เข้าสู่ระบบ',
    publicSite: 'หน้าเว็บสำหรับประชาชน',
    switchLabel: 'English',
    signedInAs: (name: string) => `เข้าสู่ระบบในชื่อ ${name}`,
  },
  {
    office: 'For officers',
    skip: 'Skip to main content',
    menu: 'Officer menu',
    points: 'Service points',
    manuals: 'Citizen’s Manuals',
    posters: 'QR posters',
    complaints: 'Complaints',
    feedback: 'Feedback',
    approvals: 'Approvals',
    audit: 'Audit log',
    account: 'My account',
    signOut: 'Sign out',
    signIn: 'Sign in',
    publicSite: 'Public site',
    switchLabel: 'ภาษาไทย',
    signedInAs: (name: string) => `Signed in as ${name}`,
  },
);

/** The back office frame: the officer menu when signed in, a plain header otherwise. */
export function OfficeLayout({ title, children, head }: { title: string; children: Children; head?: Children }) {
  const view = useView();
  const m = useMessages(messages);
  const href = useHref();
  const other = view.locale === 'th' ? 'en' : 'th';
  return (
    <html lang={view.locale} class="no-js">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${title} · ${m.office} · CitizenInfo`}</title>
        <link rel="stylesheet" href={assetUrl('/assets/css/site.css')} />
        <link rel="icon" href="/assets/img/icon.svg" type="image/svg+xml" />
        <script type="module" src={assetUrl('/assets/js/main.js')} nonce={view.nonce} />
        {head}
      </head>
      <body class="office">
        <a class="skip-link" href="#main">
          {m.skip}
        </a>
        <header class="site-header">
          <div class="wrap header-row">
            <a class="brand" href={href('/office')}>
              <span class="brand-name">CitizenInfo</span>
              <span class="brand-tagline">{m.office}</span>
            </a>
            <a class="lang-switch" href={switchLocalePath(view.url, other)} hreflang={other} lang={other}>
              {m.switchLabel}
            </a>
          </div>
          <nav class="wrap main-nav" aria-label={m.menu}>
            {view.user ? (
              <>
                <a href={href('/office/points')}>{m.points}</a>
                <a href={href('/office/manuals')}>{m.manuals}</a>
                <a href={href('/office/posters')}>{m.posters}</a>
                <a href={href('/office/complaints')}>{m.complaints}</a>
                <a href={href('/office/feedback')}>{m.feedback}</a>
                <a href={href('/office/approvals')}>{m.approvals}</a>
                <a href={href('/office/audit')}>{m.audit}</a>
                <a href={href('/office/account')}>{m.account}</a>
                <form method="post" action={href('/office/sign-out')} class="inline-form">
                  <CsrfField />
                  <button type="submit" class="link-button">
                    {m.signOut}
                  </button>
                </form>
              </>
            ) : (
              <>
                <a href={href('/office/sign-in')}>{m.signIn}</a>
                <a href={href('/')}>{m.publicSite}</a>
              </>
            )}
          </nav>
        </header>
        <main id="main" class="wrap" tabIndex={-1}>
          {view.user && <p class="meta signed-in">{m.signedInAs(view.user.name)}</p>}
          {children}
        </main>
      </body>
    </html>
  );
}
