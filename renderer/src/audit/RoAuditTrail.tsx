import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { contract } from '../../../shared/contract';
import type { RepairOrderDetail } from '../../../shared/contract/repair-orders';
import { orpc } from '../api/client';
import { canCall } from '../app/access';
import { useUser } from '../app/session-context';
import { Pager } from '../ui/Pager';
import { ErrorBanner, Loading, Section } from '../ui/widgets';
import { AuditEntries } from './AuditEntries';

const PAGE = 20;

/** The RO's trail (its lines, discounts, payments and clockings included), for the manager; nothing for other roles. */
export function RoAuditTrail({ ro }: { ro: RepairOrderDetail }) {
  const user = useUser();
  if (!canCall(user.role, contract.audit.ofRepairOrder)) return null;
  return <Trail ro={ro} />;
}

function Trail({ ro }: { ro: RepairOrderDetail }) {
  const { t } = useTranslation();
  const [offset, setOffset] = useState(0);
  const query = useQuery({
    ...orpc.audit.ofRepairOrder.queryOptions({ input: { repairOrderId: ro.id, offset, limit: PAGE } }),
    placeholderData: keepPreviousData,
  });
  const { refetch } = query;
  // Each write moves the RO's version: the trail then holds a new entry.
  useEffect(() => {
    void refetch();
  }, [ro.version, refetch]);
  return (
    <Section title={t('audit.roSection')}>
      <ErrorBanner error={query.error} />
      {query.data ? (
        <AuditEntries entries={query.data.rows} label={t('audit.roSection')} />
      ) : query.isPending ? (
        <Loading />
      ) : null}
      {offset > 0 || query.data?.hasMore ? (
        <Pager offset={offset} pageSize={PAGE} hasMore={query.data?.hasMore} onOffset={setOffset} />
      ) : null}
    </Section>
  );
}
