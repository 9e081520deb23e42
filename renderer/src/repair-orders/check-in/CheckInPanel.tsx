import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { contract } from '../../../../shared/contract';
import type { RepairOrderDetail } from '../../../../shared/contract/repair-orders';
import { isOpenStatus } from '../../../../shared/domain/repair-order-status';
import { orpc } from '../../api/client';
import { canCall } from '../../app/access';
import { useUser } from '../../app/session-context';
import { ErrorBanner, Loading, Section } from '../../ui/widgets';
import { DeclinedWorkPanel } from '../authorisation/DeclinedWorkPanel';
import { CheckInForm, CheckInSummary } from './CheckInForm';
import { CheckInPhotos } from './CheckInPhotos';
import { WalkAround } from './WalkAround';
import './check-in.css';

/**
 * Reception and check-in (环车检查) on the RO page: the customer's concerns exactly as written, mileage and fuel,
 * valuables and notes, the walk-around diagram with its damage marks, and the photos. Written while the RO is open
 * by those who may; read by everyone who reads the RO.
 */
export function CheckInPanel({ ro }: { ro: RepairOrderDetail }) {
  const { t } = useTranslation();
  const user = useUser();
  const [correcting, setCorrecting] = useState(false);
  const queryClient = useQueryClient();
  const query = useQuery(orpc.repairOrders.getCheckIn.queryOptions({ input: { id: ro.id } }));
  const knownVersion = query.data?.roVersion;
  useEffect(() => {
    // Another section of the page wrote to the RO (a job, a status): read the check-in's view of it again.
    if (knownVersion !== undefined && ro.version > knownVersion) {
      void queryClient.invalidateQueries({ queryKey: orpc.repairOrders.getCheckIn.key({ input: { id: ro.id } }) });
    }
  }, [ro.id, ro.version, knownVersion, queryClient]);
  if (query.isPending) return <Loading />;
  if (query.error) return <ErrorBanner error={query.error} />;
  // Both carry the one RO version, which only grows: the larger is the latest this screen knows, so a write made
  // right after another section's write is not refused as stale while the check-in is read again.
  const detail = {
    ...query.data,
    roVersion: Math.max(query.data.roVersion, ro.version),
    editable: query.data.editable && isOpenStatus(ro.status),
  };
  const may = (procedure: Parameters<typeof canCall>[1]) => detail.editable && canCall(user.role, procedure);
  const mayCheckIn = may(contract.repairOrders.checkIn);
  const editing = mayCheckIn && (detail.checkIn === null || correcting);
  return (
    <Section
      title={t('checkIn.title')}
      actions={
        mayCheckIn && detail.checkIn && !correcting ? (
          <button type="button" onClick={() => setCorrecting(true)}>
            {t('checkIn.correct')}
          </button>
        ) : null
      }
    >
      <div className="check-in-concerns">
        <h3>{t('checkIn.concerns')}</h3>
        <ol aria-label={t('checkIn.concerns')}>
          {ro.jobs.map((job) => (
            <li key={job.id} className="ro-concern">
              {t('checkIn.quoted', { text: job.concern })}
            </li>
          ))}
        </ol>
      </div>
      {editing ? (
        <CheckInForm
          detail={detail}
          roId={ro.id}
          vehicleId={ro.vehicle.id}
          {...(detail.checkIn ? { onDone: () => setCorrecting(false) } : {})}
        />
      ) : (
        <CheckInSummary detail={detail} />
      )}
      <WalkAround detail={detail} vehicleId={ro.vehicle.id} mayWrite={may(contract.repairOrders.addDamageMark)} />
      <CheckInPhotos detail={detail} vehicleId={ro.vehicle.id} mayWrite={may(contract.repairOrders.addPhoto)} />
      {/* What the customer declined at earlier visits is offered again while the car is being checked in. */}
      {detail.editable ? (
        <DeclinedWorkPanel vehicleId={ro.vehicle.id} repairOrder={{ id: ro.id, version: detail.roVersion }} />
      ) : null}
    </Section>
  );
}
