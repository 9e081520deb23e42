import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ApiIssue } from '../../../shared/contract/errors';
import { toApiError } from '../api/errors';
import { orpc } from '../api/client';
import { describeRoError, describeRoIssue } from './ro-format';

/**
 * A refused RO write in the desk's language. A stale version (another desk saved first) offers a reload: the screen
 * then shows what is on file, and the person does again what still needs doing.
 */
export function RoError({ error, roId }: { error: unknown; roId: number }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  if (!error) return null;
  const stale = toApiError(error).code === 'CONFLICT';
  return (
    <div className="banner banner-error" role="alert">
      {describeRoError(t, error)}
      {stale ? (
        <>
          {' '}
          {t('ro.staleHint')}{' '}
          <button
            type="button"
            onClick={() => void queryClient.invalidateQueries({ queryKey: orpc.repairOrders.get.key({ input: { id: roId } }) })}
          >
            {t('customer.reload')}
          </button>
        </>
      ) : null}
    </div>
  );
}

/** The footer of an RO form: what the core refused that no field of the form holds (a reload for a stale RO), then the buttons. */
export function RoFormFooter(props: { roId: number; unplaced: ApiIssue[]; submitting: boolean; submitLabel: string; onCancel?: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const stale = props.unplaced.some((issue) => issue.reason === 'staleVersion');
  return (
    <>
      {props.unplaced.length > 0 ? (
        <div className="banner banner-error field-wide" role="alert">
          {props.unplaced.map((issue) => describeRoIssue(t, issue)).join(' ')}
          {stale ? (
            <>
              {' '}
              <button
                type="button"
                onClick={() => void queryClient.invalidateQueries({ queryKey: orpc.repairOrders.get.key({ input: { id: props.roId } }) })}
              >
                {t('customer.reload')}
              </button>
            </>
          ) : null}
        </div>
      ) : null}
      <div className="form-actions field-wide">
        <button type="submit" className="primary" disabled={props.submitting}>
          {props.submitLabel}
        </button>
        {props.onCancel ? (
          <button type="button" onClick={props.onCancel}>
            {t('customer.cancel')}
          </button>
        ) : null}
      </div>
    </>
  );
}
