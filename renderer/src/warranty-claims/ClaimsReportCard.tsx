import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { deskDay } from '../../../shared/domain/desk-time';
import { formatYuan } from '../../../shared/domain/money';
import { orpc } from '../api/client';
import { ErrorBanner } from '../ui/widgets';

/**
 * What a manager watches on warranty claims (docs/warranty-claims.md "Report"), for the desk's current month: the
 * receivable by age, the rejection rate and its first reasons, the money written off and what waits for approval.
 */
export function ClaimsReportCard() {
  const { t, i18n } = useTranslation();
  const today = deskDay(new Date());
  const input = { from: `${today.slice(0, 8)}01`, to: today };
  const report = useQuery(orpc.warrantyClaims.report.queryOptions({ input }));
  if (report.isError) return <ErrorBanner error={report.error} />;
  if (!report.data) return null;
  const r = report.data;
  const money = (fen: number) => formatYuan(fen, i18n.language);
  // The age buckets that hold claims; none at all prints no empty brackets.
  const ages = r.receivable.filter((b) => b.claims > 0).map((b) => `${t(`warrantyClaims.ageBuckets.${b.bucket}`)}: ${b.claims}`);
  return (
    <dl className="claims-report small" aria-label={t('warrantyClaims.report.title')}>
      <dt>{t('warrantyClaims.report.receivable')}</dt>
      <dd>
        {money(r.receivableFen)}
        {ages.length > 0 ? ` (${ages.join(', ')})` : ''}
      </dd>
      <dt>{t('warrantyClaims.report.rejectionRate')}</dt>
      <dd>
        {t('warrantyClaims.report.rate', {
          rate: (r.rejectionRateBp / 100).toFixed(1),
          rejections: r.rejections,
          answers: r.answers,
        })}
        {r.reasons.length > 0
          ? ` · ${r.reasons
              .slice(0, 3)
              .map((x) => `${x.reason} (${x.count})`)
              .join(', ')}`
          : ''}
      </dd>
      <dt>{t('warrantyClaims.report.writtenOff')}</dt>
      <dd>
        {money(r.writtenOff.fen)} ({r.writtenOff.claims}) · {t('warrantyClaims.report.pending')}: {money(r.writeOffPending.fen)} (
        {r.writeOffPending.claims})
      </dd>
    </dl>
  );
}
