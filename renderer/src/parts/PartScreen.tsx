import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { contract } from '../../../shared/contract';
import { partEditValues } from '../../../shared/contract/concurrent-edits';
import type { PartDetail } from '../../../shared/contract/parts';
import { orpc } from '../api/client';
import { canCall } from '../app/access';
import { useUser } from '../app/session-context';
import { formatDateTime } from '../ui/format';
import { ErrorBanner, Loading, Section } from '../ui/widgets';
import { DataTable } from '../ui/DataTable';
import { AdjustStockForm } from './AdjustStockForm';
import { MovementsGrid } from './MovementsGrid';
import { EMPTY_PART, PartForm, partFormValues } from './PartForm';
import { usePartsFormat } from './parts-format';
import { SupersessionPanel } from './SupersessionPanel';
import { TransferBinForm } from './TransferBinForm';
import { MainPartPanel } from '../warranty-risk/MainPartPanel';

export function NewPartScreen() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const create = useMutation(orpc.parts.create.mutationOptions());
  return (
    <div className="card">
      <h1>{t('parts.newPart')}</h1>
      <PartForm
        title={t('parts.newPart')}
        initial={EMPTY_PART}
        submitting={create.isPending}
        onCancel={() => void navigate('/parts')}
        onSubmit={async ({ active: _active, ...fields }) => {
          const part = await create.mutateAsync(fields);
          await queryClient.invalidateQueries({ queryKey: orpc.parts.key() });
          void navigate(`/parts/${part.id}`, { replace: true });
        }}
      />
    </div>
  );
}

function PartFacts({ part }: { part: PartDetail }) {
  const { t } = useTranslation();
  const format = usePartsFormat();
  return (
    <dl className="facts">
      <dt>{t('fields.partNumber')}</dt>
      <dd className="mono">{part.partNumber}</dd>
      <dt>{t('fields.nameZh')}</dt>
      <dd lang="zh-CN">{part.nameZh}</dd>
      <dt>{t('fields.nameEn')}</dt>
      <dd lang="en">{part.nameEn}</dd>
      <dt>{t('fields.brand')}</dt>
      <dd>{part.brand}</dd>
      <dt>{t('fields.unit')}</dt>
      <dd>{t(`parts.units.${part.unit}`, { defaultValue: part.unit })}</dd>
      <dt>{t('fields.listPriceFen')}</dt>
      <dd>{format.money(part.listPriceFen)}</dd>
      <dt>{t('fields.defaultBin')}</dt>
      <dd className="mono">{part.defaultBin}</dd>
      <dt>{t('parts.columns.minMax')}</dt>
      <dd>
        {format.qty(part.minQtyMilli)} / {format.qty(part.maxQtyMilli)}
      </dd>
    </dl>
  );
}

/** On hand, reserved, available, to order, valuation and the bins: what the parts desk can promise. */
function StockFacts({ part }: { part: PartDetail }) {
  const { t } = useTranslation();
  const format = usePartsFormat();
  return (
    <>
      <dl className="facts" data-testid="stock-figures">
        <dt>{t('parts.onHand')}</dt>
        <dd data-testid="on-hand">{format.qtyUnit(part.onHandMilli, part.unit)}</dd>
        <dt>{t('parts.reserved')}</dt>
        <dd>{format.qtyUnit(part.reservedMilli, part.unit)}</dd>
        <dt>{t('parts.available')}</dt>
        <dd data-testid="available">{format.qtyUnit(part.availableMilli, part.unit)}</dd>
        <dt>{t('parts.toOrder')}</dt>
        <dd>{format.qtyUnit(part.toOrderMilli, part.unit)}</dd>
        <dt>{t('parts.avgUnitCost')}</dt>
        <dd>{format.money(part.avgUnitCostFen)}</dd>
        <dt>{t('parts.stockValue')}</dt>
        <dd>{format.money(part.stockValueFen)}</dd>
      </dl>
      {part.belowMin ? (
        <div className="banner banner-warning" role="status">
          {t('parts.belowMinNote', { min: format.qtyUnit(part.minQtyMilli, part.unit) })}
        </div>
      ) : null}
      <h3>{t('parts.bins')}</h3>
      <DataTable
        caption={t('parts.bins')}
        rows={part.bins}
        rowKey={(b) => b.bin}
        empty={t('parts.noStock')}
        columns={[
          {
            id: 'bin',
            header: t('parts.columns.bin'),
            className: 'mono',
            cell: (b) => (
              <>
                {b.bin}
                {b.bin === part.defaultBin ? <span className="muted small"> · {t('parts.defaultBinMark')}</span> : null}
              </>
            ),
          },
          { id: 'onHand', header: t('parts.columns.onHand'), numeric: true, cell: (b) => format.qty(b.onHandMilli) },
        ]}
      />
    </>
  );
}

/** One part: its master (edited by the parts clerk and the manager), stock per bin, adjustments, supersession, ledger. */
export function PartScreen() {
  const { t } = useTranslation();
  const user = useUser();
  const format = usePartsFormat();
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const listSearch = (useLocation().state as { listSearch?: string } | null)?.listSearch ?? '';
  const list = { pathname: '/parts', search: listSearch };
  const query = useQuery(orpc.parts.get.queryOptions({ input: { id } }));
  const update = useMutation(orpc.parts.update.mutationOptions());
  // The form keeps the version it opened with until it saves or reloads: another desk's save never moves it unseen.
  const [opened, setOpened] = useState(0);
  if (query.isPending) return <Loading />;
  if (query.error) return <ErrorBanner error={query.error} />;
  const part = query.data;
  const mayEdit = canCall(user.role, contract.parts.update);
  return (
    <div className="page">
      <Link to={list}>{t('parts.back')}</Link>
      {part.supersededBy ? (
        <div className="banner banner-warning" role="status">
          {t('parts.replacedBy', { number: part.supersededBy, current: part.current.partNumber })}{' '}
          <Link to={`/parts/${part.current.id}`}>{t('parts.openCurrent', { number: part.current.partNumber })}</Link>
        </div>
      ) : null}
      {!part.active ? (
        <div className="banner banner-warning" role="status">
          {t('parts.inactive')}
        </div>
      ) : null}
      <h1 className="mono">
        {part.partNumber} · <span lang={format.name(part) === part.nameZh ? 'zh-CN' : 'en'}>{format.name(part)}</span>
      </h1>
      <Section title={t('parts.stock')}>
        <StockFacts part={part} />
      </Section>
      {canCall(user.role, contract.parts.adjust) ? (
        <Section title={t('parts.adjust')}>
          <AdjustStockForm part={part} />
        </Section>
      ) : null}
      {canCall(user.role, contract.parts.transferBin) ? (
        <Section title={t('parts.transfer')}>
          <TransferBinForm part={part} />
        </Section>
      ) : null}
      <Section title={t('parts.movements')}>
        <MovementsGrid partId={part.id} />
      </Section>
      <Section title={t('parts.supersession')}>
        <SupersessionPanel key={part.version} part={part} mayEdit={canCall(user.role, contract.parts.setSupersession)} />
      </Section>
      <MainPartPanel partId={part.id} />
      <Section title={t('parts.editPart')}>
        {mayEdit ? (
          <PartForm
            key={`${part.id}-${opened}`}
            title={t('parts.editPart')}
            initial={partFormValues(part)}
            edit={{
              version: part.version,
              loaded: partEditValues(part),
              onReload: () => void query.refetch().then(() => setOpened((n) => n + 1)),
            }}
            submitting={update.isPending}
            showActive
            onCancel={() => void navigate(list)}
            onSubmit={async (values, version) => {
              await update.mutateAsync({ ...values, id: part.id, version: version ?? part.version });
              await queryClient.invalidateQueries({ queryKey: orpc.parts.key() });
              setOpened((n) => n + 1);
            }}
          />
        ) : (
          <>
            <PartFacts part={part} />
            <p className="muted small">{t('parts.readOnly')}</p>
          </>
        )}
        <p className="muted small">
          {t('customer.created', { date: formatDateTime(part.createdAt) })} ·{' '}
          {t('customer.updated', { date: formatDateTime(part.updatedAt) })}
        </p>
      </Section>
    </div>
  );
}
