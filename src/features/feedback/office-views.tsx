/** Back-office pages of citizen feedback: the inbox, one rating, and the two review queues. */
import type { FieldIssue } from '../../http/errors.js';
import { CsrfField, Field, IssueSummary } from '../../http/forms.js';
import { useHref, useMessages, useView } from '../../http/view.js';
import { Localised, textFor } from '../../http/views/localised.js';
import { OfficeLayout } from '../../http/views/office-layout.js';
import { formatDate, formatNumber, messageByKey } from '../../i18n/index.js';
import { HELD_REASONS, type HeldReason } from './comment-checks.js';
import { COMMENT_MAX, REPLY_MAX } from './office-actions.js';
import { officeFeedbackMessages, type OfficeFeedbackMessages } from './office-messages.js';
import { COMMENT_STATUSES, COUNT_CAP, REPLY_FILTERS, type FeedbackCounts, type FeedbackItem, type Listing } from './office-queries.js';
import { DIMENSIONS } from './rollups.js';

type M = OfficeFeedbackMessages;

const STATUS_TONE: Record<string, string> = { published: 'ok', held: 'warn', rejected: 'bad' };

const pick = (m: M, key: string): string => messageByKey(m, key, key.replace(/^[a-z]+_/, ''));

function heldReasonText(m: M, reason: string | null): string | null {
  if (!reason) return null;
  const known = (HELD_REASONS as readonly string[]).includes(reason) ? m[`held_${reason as HeldReason}`] : m.heldOther(reason);
  return m.heldBecause(known);
}

/** Citizens' and officers' text, marked with its language when it is not the page's (screen readers). */
function Written({ text, quote }: { text: string; quote?: boolean }) {
  const { locale } = useView();
  const written = /[\u0E00-\u0E7F]/.test(text) ? 'th' : 'en';
  const lang = written === locale ? undefined : written;
  return quote ? (
    <blockquote class="citizen-comment" lang={lang}>
      {text}
    </blockquote>
  ) : (
    <p class="complaint-text" lang={lang}>
      {text}
    </p>
  );
}

/** "1,000+" once a count reached its cap. */
function countText(total: number, locale: 'th' | 'en'): string {
  return total > COUNT_CAP ? `${formatNumber(COUNT_CAP, locale)}+` : formatNumber(total, locale);
}

function Score({ score }: { score: number }) {
  const m = useMessages(officeFeedbackMessages);
  return (
    <span>
      <span class="stars" aria-hidden="true">
        {'★'.repeat(score)}
        {'☆'.repeat(5 - score)}
      </span>{' '}
      <span>{m.scoreOf(score)}</span>
    </span>
  );
}

function Notice({ text }: { text: string | null }) {
  return text ? (
    <p class="notice" role="status">
      {text}
    </p>
  ) : null;
}

function Badges({ item }: { item: FeedbackItem }) {
  const m = useMessages(officeFeedbackMessages);
  return (
    <p class="meta-row">
      {item.commentStatus !== 'none' && <span class={`badge ${STATUS_TONE[item.commentStatus] ?? 'neutral'}`}>{pick(m, `status_${item.commentStatus}`)}</span>}
      {item.commentStatus === 'published' && (item.reply ? <span class="badge ok">{m.reply_replied}</span> : <span class="badge warn">{m.reply_awaiting}</span>)}
      {item.reviewStatus && <span class={`badge ${item.reviewStatus === 'pending' ? 'warn' : 'neutral'}`}>{pick(m, `review_${item.reviewStatus}`)}</span>}
    </p>
  );
}

function Answer({ value }: { value: string | null }) {
  const m = useMessages(officeFeedbackMessages);
  return <>{value ? pick(m, `answer_${value}`) : m.notAnswered}</>;
}

/** The citizen's answers: dimensions, service, and the two Citizen's Manual questions. */
function Answers({ item, compact }: { item: FeedbackItem; compact: boolean }) {
  const m = useMessages(officeFeedbackMessages);
  const { locale } = useView();
  const answered = DIMENSIONS.filter((d) => item.dimensions[d] !== null);
  return (
    <dl class="facts stack-narrow">
      <dt>{m.dimensions}</dt>
      <dd>
        {m.dimensionsAnswered(answered.length, DIMENSIONS.length)}
        {(compact ? answered : DIMENSIONS).length > 0 && (
          <ul class="plain-list">
            {(compact ? answered : DIMENSIONS).map((d) => (
              <li key={d}>
                {pick(m, `dimension_${d}`)}: {item.dimensions[d] === null ? m.notAnswered : `${formatNumber(item.dimensions[d], locale)}/5`}
              </li>
            ))}
          </ul>
        )}
      </dd>
      {item.manualTitleTh && (
        <>
          <dt>{m.service}</dt>
          <dd>
            <Localised th={item.manualTitleTh} en={item.manualTitleEn} />
          </dd>
        </>
      )}
      <dt>{compact ? m.followedManualShort : m.followedManual}</dt>
      <dd>
        <Answer value={item.followedManual} />
      </dd>
      <dt>{compact ? m.copyDemandedShort : m.copyDemanded}</dt>
      <dd>
        <Answer value={item.copyDemanded} />
      </dd>
    </dl>
  );
}

function CommentText({ item }: { item: FeedbackItem }) {
  const m = useMessages(officeFeedbackMessages);
  const reason = item.commentStatus === 'held' ? heldReasonText(m, item.heldReason) : null;
  return (
    <>
      {reason && <p class="meta">{reason}</p>}
      {item.comment === null ? <p class="meta">{m.commentHidden}</p> : <Written text={item.comment} quote />}
    </>
  );
}

function ReplyText({ item }: { item: FeedbackItem }) {
  const m = useMessages(officeFeedbackMessages);
  const { locale } = useView();
  if (!item.reply) return null;
  return (
    <div class="answer">
      <p>
        <strong>{m.replyHeading}</strong> <span class="meta">· {m.repliedBy(item.replyAt ? formatDate(item.replyAt, locale, 'dateTime') : '—', item.replyByName)}</span>
      </p>
      <Written text={item.reply} />
    </div>
  );
}

/** Point, date, score and state of one rating, as the heading of a card. */
function CardHead({ item, link }: { item: FeedbackItem; link: boolean }) {
  const m = useMessages(officeFeedbackMessages);
  const href = useHref();
  const { locale } = useView();
  const name = <Localised th={item.pointNameTh} en={item.pointNameEn} />;
  return (
    <>
      <h2>
        {link ? <a href={href(`/office/feedback/${item.id}`)}>{name}</a> : name} <span class="meta">({item.pointCode})</span>
      </h2>
      <p class="meta">
        <Localised th={item.organisationNameTh} en={item.organisationNameEn} /> · {m.rated} {formatDate(item.createdAt, locale, 'dateTime')} · {pick(m, `channel_${item.channel}`)}
      </p>
      <p>
        <Score score={item.overall} />
      </p>
      <Badges item={item} />
    </>
  );
}

function Pager({ page, hasNext, link }: { page: number; hasNext: boolean; link: (page: number) => string }) {
  const m = useMessages(officeFeedbackMessages);
  if (page === 1 && !hasNext) return null;
  return (
    <nav class="pager" aria-label={m.page(page)}>
      {page > 1 && (
        <a class="button secondary" href={link(page - 1)} rel="prev">
          {m.previous}
        </a>
      )}
      <span>{m.page(page)}</span>
      {hasNext && (
        <a class="button secondary" href={link(page + 1)} rel="next">
          {m.next}
        </a>
      )}
    </nav>
  );
}

function QueueLinks() {
  const m = useMessages(officeFeedbackMessages);
  const href = useHref();
  return (
    <p class="actions">
      <a class="button secondary" href={href('/office/feedback/held')}>
        {m.heldTitle}
      </a>
      <a class="button secondary" href={href('/office/feedback/pending')}>
        {m.pendingTitle}
      </a>
    </p>
  );
}

export interface InboxQuery {
  point: string;
  status: string;
  reply: string;
  score: string;
  page: number;
}

export function InboxPage({ query, listing, moderator }: { query: InboxQuery; listing: Listing; moderator: boolean }) {
  const m = useMessages(officeFeedbackMessages);
  const href = useHref();
  const { locale } = useView();
  const pageLink = (page: number) => {
    const params = new URLSearchParams();
    for (const key of ['point', 'status', 'reply', 'score'] as const) if (query[key]) params.set(key, query[key]);
    params.set('page', String(page));
    return href(`/office/feedback?${params}`);
  };
  return (
    <OfficeLayout title={m.inboxTitle}>
      <h1>{m.inboxTitle}</h1>
      <p>{m.inboxIntro}</p>
      {moderator && (
        <section aria-labelledby="queues-heading">
          <h2 id="queues-heading">{m.queues}</h2>
          <QueueLinks />
        </section>
      )}
      <form method="get" action={href('/office/feedback')} class="search-form" aria-label={m.filters}>
        <div class="filters">
          <Field name="point" label={m.point} hint={m.pointHint} issues={[]}>
            {(describedBy) => <input id="f-point" name="point" type="text" value={query.point} maxLength={6} autocapitalize="characters" aria-describedby={describedBy} />}
          </Field>
          <div class="field">
            <label for="f-status">{m.commentStatus}</label>
            <select id="f-status" name="status">
              <option value="">{m.anyStatus}</option>
              {COMMENT_STATUSES.map((status) => (
                <option key={status} value={status} selected={query.status === status}>
                  {m[`status_${status}`]}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="f-reply">{m.replyFilter}</label>
            <select id="f-reply" name="reply">
              <option value="">{m.anyReply}</option>
              {REPLY_FILTERS.map((reply) => (
                <option key={reply} value={reply} selected={query.reply === reply}>
                  {m[`reply_${reply}`]}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="f-score">{m.score}</label>
            <select id="f-score" name="score">
              <option value="">{m.anyScore}</option>
              {[5, 4, 3, 2, 1].map((score) => (
                <option key={score} value={String(score)} selected={query.score === String(score)}>
                  {m.scoreOption(score)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <p>
          <button type="submit">{m.filter}</button>
        </p>
      </form>
      <p role="status">{listing.total > COUNT_CAP ? m.countOver(formatNumber(COUNT_CAP, locale)) : m.count(formatNumber(listing.total, locale))}</p>
      {listing.items.length === 0 ? (
        <p>{m.empty}</p>
      ) : (
        <ul class="result-list">
          {listing.items.map((item) => (
            <li key={item.id} class="card">
              <CardHead item={item} link />
              <CommentText item={item} />
              <ReplyText item={item} />
              {item.commentStatus === 'published' && !item.reply && (
                <p>
                  <a href={href(`/office/feedback/${item.id}#reply-heading`)}>{m.answerIt}</a>
                </p>
              )}
              <Answers item={item} compact />
            </li>
          ))}
        </ul>
      )}
      <Pager page={query.page} hasNext={listing.hasNext} link={pageLink} />
    </OfficeLayout>
  );
}

function ReplySection({ item, issues, draft }: { item: FeedbackItem; issues: FieldIssue[]; draft: string }) {
  const m = useMessages(officeFeedbackMessages);
  const href = useHref();
  return (
    <section aria-labelledby="reply-heading">
      <h2 id="reply-heading">{m.replyHeading}</h2>
      {item.reply ? (
        <ReplyText item={item} />
      ) : item.commentStatus !== 'published' ? (
        <p>{m.replyNotYet}</p>
      ) : (
        <form method="post" action={href(`/office/feedback/${item.id}/reply`)} class="narrow-form">
          <CsrfField />
          <Field name="reply" label={m.replyLabel} hint={m.replyHint(REPLY_MAX)} issues={issues}>
            {(describedBy, invalid) => (
              <textarea id="f-reply" name="reply" rows={5} maxLength={REPLY_MAX} required aria-describedby={describedBy} aria-invalid={invalid}>
                {draft}
              </textarea>
            )}
          </Field>
          <button type="submit">{m.sendReply}</button>
        </form>
      )}
    </section>
  );
}

/** Publish (as edited) or reject one held comment; `from` tells where to come back to. */
function ModerationForm({ item, issues, draft, from }: { item: FeedbackItem; issues: FieldIssue[]; draft: string | null; from: 'queue' | 'detail' }) {
  const m = useMessages(officeFeedbackMessages);
  const href = useHref();
  const field = `comment-${item.id}`;
  return (
    <form method="post" action={href(`/office/feedback/${item.id}/moderation`)} class="narrow-form">
      <CsrfField />
      <input type="hidden" name="from" value={from} />
      <Field name={field} label={m.commentToPublish} hint={m.commentToPublishHint(COMMENT_MAX)} issues={issues}>
        {(describedBy, invalid) => (
          <textarea id={`f-${field}`} name="comment" rows={4} maxLength={COMMENT_MAX} aria-describedby={describedBy} aria-invalid={invalid}>
            {draft ?? item.comment ?? ''}
          </textarea>
        )}
      </Field>
      <p class="actions">
        <button type="submit" name="decision" value="publish">
          {m.publish}
        </button>
        <button type="submit" name="decision" value="reject" class="secondary">
          {m.rejectComment}
        </button>
      </p>
    </form>
  );
}

export interface DetailProps {
  item: FeedbackItem;
  notice: string | null;
  issues: FieldIssue[];
  replyDraft: string;
  commentDraft: string | null;
}

export function DetailPage({ item, notice, issues, replyDraft, commentDraft }: DetailProps) {
  const m = useMessages(officeFeedbackMessages);
  const href = useHref();
  const { locale } = useView();
  const pointName = textFor(locale, item.pointNameTh, item.pointNameEn);
  return (
    <OfficeLayout title={m.detailTitle(pointName)}>
      <p>
        <a href={href('/office/feedback')}>{m.backToInbox}</a>
      </p>
      <h1>{m.detailTitle(pointName)}</h1>
      <Notice text={notice} />
      <IssueSummary issues={issues} />
      <h2>{m.facts}</h2>
      <dl class="facts stack-narrow">
        <dt>{m.pointFact}</dt>
        <dd>
          <Localised th={item.pointNameTh} en={item.pointNameEn} /> ({item.pointCode}) · <a href={href(`/p/${item.pointCode}`)}>{m.publicPage}</a>
        </dd>
        <dt>{m.organisation}</dt>
        <dd>
          <Localised th={item.organisationNameTh} en={item.organisationNameEn} />
        </dd>
        <dt>{m.rated}</dt>
        <dd>{formatDate(item.createdAt, locale, 'dateTime')}</dd>
        <dt>{m.channel}</dt>
        <dd>{pick(m, `channel_${item.channel}`)}</dd>
        <dt>{m.score}</dt>
        <dd>
          <Score score={item.overall} />
          {!item.counted && item.reviewStatus === null && <p class="meta">{m.notCounted}</p>}
        </dd>
      </dl>
      <Badges item={item} />
      <Answers item={item} compact={false} />
      {item.commentStatus !== 'none' && (
        <section aria-labelledby="comment-heading">
          <h2 id="comment-heading">{m.comment}</h2>
          <CommentText item={item} />
          {item.commentStatus === 'held' && item.canModerate && (
            <>
              <h3>{m.moderation}</h3>
              <ModerationForm item={item} issues={issues} draft={commentDraft} from="detail" />
            </>
          )}
        </section>
      )}
      {item.commentStatus !== 'none' && <ReplySection item={item} issues={issues} draft={replyDraft} />}
      {item.reviewStatus === 'pending' && item.canModerate && (
        <section aria-labelledby="review-heading">
          <h2 id="review-heading">{m.review}</h2>
          <p class="hint">{m.reviewHint}</p>
          <form method="post" action={href('/office/feedback/review')}>
            <CsrfField />
            <input type="hidden" name="ids" value={String(item.id)} />
            <input type="hidden" name="from" value="detail" />
            <p class="actions">
              <button type="submit" name="decision" value="release">
                {m.releaseOne}
              </button>
              <button type="submit" name="decision" value="reject" class="secondary">
                {m.rejectOne}
              </button>
            </p>
          </form>
        </section>
      )}
    </OfficeLayout>
  );
}

export function HeldPage({ listing, page, notice, failed }: { listing: Listing; page: number; notice: string | null; failed: { id: number; issues: FieldIssue[]; draft: string } | null }) {
  const m = useMessages(officeFeedbackMessages);
  const href = useHref();
  const { locale } = useView();
  return (
    <OfficeLayout title={m.heldTitle}>
      <p>
        <a href={href('/office/feedback')}>{m.backToInbox}</a>
      </p>
      <h1>{m.heldTitle}</h1>
      <p>{m.heldIntro}</p>
      <Notice text={notice} />
      {failed && <IssueSummary issues={failed.issues} />}
      <p role="status">{m.heldCount(countText(listing.total, locale))}</p>
      {listing.items.length === 0 ? (
        <p>{m.heldEmpty}</p>
      ) : (
        <ul class="result-list">
          {listing.items.map((item) => (
            <li key={item.id} class="card">
              <CardHead item={item} link />
              <CommentText item={item} />
              <ModerationForm item={item} issues={failed?.id === item.id ? failed.issues : []} draft={failed?.id === item.id ? failed.draft : null} from="queue" />
            </li>
          ))}
        </ul>
      )}
      <Pager page={page} hasNext={listing.hasNext} link={(n) => href(`/office/feedback/held?page=${n}`)} />
    </OfficeLayout>
  );
}

export function PendingPage({ listing, page, notice, issues }: { listing: Listing; page: number; notice: string | null; issues: FieldIssue[] }) {
  const m = useMessages(officeFeedbackMessages);
  const href = useHref();
  const { locale } = useView();
  return (
    <OfficeLayout title={m.pendingTitle}>
      <p>
        <a href={href('/office/feedback')}>{m.backToInbox}</a>
      </p>
      <h1>{m.pendingTitle}</h1>
      <p>{m.pendingIntro}</p>
      <Notice text={notice} />
      <IssueSummary issues={issues} />
      <p role="status">{m.pendingCount(countText(listing.total, locale))}</p>
      {listing.items.length === 0 ? (
        <p>{m.pendingEmpty}</p>
      ) : (
        <form method="post" action={href('/office/feedback/review')}>
          <CsrfField />
          <input type="hidden" name="from" value="queue" />
          <fieldset id="f-ids">
            <legend>{m.pendingTitle}</legend>
            <ul class="result-list">
              {listing.items.map((item) => (
                <li key={item.id} class="card">
                  <label class="choice">
                    <input type="checkbox" name="ids" value={String(item.id)} />
                    <span>
                      <strong>
                        <Localised th={item.pointNameTh} en={item.pointNameEn} /> ({item.pointCode})
                      </strong>
                      <br />
                      <span class="meta">
                        {formatDate(item.createdAt, locale, 'dateTime')} · {pick(m, `channel_${item.channel}`)}
                      </span>
                      <br />
                      <Score score={item.overall} />
                    </span>
                  </label>
                  {item.comment && <Written text={item.comment} quote />}
                  <p>
                    <a href={href(`/office/feedback/${item.id}`)}>{m.openRating}</a>
                  </p>
                </li>
              ))}
            </ul>
          </fieldset>
          <p class="hint">{m.reviewHint}</p>
          <p class="actions">
            <button type="submit" name="decision" value="release">
              {m.release}
            </button>
            <button type="submit" name="decision" value="reject" class="secondary">
              {m.rejectRatings}
            </button>
          </p>
        </form>
      )}
      <Pager page={page} hasNext={listing.hasNext} link={(n) => href(`/office/feedback/pending?page=${n}`)} />
    </OfficeLayout>
  );
}

/** The office home's part: what waits in feedback, each count linking to its list. */
export function FeedbackSummary({ counts }: { counts: FeedbackCounts }) {
  const m = useMessages(officeFeedbackMessages);
  const href = useHref();
  const { locale } = useView();
  return (
    <section aria-labelledby="feedback-heading">
      <h2 id="feedback-heading">{m.homeHeading}</h2>
      <ul>
        <li>
          <a href={href('/office/feedback?status=published&reply=awaiting')}>{m.homeAwaiting(countText(counts.awaitingReply, locale))}</a>
        </li>
        {counts.held !== null && (
          <li>
            <a href={href('/office/feedback/held')}>{m.homeHeld(countText(counts.held, locale))}</a>
          </li>
        )}
        {counts.pending !== null && (
          <li>
            <a href={href('/office/feedback/pending')}>{m.homePending(countText(counts.pending, locale))}</a>
          </li>
        )}
        <li>
          <a href={href('/office/feedback')}>{m.homeInbox}</a>
        </li>
      </ul>
    </section>
  );
}
