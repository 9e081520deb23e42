import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DailyClosingDto } from '../../../../shared/contract/reports/daily-closing';
import type { DocumentFormat } from '../../printing/document-format';
import type { ClosingDrill } from './DailyClosingDocument';

/** The ROs behind one figure of the daily closing, each opening its RO. */
export function DailyClosingDrillDown({ report, drill, f }: { report: DailyClosingDto; drill: ClosingDrill; f: DocumentFormat }) {
  const { t } = useTranslation();
  const c = (key: string) => t(`dailyClosing.columns.${key}`);
  const ro = (row: { repairOrderId: number; repairOrderNumber: string; plate: string; customerName: string }) => (
    <>
      <td>
        <Link to={`/repair-orders/${row.repairOrderId}`}>{row.repairOrderNumber}</Link>
      </td>
      <td>{row.plate}</td>
      <td>{row.customerName}</td>
    </>
  );
  const heads = (extra: string[]) => (
    <thead>
      <tr>
        <th>{c('at')}</th>
        <th>{c('ro')}</th>
        <th>{c('plate')}</th>
        <th>{c('customer')}</th>
        {extra.map((key) => (
          <th key={key} className={key.endsWith('!') ? 'num' : undefined}>
            {c(key.replace('!', ''))}
          </th>
        ))}
      </tr>
    </thead>
  );
  const title = t(`dailyClosing.sections.${drill}`);
  return (
    <section className="closing-drill" aria-label={title} data-testid={`closing-drill-${drill}`}>
      <h2>{title}</h2>
      <table className="results">
        {drill === 'payments' ? (
          <>
            {heads(['method', 'amount!', 'receivedBy'])}
            <tbody>
              {report.payments.map((p) => (
                <tr key={p.paymentId}>
                  <td>{f.dateTime(p.at)}</td>
                  {ro(p)}
                  <td>{t(`settlement.methods.${p.method}`)}</td>
                  <td className="num">{f.money(p.amountFen)}</td>
                  <td>{p.receivedBy}</td>
                </tr>
              ))}
            </tbody>
          </>
        ) : drill === 'refunds' ? (
          <>
            {heads(['refundMethod', 'amount!', 'reason', 'approvedBy'])}
            <tbody>
              {report.refunds.map((r) => (
                <tr key={r.refundId}>
                  <td>{f.dateTime(r.at)}</td>
                  {ro(r)}
                  <td>{t(`settlement.methods.${r.method}`)}</td>
                  <td className="num">{f.money(r.amountFen)}</td>
                  <td>{r.reason}</td>
                  <td>{r.approvedBy}</td>
                </tr>
              ))}
            </tbody>
          </>
        ) : drill === 'closed' ? (
          <>
            {heads(['charged!'])}
            <tbody>
              {report.closed.rows.map((r) => (
                <tr key={r.repairOrderId}>
                  <td>{f.dateTime(r.closedAt)}</td>
                  {ro(r)}
                  <td className="num">{f.money(r.totalFen)}</td>
                </tr>
              ))}
            </tbody>
          </>
        ) : (
          <>
            {heads(['owed!', 'paid!', 'balance!'])}
            <tbody>
              {report.owing.rows.map((r) => (
                <tr key={r.repairOrderId}>
                  <td>{f.dateTime(r.deliveredAt)}</td>
                  {ro(r)}
                  <td className="num">{f.money(r.owedFen)}</td>
                  <td className="num">{f.money(r.paidFen)}</td>
                  <td className="num">{f.money(r.balanceFen)}</td>
                </tr>
              ))}
            </tbody>
          </>
        )}
      </table>
    </section>
  );
}
