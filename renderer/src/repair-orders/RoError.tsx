import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ApiIssue } from '../../../shared/contract/errors';
import { toApiError } from '../api/errors';
import { orpc } from '../api/client';
import { FormFooter } from '../ui/form-submit';
import { describeRoError, describeRoIssue } from './ro-format';

/** Re-reads the RO after another desk saved it first: the screen then shows what is on file. */
function ReloadRo({ roId }: { roId: number }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return (
    <button type="button" onClick={() => void queryClient.invalidateQueries({ queryKey: orpc.repairOrders.get.key({ input: { id: roId } }) })}>
      {t('customer.reload')}
    </button>
  );
}

/**
 * A refused RO write in the desk's language. A stale version (another desk saved first) offers a reload, and the
 * person does again what still needs doing.
 */
export function RoError({ error, roId }: { error: unknown; roId: number }) {
  const { t } = useTranslation();
  if (!error) return null;
  const stale = toApiError(error).code === 'CONFLICT';
  return (
    <div className="banner banner-error" role="alert">
      {describeRoError(t, error)}
      {stale ? (
        <>
          {' '}
          {t('ro.staleHint')} <ReloadRo roId={roId} />
        </>
      ) : null}
    </div>
  );
}

/** The footer of an RO form: the shared footer, with RO wording and a reload for a stale RO. */
export function RoFormFooter(props: { roId: number; unplaced: ApiIssue[]; submitting: boolean; submitLabel: string; onCancel?: () => void }) {
  const stale = props.unplaced.some((issue) => issue.reason === 'staleVersion');
  return (
    <FormFooter
      unplaced={props.unplaced}
      submitting={props.submitting}
      submitLabel={props.submitLabel}
      {...(props.onCancel ? { onCancel: props.onCancel } : {})}
      describe={describeRoIssue}
      extra={
        stale ? (
          <>
            {' '}
            <ReloadRo roId={props.roId} />
          </>
        ) : null
      }
    />
  );
}
