import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { contract } from '../../../shared/contract';
import type { AuditGridColumn } from '../../../shared/contract/audit';
import type { GridInput } from '../../../shared/contract/paging';
import type { RepairOrderDetail } from '../../../shared/contract/repair-orders';
import { api } from '../api/client';
import { canCall } from '../app/access';
import { useUser } from '../app/session-context';
import { withKeysetPaging } from '../ui/keyset-paging';
import { Section } from '../ui/widgets';
import { AuditGrid } from './AuditGrid';
import './audit.css';

/**
 * The RO's trail (its lines, discounts, payments and clockings included), for the manager; nothing for other roles.
 * It grows with every change to the RO, so it is a grid paged in SQL, read again whenever the RO's version moves.
 */
export function RoAuditTrail({ ro }: { ro: RepairOrderDetail }) {
  const user = useUser();
  if (!canCall(user.role, contract.audit.repairOrderGrid)) return null;
  return <Trail ro={ro} />;
}

function Trail({ ro }: { ro: RepairOrderDetail }) {
  const { t } = useTranslation();
  const { id, version } = ro;
  // Each write moves the RO's version: the trail then holds a new entry, so the grid reads its first block again.
  const fetchPage = useMemo(
    () =>
      withKeysetPaging((request: GridInput<AuditGridColumn> & { after?: string }) =>
        api.audit.repairOrderGrid({ ...request, repairOrderId: id }),
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [id, version],
  );
  return (
    <Section title={t('audit.roSection')}>
      <div className="ro-audit-trail">
        <AuditGrid gridId="ro-audit" label={t('audit.roSection')} fetchPage={fetchPage} />
      </div>
    </Section>
  );
}
