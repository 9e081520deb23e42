import { useMutation, useQuery } from '@tanstack/react-query';
import type { ColDef } from 'ag-grid-community';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { contract } from '../../../shared/contract';
import type { CampaignGridColumn, CampaignRow } from '../../../shared/contract/campaigns';
import type { GridInput } from '../../../shared/contract/paging';
import { formatQuantity } from '../../../shared/domain/money';
import { api, orpc } from '../api/client';
import { canCall } from '../app/access';
import { useUser } from '../app/session-context';
import { DataGrid } from '../ui/DataGrid';
import { ErrorBanner, Loading, Section } from '../ui/widgets';
import { CampaignBadge } from './CampaignBanner';
import { CampaignImportForm } from './CampaignImportForm';
import './campaigns.css';

/** One campaign's remedy and its cars done by month. */
function CampaignProgressPanel({ id }: { id: number }) {
  const { t } = useTranslation();
  const user = useUser();
  const query = useQuery(orpc.campaigns.progress.queryOptions({ input: { id } }));
  const calls = useMutation(orpc.campaigns.queueCalls.mutationOptions());
  if (query.isPending) return <Loading />;
  if (query.error) return <ErrorBanner error={query.error} />;
  const { campaign, byMonth } = query.data;
  return (
    <Section title={t('campaigns.progressTitle', { code: campaign.code })}>
      <p>
        <CampaignBadge campaign={campaign} />
      </p>
      <p className="small">{t('campaigns.period', { from: campaign.startsOn, to: campaign.endsOn })}</p>
      <p className="small">
        {t('campaigns.remedy', {
          labor: `${campaign.laborCode} ${campaign.laborName}`,
          hours: formatQuantity(campaign.laborHoursMilli),
        })}
      </p>
      <dl className="facts" data-testid="campaign-progress">
        <dt>{t('campaigns.columns.affected')}</dt>
        <dd className="num">{campaign.affected}</dd>
        <dt>{t('campaigns.columns.done')}</dt>
        <dd className="num" data-testid="campaign-done">
          {campaign.done}
        </dd>
        <dt>{t('campaigns.columns.outstanding')}</dt>
        <dd className="num">{campaign.outstanding}</dd>
      </dl>
      {canCall(user.role, contract.campaigns.queueCalls) && campaign.outstanding > 0 ? (
        <p>
          <button type="button" disabled={calls.isPending} onClick={() => calls.mutate({ id })}>
            {t('campaigns.queueCalls')}
          </button>
        </p>
      ) : null}
      <ErrorBanner error={calls.error} />
      {calls.data ? (
        <p role="status" data-testid="campaign-calls-queued">
          {t('campaigns.queued', { ...calls.data })}
        </p>
      ) : null}
      <h3>{t('campaigns.byMonth')}</h3>
      {byMonth.length === 0 ? (
        <p className="muted">{t('campaigns.noneDone')}</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th>{t('campaigns.month')}</th>
              <th>{t('campaigns.columns.done')}</th>
            </tr>
          </thead>
          <tbody>
            {byMonth.map((month) => (
              <tr key={month.month}>
                <td>{month.month}</td>
                <td className="num">{month.done}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

/** Recalls and service campaigns: the manager imports them; the list shows each one's progress, paged in SQL. */
export function CampaignsScreen() {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const [chosen, setChosen] = useState<number | null>(null);
  const [generation, setGeneration] = useState(0);
  const fetchPage = useCallback((request: GridInput<CampaignGridColumn>) => api.campaigns.grid(request), []);
  const columns = useMemo<ColDef<CampaignRow>[]>(
    () => [
      {
        colId: 'code',
        field: 'code',
        headerName: t('campaigns.columns.code'),
        sortable: true,
        filter: 'agTextColumnFilter',
        flex: 1,
      },
      { field: 'title', headerName: t('campaigns.columns.title'), flex: 3 },
      {
        field: 'kind',
        headerName: t('campaigns.columns.kind'),
        valueFormatter: (p) => (p.value ? t(`campaigns.kinds.${p.value}`) : ''),
        flex: 1,
      },
      { colId: 'startsOn', field: 'startsOn', headerName: t('campaigns.columns.startsOn'), sortable: true, flex: 1 },
      { field: 'endsOn', headerName: t('campaigns.columns.endsOn'), flex: 1 },
      { field: 'affected', headerName: t('campaigns.columns.affected'), flex: 1 },
      { field: 'done', headerName: t('campaigns.columns.done'), flex: 1 },
      { field: 'outstanding', headerName: t('campaigns.columns.outstanding'), flex: 1 },
    ],
    // Column titles follow the language.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [i18n.language],
  );
  return (
    <div className="page">
      <Section page title={t('campaigns.title')}>
        <div className="campaign-progress">
          <DataGrid<CampaignRow, CampaignGridColumn>
            key={generation}
            gridId="campaigns.list"
            label={t('campaigns.title')}
            columns={columns}
            fetchPage={fetchPage}
            emptyText={t('campaigns.empty')}
            fitRows
            onRowClicked={(row) => setChosen(row.id)}
          />
          {chosen !== null ? (
            <CampaignProgressPanel key={`${chosen}-${generation}`} id={chosen} />
          ) : (
            <p className="muted">{t('campaigns.choose')}</p>
          )}
        </div>
      </Section>
      {canCall(user.role, contract.campaigns.import) ? (
        <Section title={t('campaigns.importTitle')}>
          <CampaignImportForm
            onImported={(result) => {
              setGeneration((n) => n + 1);
              setChosen(result.campaign.id);
            }}
          />
        </Section>
      ) : null}
    </div>
  );
}
