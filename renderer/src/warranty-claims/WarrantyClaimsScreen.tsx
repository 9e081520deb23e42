import type { ColDef } from 'ag-grid-community';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { GridInput } from '../../../shared/contract/paging';
import type { ClaimSummaryDto } from '../../../shared/contract/warranty-claims';
import { formatYuan } from '../../../shared/domain/money';
import { CLAIM_STATUSES, type ClaimStatus } from '../../../shared/domain/warranty-claims';
import { api } from '../api/client';
import { DataGrid } from '../ui/DataGrid';
import { formatDate } from '../ui/format';
import { ClaimPanel } from './ClaimPanel';
import { ClaimsReportCard } from './ClaimsReportCard';
import { SettlementUpload } from './SettlementUpload';
import './warranty-claims.css';
import '../reports/reports.css';
import { StatusFilter } from '../ui/StatusFilter';

function useColumns(): ColDef<ClaimSummaryDto>[] {
  const { t, i18n } = useTranslation();
  return useMemo<ColDef<ClaimSummaryDto>[]>(
    () => [
      { colId: 'number', headerName: t('warrantyClaims.columns.number'), valueGetter: (p) => p.data?.number ?? '', width: 150 },
      {
        colId: 'status',
        headerName: t('warrantyClaims.columns.status'),
        valueGetter: (p) => (p.data ? t(`warrantyClaims.statuses.${p.data.status}`) : ''),
        width: 170,
      },
      { colId: 'plate', headerName: t('warrantyClaims.columns.plate'), valueGetter: (p) => p.data?.plate ?? '', width: 110 },
      {
        colId: 'ro',
        headerName: t('warrantyClaims.columns.ro'),
        cellRenderer: (p: { data?: ClaimSummaryDto }) =>
          p.data ? <Link to={`/repair-orders/${p.data.repairOrderId}`}>{p.data.roNumber}</Link> : null,
        width: 150,
      },
      {
        colId: 'claimed',
        headerName: t('warrantyClaims.columns.claimed'),
        valueGetter: (p) => (p.data ? formatYuan(p.data.claimedFen, i18n.language) : ''),
        width: 120,
      },
      {
        colId: 'paid',
        headerName: t('warrantyClaims.columns.paid'),
        valueGetter: (p) => (p.data ? formatYuan(p.data.paidFen, i18n.language) : ''),
        width: 120,
      },
      {
        colId: 'batch',
        headerName: t('warrantyClaims.columns.batch'),
        valueGetter: (p) => p.data?.batchNumber ?? '',
        width: 150,
      },
      {
        colId: 'createdAt',
        headerName: t('warrantyClaims.columns.createdAt'),
        valueGetter: (p) => (p.data ? formatDate(p.data.createdAt) : ''),
        sortable: true,
        width: 130,
      },
    ],
    // Column titles follow the language.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [i18n.language],
  );
}

/**
 * The warranty administrator's claims (and the manager's): a grid by age, one status or all, paged in the core; beside
 * it the picked claim with what may be done to it now (submit in a batch, export the batch, the OEM's answer, the
 * correction after a rejection, the manager's write-off approval).
 */
export function WarrantyClaimsScreen() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<ClaimStatus | ''>('');
  const [pickedId, setPickedId] = useState<number | null>(null);
  const [reads, setReads] = useState(0);
  const columns = useColumns();
  const fetchPage = useMemo(
    () => (request: GridInput<'createdAt'>) =>
      api.warrantyClaims.grid({
        startRow: request.startRow,
        endRow: request.endRow,
        sortModel: request.sortModel,
        ...(status ? { status } : {}),
      }),
    // A new source after each change made here: the grid reads its pages again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [status, reads],
  );
  return (
    <div className="page page-fill">
      <section className="card">
        <header className="card-header">
          <h1 className="card-title">{t('warrantyClaims.title')}</h1>
          <div className="card-actions">
            <StatusFilter<ClaimStatus>
              label={t('warrantyClaims.status')}
              allLabel={t('warrantyClaims.allStatuses')}
              value={status}
              statuses={CLAIM_STATUSES}
              statusLabel={(value) => t(`warrantyClaims.statuses.${value}`)}
              onChange={(value) => {
                setStatus(value);
                setPickedId(null);
              }}
            />
          </div>
        </header>
        <ClaimsReportCard />
        <SettlementUpload onImported={() => setReads((n) => n + 1)} />
      </section>
      <div className="comebacks-body">
        <DataGrid<ClaimSummaryDto, 'createdAt'>
          gridId="warranty-claims"
          label={t('warrantyClaims.title')}
          emptyText={t('warrantyClaims.none')}
          columns={columns}
          fetchPage={fetchPage}
          onRowClicked={(row) => setPickedId(row.id)}
        />
        {pickedId !== null ? (
          <ClaimPanel key={pickedId} claimId={pickedId} onChanged={() => setReads((n) => n + 1)} />
        ) : (
          <p className="card comeback-panel muted">{t('warrantyClaims.pick')}</p>
        )}
      </div>
    </div>
  );
}
