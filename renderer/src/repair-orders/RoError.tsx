import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ApiIssue } from '../../../shared/contract/errors';
import { toApiError } from '../api/errors';
import { orpc } from '../api/client';
import { FormFooter } from '../ui/form-submit';
import { describeRoError, describeRoIssue } from './ro-format';

/**
 * Re-reads what the screen shows of the RO area (the RO, its check-in, authorisations, declined work) after another
 * desk saved the RO first: the screen then shows what is on file. One RO's sections all carry its one version, so
 * they are read again together.
 */
function ReloadRo() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return (
    <button type="button" onClick={() => void queryClient.invalidateQueries({ queryKey: orpc.repairOrders.key() })}>
      {t('customer.reload')}
    </button>
  );
}

/**
 * A refused RO write in the desk's language. A stale version (another desk saved first) offers a reload, and the
 * person does again what still needs doing.
 */
export function RoError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const stale = toApiError(error).code === 'CONFLICT';
  return (
    <div className="banner banner-error" role="alert">
      {describeRoError(t, error)}
      {stale ? (
        <>
          {' '}
          {t('ro.staleHint')} <ReloadRo />
        </>
      ) : null}
    </div>
  );
}

/** The footer of an RO form: the shared footer, with RO wording and a reload for a stale RO. */
export function RoFormFooter(props: { unplaced: ApiIssue[]; submitting: boolean; submitLabel: string; onCancel?: () => void }) {
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
            <ReloadRo />
          </>
        ) : null
      }
    />
  );
}
