import type { Locator, Request } from 'playwright-core';
import type { Site } from '../support/site.js';
import { CitizenPage } from './CitizenPage.js';
import { RateThanksPage } from './RateThanksPage.js';

export type Answer = 'yes' | 'no' | 'unsure';

export interface Rating {
  overall: 1 | 2 | 3 | 4 | 5;
  /** agreement 1–5 with the optional statements, by field name, e.g. `{ courtesy: 5 }` */
  dimensions?: Partial<Record<'ease' | 'timeliness' | 'courtesy' | 'fairness' | 'facilities' | 'outcome' | 'trust', 1 | 2 | 3 | 4 | 5>>;
  /** the service came for, by its place in the list (1 = the first service) */
  service?: number;
  followedManual?: Answer;
  copyDemanded?: Answer;
  comment?: string;
}

/** The proof of work the page solved in the background: the server's challenge and the solution found. */
export interface ProofOfWork {
  challenge: { signature: string };
  solution: { counter: number };
}

export const decodeProofOfWork = (value: string): ProofOfWork => JSON.parse(Buffer.from(value, 'base64').toString('utf8')) as ProofOfWork;

/**
 * `/p/{code}/rate` (the QR poster's target and the point page's link) and `/p/{code}/kiosk` (a
 * tablet at the counter): faces 1–5, then "tell us more" with the dimensions, the service, the
 * Citizen's Manual questions and a comment. With JavaScript the proof of work is solved in the
 * background into the hidden `altcha` field.
 */
export class RatePage extends CitizenPage {
  private constructor(
    site: Site,
    readonly mode: 'rate' | 'kiosk',
  ) {
    super(site);
  }

  /** Opens the URL as typed or scanned: no referrer, so the rating counts as from the poster. */
  static async open(site: Site, code: string, mode: 'rate' | 'kiosk' = 'rate'): Promise<RatePage> {
    await site.goto(`/p/${code}/${mode}`);
    return RatePage.arrived(site, mode);
  }

  static arrived(site: Site, mode: 'rate' | 'kiosk'): Promise<RatePage> {
    return CitizenPage.arrive(new RatePage(site, mode));
  }

  form(): Locator {
    return this.page.locator('form#rate-form');
  }

  /** `qr` or `web`, as the form will tell the server (kiosk forms have none). */
  channel(): Promise<string> {
    return this.form().locator('input[name="channel"]').inputValue();
  }

  /** The previous visitor's thanks at the top of a kiosk form. */
  kioskThanks(): Locator {
    return this.page.locator('main .kiosk-thanks');
  }

  /** The kiosk's warning that a form left alone is about to be cleared. */
  kioskIdleNotice(): Locator {
    return this.page.locator('main .kiosk-idle');
  }

  async proofOfWork(): Promise<ProofOfWork> {
    await this.page.waitForFunction(() => document.querySelector<HTMLInputElement>('input[name="altcha"]')?.value !== '');
    return decodeProofOfWork(await this.form().locator('input[name="altcha"]').inputValue());
  }

  /** What the form holds now: the radios checked, the values of the selects, and the comment. */
  async answers(): Promise<{ checked: number; selects: string[]; comment: string }> {
    return {
      checked: await this.form().locator('input[type="radio"]:checked').count(),
      selects: await this.form()
        .locator('select')
        .evaluateAll((selects) => selects.map((select) => (select as HTMLSelectElement).value)),
      comment: await this.form().locator('#f-comment').inputValue(),
    };
  }

  /** Taps the face of `score`: its label, which is what a person sees. */
  async chooseOverall(score: Rating['overall']): Promise<void> {
    await this.form().locator(`label[for="${score === 1 ? 'f-overall' : `f-overall-${score}`}"]`).click();
  }

  /** Answers as a visitor does; "tell us more" is opened when anything optional is answered. Returns the service's title. */
  async fill(rating: Rating): Promise<string | null> {
    await this.chooseOverall(rating.overall);
    if (Object.keys(rating).every((key) => key === 'overall')) return null;
    const more = this.form().locator('details.more');
    if (!(await more.evaluate((details) => (details as HTMLDetailsElement).open))) await more.locator('summary').click();
    for (const [dimension, score] of Object.entries(rating.dimensions ?? {})) await this.form().locator(`#f-${dimension}`).selectOption(String(score));
    let service: string | null = null;
    if (rating.service !== undefined) {
      const option = this.form().locator('#f-manual option').nth(rating.service);
      service = (await option.innerText()).trim();
      await this.form().locator('#f-manual').selectOption({ index: rating.service });
    }
    if (rating.followedManual) await this.form().locator(`input[name="followed_manual"][value="${rating.followedManual}"]`).check();
    if (rating.copyDemanded) await this.form().locator(`input[name="copy_demanded"][value="${rating.copyDemanded}"]`).check();
    if (rating.comment !== undefined) await this.form().locator('#f-comment').fill(rating.comment);
    return service;
  }

  /** Sends the form and returns what the browser posted, once the next page has loaded. */
  private async post(): Promise<URLSearchParams> {
    const path = new URL(this.page.url()).pathname;
    const posted = this.page.waitForRequest((request: Request) => request.method() === 'POST' && new URL(request.url()).pathname === path);
    await this.navigate(() => this.form().locator('button[type="submit"]').click());
    await this.page.waitForLoadState('load');
    const problems = this.page.locator('main #problems');
    if ((await problems.count()) > 0) throw new Error(`${this.page.url()} refused the rating: ${(await problems.innerText()).replace(/\s+/g, ' ')}`);
    return new URLSearchParams((await posted).postData() ?? '');
  }

  async send(): Promise<{ posted: URLSearchParams; thanks: RateThanksPage }> {
    const posted = await this.post();
    return { posted, thanks: await RateThanksPage.arrived(this.site) };
  }

  /** A kiosk sends and comes back as a fresh form for the next visitor. */
  async sendAtKiosk(): Promise<{ posted: URLSearchParams; next: RatePage }> {
    const posted = await this.post();
    return { posted, next: await RatePage.arrived(this.site, 'kiosk') };
  }

  /** The fresh form a kiosk loads by itself while `time` passes (a form left alone). */
  async clearsItselfWhile(time: () => Promise<void>): Promise<RatePage> {
    await this.navigate(time);
    return RatePage.arrived(this.site, this.mode);
  }
}
