import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { contract } from '../../../shared/contract';
import type { ClaimDto } from '../../../shared/contract/warranty-claims';
import { formatYuan } from '../../../shared/domain/money';
import { EDITABLE_STATUSES, OUTSTANDING_STATUSES, submissionTarget } from '../../../shared/domain/warranty-claims';
import { api, orpc } from '../api/client';
import { canCall } from '../app/access';
import { useUser } from '../app/session-context';
import { downloadBase64 } from '../parts/parts-format';
import { formatDateTime } from '../ui/format';
import { ErrorBanner, Loading } from '../ui/widgets';
import { ClaimEditForm } from './ClaimEditForm';
import { fenOfYuanText } from './yuan-text';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** One claim beside the grid: its content, parts with their old-part tags, history, and what may be done now. */
export function ClaimPanel({ claimId, onChanged }: { claimId: number; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const query = useQuery(orpc.warrantyClaims.get.queryOptions({ input: { id: claimId } }));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [reason, setReason] = useState('');
  const [amount, setAmount] = useState('');
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorBanner error={query.error} />;
  const claim = query.data;
  const money = (fen: number) => formatYuan(fen, i18n.language);

  async function run(work: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await work();
      await query.refetch();
      onChanged();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }
  const submit = (c: ClaimDto) => run(() => api.warrantyClaims.submitBatch({ claims: [{ id: c.id, version: c.version }] }));
  const outcome = (kind: 'accepted' | 'rejected' | 'paid') =>
    run(() =>
      api.warrantyClaims.recordOutcome({
        id: claim.id,
        version: claim.version,
        outcome: kind,
        amountFen: kind === 'paid' ? (fenOfYuanText(amount) ?? 0) : 0,
        reason,
      }),
    );
  const outstanding = OUTSTANDING_STATUSES.includes(claim.status);
  return (
    <section className="card comeback-panel" aria-label={claim.number}>
      <header className="comeback-panel-header">
        <h2>
          {claim.number} · {t(`warrantyClaims.statuses.${claim.status}`)}
        </h2>
      </header>
      <ErrorBanner error={error} />
      <dl className="comeback-pair">
        <dt>{t('warrantyClaims.columns.ro')}</dt>
        <dd>
          {claim.roNumber} · {claim.plate} · {claim.vin}
        </dd>
        <dt>{t('warrantyClaims.labor')}</dt>
        <dd>
          {claim.laborOps.map((op) => `${op.code} ${op.hoursMilli / 1000}h`).join('; ')} · {money(claim.laborFen)}
        </dd>
        <dt>{t('warrantyClaims.parts')}</dt>
        <dd>
          <ul>
            {claim.parts.map((p) => (
              <li key={p.id}>
                {p.partNumber} {p.nameZh} · {money(p.amountFen)} ·{' '}
                {p.oldPartTag ?? (p.mustReturn ? t('warrantyClaims.tagMissing') : t('warrantyClaims.tagNotNeeded'))}
              </li>
            ))}
          </ul>
        </dd>
        <dt>{t('warrantyClaims.columns.claimed')}</dt>
        <dd>{money(claim.claimedFen)}</dd>
        <dt>{t('warrantyClaims.columns.paid')}</dt>
        <dd>
          {money(claim.paidFen)}
          {claim.writtenOffFen > 0
            ? ` · ${t('warrantyClaims.writtenOff', { amount: money(claim.writtenOffFen), reason: claim.writeOffReason })}`
            : ''}
        </dd>
        {claim.rejectionReason ? (
          <>
            <dt>{t('warrantyClaims.rejectionReason')}</dt>
            <dd>{claim.rejectionReason}</dd>
          </>
        ) : null}
        <dt>{t('warrantyClaims.threeC')}</dt>
        <dd>
          {claim.complaint} / {claim.cause} / {claim.correction}
        </dd>
      </dl>
      <div className="form-actions">
        {submissionTarget(claim.status) ? (
          <button type="button" disabled={busy} onClick={() => void submit(claim)}>
            {t('warrantyClaims.submit')}
          </button>
        ) : null}
        {claim.batchId !== null ? (
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              void run(async () => {
                const file = await api.warrantyClaims.exportBatch({ batchId: claim.batchId! });
                downloadBase64(file.fileName, file.dataBase64, XLSX_TYPE);
              })
            }
          >
            {t('warrantyClaims.exportBatch', { batch: claim.batchNumber })}
          </button>
        ) : null}
        {claim.status === 'partly_paid' && canCall(user.role, contract.warrantyClaims.approveWriteOff) ? (
          <button
            type="button"
            disabled={busy}
            onClick={() => void run(() => api.warrantyClaims.approveWriteOff({ id: claim.id, version: claim.version }))}
          >
            {t('warrantyClaims.approveWriteOff')}
          </button>
        ) : null}
      </div>
      {outstanding || claim.status === 'rejected' ? (
        <div className="form-grid">
          <label className="field">
            <span className="field-label">{t('warrantyClaims.reason')}</span>
            <input value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
          {outstanding ? (
            <label className="field">
              <span className="field-label">{t('warrantyClaims.amountPaid')}</span>
              <input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
            </label>
          ) : null}
          <div className="form-actions">
            {outstanding ? (
              <>
                <button type="button" disabled={busy} onClick={() => void outcome('accepted')}>
                  {t('warrantyClaims.accept')}
                </button>
                <button type="button" disabled={busy} onClick={() => void outcome('rejected')}>
                  {t('warrantyClaims.reject')}
                </button>
                <button type="button" disabled={busy} onClick={() => void outcome('paid')}>
                  {t('warrantyClaims.paid')}
                </button>
              </>
            ) : (
              <button
                type="button"
                disabled={busy}
                onClick={() => void run(() => api.warrantyClaims.correct({ id: claim.id, version: claim.version, note: reason }))}
              >
                {t('warrantyClaims.correct')}
              </button>
            )}
          </div>
        </div>
      ) : null}
      {EDITABLE_STATUSES.includes(claim.status) ? (
        <ClaimEditForm
          key={claim.version}
          claim={claim}
          busy={busy}
          onSave={(changes) => void run(() => api.warrantyClaims.update({ id: claim.id, version: claim.version, ...changes }))}
        />
      ) : null}
      <h3>{t('warrantyClaims.history')}</h3>
      <ol className="small">
        {claim.events.map((e, i) => (
          <li key={i}>
            {formatDateTime(e.at)} · {t(`warrantyClaims.statuses.${e.to}`)} · {e.actor?.displayName ?? ''} {e.note}
          </li>
        ))}
      </ol>
    </section>
  );
}
