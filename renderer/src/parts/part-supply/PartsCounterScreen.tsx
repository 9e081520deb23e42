import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { contract } from '../../../../shared/contract';
import { COUNTER_STATES, type CounterRow, type CounterState } from '../../../../shared/contract/parts/part-supply';
import { wallClock } from '../../../../shared/domain/desk-time';
import { formatQuantity } from '../../../../shared/domain/money';
import { orpc } from '../../api/client';
import { canCall } from '../../app/access';
import { useUser } from '../../app/session-context';
import { formatDateTime } from '../../ui/format';
import { EnumSelect, ErrorBanner, Loading } from '../../ui/widgets';
import { useRoFormat } from '../../repair-orders/ro-format';
import { PartsTabs } from '../PartsTabs';
import { ExpectedForm, IssueForm, ReturnForm } from './CounterForms';
import { Pager } from '../../ui/Pager';

const PAGE = 50;
type Panel = { lineId: number; form: 'issue' | 'return' | 'expected' } | null;

/**
 * The parts counter: the RO part lines still to be served, by RO (soonest promise first), with what to issue, what
 * is to order and when it is expected; the parts clerk issues, takes returns and sets the expected date in place.
 */
export function PartsCounterScreen() {
  const { t } = useTranslation();
  const user = useUser();
  const format = useRoFormat();
  const [text, setText] = useState('');
  const [state, setState] = useState<CounterState>('open');
  const [offset, setOffset] = useState(0);
  const [panel, setPanel] = useState<Panel>(null);
  const query = useQuery({
    ...orpc.parts.counter.queryOptions({ input: { text: text.trim(), state, offset, limit: PAGE } }),
    placeholderData: keepPreviousData,
  });
  const mayIssue = canCall(user.role, contract.parts.issueToLine);
  const mayReturn = canCall(user.role, contract.parts.returnFromLine);
  const mayExpect = canCall(user.role, contract.parts.setExpected);
  const toggle = (row: CounterRow, form: 'issue' | 'return' | 'expected') =>
    setPanel(panel?.lineId === row.lineId && panel.form === form ? null : { lineId: row.lineId, form });
  const rows = query.data?.rows ?? [];
  return (
    <div className="page">
      <section className="card">
        <PartsTabs />
        <div className="inline-form">
          <label>
            {t('partSupply.counter.search')}{' '}
            <input
              type="search"
              value={text}
              maxLength={40}
              onChange={(event) => {
                setText(event.target.value);
                setOffset(0);
              }}
            />
          </label>
          <label>
            {t('partSupply.counter.state')}{' '}
            <EnumSelect
              values={COUNTER_STATES}
              catalogue="partSupply.counter.states"
              value={state}
              onChange={(event) => {
                setState(event.target.value as CounterState);
                setOffset(0);
              }}
            />
          </label>
        </div>
        {query.error ? <ErrorBanner error={query.error} /> : null}
        {query.isPending ? (
          <Loading />
        ) : rows.length === 0 ? (
          <p className="muted">{t('partSupply.counter.none')}</p>
        ) : (
          <table className="results" aria-label={t('partSupply.counter.title')}>
            <thead>
              <tr>
                <th>{t('partSupply.counter.columns.ro')}</th>
                <th>{t('partSupply.counter.columns.plate')}</th>
                <th>{t('partSupply.counter.columns.advisor')}</th>
                <th>{t('partSupply.counter.columns.promised')}</th>
                <th>{t('partSupply.counter.columns.part')}</th>
                <th>{t('partSupply.counter.columns.name')}</th>
                <th>{t('partSupply.counter.columns.bin')}</th>
                <th className="num">{t('partSupply.counter.columns.qty')}</th>
                <th className="num">{t('partSupply.counter.columns.reserved')}</th>
                <th className="num">{t('partSupply.counter.columns.toOrder')}</th>
                <th>{t('partSupply.counter.columns.expected')}</th>
                <th className="num">{t('partSupply.counter.columns.issued')}</th>
                <th aria-label={t('partSupply.counter.columns.actions')} />
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <Fragment key={row.lineId}>
                  <tr data-line-id={row.lineId}>
                    <td style={{ whiteSpace: 'nowrap' }}>
                      <Link to={`/repair-orders/${row.repairOrderId}`}>{row.roNumber}</Link>
                    </td>
                    <td className="plate">{row.plate}</td>
                    <td>{row.advisorName}</td>
                    <td>{row.promisedAt ? formatDateTime(row.promisedAt) : '—'}</td>
                    <td className="mono">{row.partNumber}</td>
                    <td>{format.name(row) || row.nameZh}</td>
                    <td className="mono" style={{ whiteSpace: 'nowrap' }}>
                      {row.defaultBin}
                    </td>
                    <td className="num">{formatQuantity(row.qtyMilli)}</td>
                    <td className="num">{formatQuantity(row.reservedMilli)}</td>
                    <td className="num">{formatQuantity(row.toOrderMilli)}</td>
                    <td>
                      {row.toOrderMilli > 0
                        ? row.expectedAt
                          ? wallClock(new Date(row.expectedAt)).day
                          : t('partSupply.counter.unknown')
                        : '—'}
                    </td>
                    <td className="num">{formatQuantity(row.issuedMilli)}</td>
                    <td className="ro-line-actions">
                      {mayIssue && row.reservedMilli > 0 ? (
                        <button type="button" className="link" onClick={() => toggle(row, 'issue')}>
                          {t('partSupply.counter.issue')}
                        </button>
                      ) : null}
                      {mayReturn && row.issuedMilli > 0 ? (
                        <button type="button" className="link" onClick={() => toggle(row, 'return')}>
                          {t('partSupply.counter.return')}
                        </button>
                      ) : null}
                      {mayExpect && row.toOrderMilli > 0 ? (
                        <button type="button" className="link" onClick={() => toggle(row, 'expected')}>
                          {t('partSupply.counter.expected')}
                        </button>
                      ) : null}
                    </td>
                  </tr>
                  {panel?.lineId === row.lineId ? (
                    <tr className="ro-line-editor">
                      <td colSpan={13}>
                        {panel.form === 'issue' ? <IssueForm row={row} onDone={() => setPanel(null)} /> : null}
                        {panel.form === 'return' ? <ReturnForm row={row} onDone={() => setPanel(null)} /> : null}
                        {panel.form === 'expected' ? <ExpectedForm row={row} onDone={() => setPanel(null)} /> : null}
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              ))}
            </tbody>
          </table>
        )}
        <Pager offset={offset} pageSize={PAGE} hasMore={query.data?.hasMore} onOffset={setOffset} />
      </section>
    </div>
  );
}
