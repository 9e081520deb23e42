import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { contract } from '../../../shared/contract';
import type { VehicleRiskDto } from '../../../shared/contract/warranty-risk';
import { orpc } from '../api/client';
import { canCall } from '../app/access';
import { useUser } from '../app/session-context';
import { formatNumber } from '../ui/format';
import { ErrorBanner } from '../ui/widgets';
import { loanerOwedOn, periodText, signalText } from './signal-text';
import './warranty-risk.css';

/** The signals of one vehicle, each with its figures, its period, and links to the ROs they name. */
export function RiskSignals({ risk }: { risk: VehicleRiskDto }) {
  const { t } = useTranslation();
  const user = useUser();
  // From day 6 of an open repair 三包 owes a loaner car (or travel compensation): the advisor is offered one at once.
  const mayLend = canCall(user.role, contract.loaners.lend);
  const offerLoaner = (signal: VehicleRiskDto['signals'][number]) => (mayLend ? loanerOwedOn(signal) : undefined);
  return (
    <>
      <ul className="plain warranty-signals">
        {risk.signals.map((signal, index) => (
          <li key={`${signal.kind}-${index}`} className={`warranty-${signal.level}`}>
            <span className={`badge warranty-badge-${signal.level}`}>{t(`warrantyRisk.levels.${signal.level}`)}</span>{' '}
            {signalText(t, signal, risk)}
            {offerLoaner(signal) !== undefined ? (
              <>
                {' '}
                <Link className="button" to={`/loaners/lend/${offerLoaner(signal)}`} title={t('loaners.offerHint')}>
                  {t('loaners.offer')}
                </Link>
              </>
            ) : null}
          </li>
        ))}
      </ul>
      <p className="small">
        {periodText(t, risk)}
        {risk.mileageKm !== null ? ` · ${t('warrantyRisk.mileage', { km: formatNumber(risk.mileageKm) })}` : ''}
      </p>
      {risk.repairOrders.length > 0 ? (
        <p className="small">
          {t('warrantyRisk.repairOrders')}:{' '}
          {risk.repairOrders.map((ro, index) => (
            <span key={ro.id}>
              {index > 0 ? ', ' : ''}
              <Link className="mono" to={`/repair-orders/${ro.id}`}>
                {ro.number}
              </Link>
            </span>
          ))}
        </p>
      ) : null}
    </>
  );
}

/**
 * The 三包 warning on an RO or a vehicle page: shown when the vehicle has a signal; on the vehicle page
 * (`showOutside`) it also says when the vehicle is outside the radar and why (no invoice date, period over).
 */
export function WarrantyRiskBanner({ vehicleId, showOutside = false }: { vehicleId: number; showOutside?: boolean }) {
  const { t } = useTranslation();
  const user = useUser();
  const allowed = canCall(user.role, contract.warrantyRisk.vehicle);
  // Read again on every mount: the pages key the banner by their record's version, so a change of the RO (a job
  // triaged, a delivery) or of the vehicle (invoice date, mileage) shows at once.
  const query = useQuery({ ...orpc.warrantyRisk.vehicle.queryOptions({ input: { vehicleId } }), enabled: allowed, staleTime: 0 });
  if (!allowed || query.isPending) return null;
  if (query.error) return <ErrorBanner error={query.error} />;
  const risk = query.data;
  if (risk.outside) {
    return showOutside ? (
      <p className="muted small" data-testid="warranty-risk-outside">
        {periodText(t, risk)}
      </p>
    ) : null;
  }
  if (risk.signals.length === 0) return null;
  return (
    <section
      className={`banner warranty-risk-banner ${risk.level === 'reached' ? 'banner-error' : 'banner-warning'}`}
      role="alert"
      aria-label={t('warrantyRisk.bannerTitle')}
      data-testid="warranty-risk-banner"
    >
      <strong>{t('warrantyRisk.bannerTitle')}</strong>
      <RiskSignals risk={risk} />
    </section>
  );
}
