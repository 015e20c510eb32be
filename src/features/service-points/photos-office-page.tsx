/** The photos page: upload (a plain multipart form), describe, reorder and delete. */
import type { FieldIssue } from '../../http/errors.js';
import { CsrfField, Field, IssueSummary } from '../../http/forms.js';
import { useHref, useMessages, useView } from '../../http/view.js';
import { officeMessages } from './office-messages.js';
import type { PointAccess } from './office-queries.js';
import { PHOTO_ALT_MAX } from './office-input.js';
import { localName, PointFrame } from './office-views.js';
import { PHOTOS_PER_POINT } from './photos-office.js';
import type { PhotoLine } from './photos-office-queries.js';

export interface PhotosPageProps {
  access: PointAccess;
  photos: PhotoLine[];
  notice: string | null;
  issues: FieldIssue[];
  upload: { altTh: string; altEn: string };
  /** the photo whose description form failed, with its issues */
  failed: { photoId: number; issues: FieldIssue[]; altTh: string; altEn: string } | null;
}

function PhotoCard({ access, photo, index, count, failed }: { access: PointAccess; photo: PhotoLine; index: number; count: number; failed: PhotosPageProps['failed'] }) {
  const m = useMessages(officeMessages);
  const href = useHref();
  const { locale } = useView();
  const base = `/office/points/${access.point.code}/photos/${photo.id}`;
  const mine = failed?.photoId === photo.id ? failed : null;
  const altTh = mine ? mine.altTh : photo.altTh;
  const altEn = mine ? mine.altEn : (photo.altEn ?? '');
  const thError = mine?.issues.find((issue) => issue.field === 'alt_th')?.[locale] ?? null;
  return (
    <li class="card photo-card">
      <h3>{m.photoN(index + 1)}</h3>
      <img src={href(`${base}/image`)} alt={localName(locale, photo.altTh, photo.altEn)} width={photo.width} height={photo.height} loading="lazy" />
      {access.canManage ? (
        <>
          <form method="post" action={href(base)} noValidate>
            <CsrfField />
            <div class={thError ? 'field has-error' : 'field'}>
              <label for={`f-alt_th-${photo.id}`}>{m.altTh}</label>
              {thError && (
                <p class="field-error" id={`f-alt_th-${photo.id}-error`}>
                  {thError}
                </p>
              )}
              <input type="text" id={`f-alt_th-${photo.id}`} name="alt_th" lang="th" required maxLength={PHOTO_ALT_MAX} value={altTh} aria-invalid={thError !== null} aria-describedby={thError ? `f-alt_th-${photo.id}-error` : undefined} />
            </div>
            <div class="field">
              <label for={`f-alt_en-${photo.id}`}>{m.altEn}</label>
              <input type="text" id={`f-alt_en-${photo.id}`} name="alt_en" lang="en" maxLength={PHOTO_ALT_MAX} value={altEn} />
            </div>
            <button type="submit" class="secondary">
              {m.saveAlt}
            </button>
          </form>
          <div class="actions">
            {index > 0 && (
              <form method="post" action={href(`${base}/move`)}>
                <CsrfField />
                <button type="submit" name="direction" value="up" class="secondary">
                  ↑ {m.moveUp}
                </button>
              </form>
            )}
            {index < count - 1 && (
              <form method="post" action={href(`${base}/move`)}>
                <CsrfField />
                <button type="submit" name="direction" value="down" class="secondary">
                  ↓ {m.moveDown}
                </button>
              </form>
            )}
            <form method="post" action={href(`${base}/delete`)}>
              <CsrfField />
              <button type="submit" class="secondary danger">
                {m.deletePhoto}
              </button>
            </form>
          </div>
        </>
      ) : (
        <p class="meta">{localName(locale, photo.altTh, photo.altEn)}</p>
      )}
    </li>
  );
}

export function PhotosPage(props: PhotosPageProps) {
  const m = useMessages(officeMessages);
  const href = useHref();
  const { access, photos } = props;
  const base = `/office/points/${access.point.code}/photos`;
  return (
    <PointFrame access={access} tab="photos" title={m.photosTitle} notice={props.notice}>
      <h2>{m.photosTitle}</h2>
      <p>{m.photosIntro}</p>
      <p class="meta">{m.photoCount(photos.length, PHOTOS_PER_POINT)}</p>
      {props.failed && <IssueSummary issues={props.failed.issues.map((issue) => ({ ...issue, field: `${issue.field}-${props.failed?.photoId}` }))} />}
      {photos.length === 0 ? (
        <p>{m.noPhotos}</p>
      ) : (
        <ol class="result-list photo-list">
          {photos.map((photo, index) => (
            <PhotoCard key={photo.id} access={access} photo={photo} index={index} count={photos.length} failed={props.failed} />
          ))}
        </ol>
      )}
      {access.canManage && photos.length < PHOTOS_PER_POINT && (
        // The CSRF field comes first so it is read before the file (the body is parsed as a whole either way).
        <form method="post" action={href(base)} encType="multipart/form-data" class="narrow-form upload-form" noValidate>
          <CsrfField />
          <h3>{m.uploadLegend}</h3>
          <IssueSummary issues={props.issues} />
          <Field name="photo" label={m.photoFile} hint={m.photoFileHint} issues={props.issues}>
            {(describedBy, invalid) => <input id="f-photo" name="photo" type="file" accept="image/jpeg,image/png,image/webp" required aria-describedby={describedBy} aria-invalid={invalid} />}
          </Field>
          <Field name="alt_th" label={m.altTh} hint={m.altThHint} issues={props.issues}>
            {(describedBy, invalid) => <input type="text" id="f-alt_th" name="alt_th" lang="th" required maxLength={PHOTO_ALT_MAX} value={props.upload.altTh} aria-describedby={describedBy} aria-invalid={invalid} />}
          </Field>
          <Field name="alt_en" label={m.altEn} hint={m.optional} issues={props.issues}>
            {(describedBy, invalid) => <input type="text" id="f-alt_en" name="alt_en" lang="en" maxLength={PHOTO_ALT_MAX} value={props.upload.altEn} aria-describedby={describedBy} aria-invalid={invalid} />}
          </Field>
          <button type="submit">{m.upload}</button>
        </form>
      )}
    </PointFrame>
  );
}
