/**
 * A complainant's contact details: optional, given only with consent, encrypted at rest
 * (AES-GCM, a key of its own purpose), opened only to send status e-mails, to forward a consented
 * complaint and for the officers who handle it — each of their views is audited. Never logged.
 */
import { createSealer, type Sealer } from '../../auth/seal.js';
import type { Locale } from '../../i18n/index.js';

export interface Contact {
  name: string | null;
  phone: string | null;
  email: string | null;
  /** the language the complainant used, for the e-mails */
  locale: Locale;
}

const sealers = new Map<string, Sealer>();
function sealerFor(piiKey: string): Sealer {
  let sealer = sealers.get(piiKey);
  if (!sealer) {
    sealer = createSealer(piiKey, 'complaint-contact');
    sealers.set(piiKey, sealer);
  }
  return sealer;
}

export const hasContact = (contact: Pick<Contact, 'name' | 'phone' | 'email'>): boolean => Boolean(contact.name || contact.phone || contact.email);

export function sealContact(piiKey: string, contact: Contact): string {
  return sealerFor(piiKey).seal(JSON.stringify(contact));
}

export function openContact(piiKey: string, sealed: string): Contact {
  const value = JSON.parse(sealerFor(piiKey).open(sealed)) as Partial<Contact>;
  return { name: value.name ?? null, phone: value.phone ?? null, email: value.email ?? null, locale: value.locale === 'en' ? 'en' : 'th' };
}
