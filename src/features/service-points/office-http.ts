/** What the back office's pages share about answering a form: the redirect after a change and its notice. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { localePrefix, messageByKey, type Locale } from '../../i18n/index.js';
import { officeMessages } from './office-messages.js';

/** `?done=…` after a redirect → the notice shown on the page. */
const NOTICES: Record<string, keyof (typeof officeMessages)['th']> = {
  saved: 'saved',
  unchanged: 'nothingChanged',
  created: 'created',
  pin: 'pinSaved',
  verification: 'verificationSaved',
  hours: 'hoursSaved',
  exception: 'exceptionSaved',
  exceptionDeleted: 'exceptionDeleted',
  closed: 'pointClosed',
  reopened: 'pointReopened',
  photoAdded: 'photoAdded',
  photoDeleted: 'photoDeleted',
  photoMoved: 'photoMoved',
  photoText: 'photoTextSaved',
};

export function noticeFor(locale: Locale, done: string | undefined): string | null {
  const key = done ? NOTICES[done] : undefined;
  return key ? messageByKey(officeMessages.for(locale), key) : null;
}

export const redirectTo = (request: FastifyRequest, reply: FastifyReply, path: string, done: string) =>
  reply.redirect(`${localePrefix(request.locale)}${path}?done=${done}`, 303);
