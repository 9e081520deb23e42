import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  addPhotoInput,
  MAX_PHOTO_BYTES,
  MAX_PHOTO_MB,
  type CheckInDetail,
  type CheckInPhotoDto,
} from '../../../../shared/contract/repair-orders/check-in';
import { orpc } from '../../api/client';
import { describeIssue } from '../../api/errors';
import { formatDateTime } from '../../ui/format';
import { ErrorBanner, Field } from '../../ui/widgets';
import { RoError } from '../RoError';
import { base64Blob, readAsBase64, useCheckInSaved } from './use-check-in';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { FileButton } from '../../ui/FileButton';

/** One photo, fetched once and shown through a blob: URL that is given back when the thumbnail goes. */
function Thumbnail({ photo, n }: { photo: CheckInPhotoDto; n: number }) {
  const { t } = useTranslation();
  // A stored photo never changes: read it once per visit of the page.
  const data = useQuery({ ...orpc.repairOrders.photo.queryOptions({ input: { photoId: photo.id } }), staleTime: Infinity });
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!data.data) return undefined;
    const objectUrl = URL.createObjectURL(base64Blob(data.data.dataBase64, data.data.mime));
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [data.data]);
  const alt = photo.caption ? `${t('checkIn.photoAlt', { n })}: ${photo.caption}` : t('checkIn.photoAlt', { n });
  if (data.error) return <ErrorBanner error={data.error} />;
  return url ? (
    <img src={url} alt={alt} className="check-in-thumb" />
  ) : (
    <span className="check-in-thumb muted small">{t('checkIn.photoLoading')}</span>
  );
}

/**
 * The check-in photos: files chosen (several at once) and a caption typed in either order, sent by the upload button
 * one after another (each write carries the RO's version the previous one returned), thumbnails, captions and removal.
 */
export function CheckInPhotos(props: { detail: CheckInDetail; vehicleId: number; mayWrite: boolean }) {
  const { t } = useTranslation();
  const { detail } = props;
  const saved = useCheckInSaved(props.vehicleId);
  const add = useMutation(orpc.repairOrders.addPhoto.mutationOptions({ onSuccess: saved }));
  const remove = useMutation(orpc.repairOrders.removePhoto.mutationOptions({ onSuccess: saved }));
  const [caption, setCaption] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [uploading, setUploading] = useState(false);

  const [files, setFiles] = useState<File[]>([]);

  function choose(chosen: File[]) {
    setProblem(null);
    setError(null);
    // Said before anything is sent: a picture above the limit would only be refused by the core.
    const tooLarge = chosen.find((file) => file.size > MAX_PHOTO_BYTES);
    if (tooLarge) {
      setProblem(`${tooLarge.name}: ${describeIssue(t, { reason: 'checkIn.photoTooLarge', params: { max: MAX_PHOTO_MB } })}`);
      setFiles([]);
      return;
    }
    setFiles(chosen);
  }

  async function upload() {
    setProblem(null);
    setError(null);
    const parsedCaption = addPhotoInput.shape.caption.safeParse(caption);
    if (!parsedCaption.success || files.length === 0) return;
    setUploading(true);
    let version = detail.roVersion;
    try {
      for (const file of files) {
        const result = await add.mutateAsync({
          id: detail.repairOrderId,
          version,
          mime: file.type,
          dataBase64: await readAsBase64(file),
          caption: parsedCaption.data,
        });
        version = result.roVersion;
      }
      setCaption('');
      setFiles([]);
    } catch (caught) {
      setError(caught);
    } finally {
      setUploading(false);
    }
  }

  return (
    <div className="check-in-photos">
      <h3>{t('checkIn.photos')}</h3>
      {props.mayWrite ? (
        <div className="form-grid">
          <Field label={t('fields.caption')} name="caption">
            <input maxLength={200} value={caption} onChange={(event) => setCaption(event.target.value)} />
          </Field>
          <Field label={t('checkIn.addPhotos')} name="dataBase64">
            <FileButton accept="image/*" multiple disabled={uploading} chosen={files.map((file) => file.name)} onFiles={choose} />
            <span className="muted small">
              {uploading ? t('checkIn.uploading') : t('checkIn.photoHint', { max: MAX_PHOTO_MB })}
            </span>
          </Field>
          <div className="form-actions">
            <button type="button" className="primary" disabled={uploading || files.length === 0} onClick={() => void upload()}>
              {t('checkIn.uploadPhotos', { count: Math.max(files.length, 1) })}
            </button>
          </div>
        </div>
      ) : null}
      {problem ? (
        <div className="banner banner-error" role="alert">
          {problem}
        </div>
      ) : null}
      <RoError error={error ?? remove.error} />
      {detail.photos.length === 0 ? (
        <p className="muted">{t('checkIn.noPhotos')}</p>
      ) : (
        <ul className="check-in-photo-list" aria-label={t('checkIn.photos')}>
          {detail.photos.map((photo, index) => (
            <li key={photo.id} data-photo-id={photo.id}>
              <figure>
                <Thumbnail photo={photo} n={index + 1} />
                <figcaption>
                  {photo.caption ? <span>{photo.caption}</span> : null}
                  <span className="muted small">
                    {photo.createdBy.displayName} · {formatDateTime(photo.createdAt)}
                  </span>
                </figcaption>
              </figure>
              {props.mayWrite ? (
                <ConfirmButton
                  className="link"
                  label={t('checkIn.removePhoto')}
                  ariaLabel={`${t('checkIn.removePhoto')} ${index + 1}`}
                  question={t('checkIn.confirmRemovePhoto')}
                  disabled={remove.isPending}
                  onConfirm={() => remove.mutate({ id: detail.repairOrderId, version: detail.roVersion, photoId: photo.id })}
                />
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
