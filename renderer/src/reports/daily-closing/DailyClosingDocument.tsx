import type { ReactNode } from 'react';
import type { DailyClosingDto } from '../../../../shared/contract/reports/daily-closing';
import type { DocumentFormat } from '../../printing/document-format';
import { SignLine } from '../../printing/DocumentParts';
import '../../printing/print.css';
import './daily-closing.css';

/** Which list a figure opens on the screen (the drill-down); the printed sheet has none. */
export type ClosingDrill = 'payments' | 'refunds' | 'closed' | 'owing';

function DocSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="closing-section" aria-label={title}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

/**
 * The daily closing as one document: on the screen (with a button under each figure that lists its ROs) and, through
 * the print route, on an A4 sheet the cashier and the manager sign. The money adds up on paper: net = taken −
 * refunded per method, and the total row is the sum of the rows above it.
 */
export function DailyClosingDocument(props: {
  report: DailyClosingDto;
  dealerName: string;
  printedAt: string;
  f: DocumentFormat;
  embedded?: boolean;
  drillButton?: (drill: ClosingDrill) => ReactNode;
}) {
  const { report, f } = props;
  const Title = props.embedded ? 'h2' : 'h1';
  const c = (key: string) => f.t(`dailyClosing.columns.${key}`);
  const { totals } = report;
  return (
    <article className="print-doc closing-doc" lang={f.lng} data-testid="daily-closing-document">
      <header className="doc-letterhead">
        <div className="doc-dealer">
          <div className="doc-dealer-name">{props.dealerName}</div>
          <div className="doc-muted">{f.t('dailyClosing.printedAt', { at: f.dateTime(props.printedAt) })}</div>
        </div>
        <div className="doc-title-block">
          <Title className="doc-title">{f.t('dailyClosing.docTitle')}</Title>
          <div className="doc-number" data-testid="daily-closing-day">
            {f.t('dailyClosing.day', { day: report.day })}
          </div>
        </div>
      </header>

      <DocSection title={f.t('dailyClosing.sections.byMethod')}>
        <table className="doc-table closing-methods" data-testid="closing-methods">
          <thead>
            <tr>
              <th>{c('method')}</th>
              <th className="num">{c('payments')}</th>
              <th className="num">{c('paymentsFen')}</th>
              <th className="num">{c('refunds')}</th>
              <th className="num">{c('refundsFen')}</th>
              <th className="num">{c('netFen')}</th>
            </tr>
          </thead>
          <tbody>
            {report.byMethod.map((m) => (
              <tr key={m.method} data-testid={`closing-method-${m.method}`}>
                <td>{f.t(`settlement.methods.${m.method}`)}</td>
                <td className="num">{f.number(m.payments)}</td>
                <td className="num">{f.money(m.paymentsFen)}</td>
                <td className="num">{f.number(m.refunds)}</td>
                <td className="num">{f.money(m.refundsFen)}</td>
                <td className="num">{f.money(m.netFen)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="closing-total" data-testid="closing-total">
              <th scope="row">{c('total')}</th>
              <td className="num">{f.number(totals.payments)}</td>
              <td className="num">{f.money(totals.paymentsFen)}</td>
              <td className="num">{f.number(totals.refunds)}</td>
              <td className="num">{f.money(totals.refundsFen)}</td>
              <td className="num">{f.money(totals.netFen)}</td>
            </tr>
          </tfoot>
        </table>
        {report.byMethod.length === 0 ? <p>{f.t('dailyClosing.nothing')}</p> : null}
        {report.pendingRefunds > 0 ? (
          <p className="doc-muted" role="note">
            {f.t('dailyClosing.pendingRefunds', { count: report.pendingRefunds })}
          </p>
        ) : null}
        {props.drillButton ? (
          <div className="closing-drills">
            {props.drillButton('payments')}
            {props.drillButton('refunds')}
          </div>
        ) : null}
      </DocSection>

      <DocSection title={f.t('dailyClosing.sections.closed')}>
        <p data-testid="closing-closed">
          {f.t('dailyClosing.figures.closed', { count: report.closed.count, amount: f.money(report.closed.totalFen) })}
        </p>
        {props.drillButton?.('closed')}
      </DocSection>

      <DocSection title={f.t('dailyClosing.sections.owing')}>
        <p data-testid="closing-owing">
          {f.t('dailyClosing.figures.owing', { count: report.owing.count, amount: f.money(report.owing.balanceFen) })}
        </p>
        {props.drillButton?.('owing')}
      </DocSection>

      {!props.embedded && report.refunds.length > 0 ? (
        <DocSection title={f.t('dailyClosing.sections.refunds')}>
          <table className="doc-table">
            <thead>
              <tr>
                <th>{c('at')}</th>
                <th>{c('ro')}</th>
                <th>{c('refundMethod')}</th>
                <th className="num">{c('amount')}</th>
                <th>{c('reason')}</th>
                <th>{c('approvedBy')}</th>
              </tr>
            </thead>
            <tbody>
              {report.refunds.map((r) => (
                <tr key={r.refundId}>
                  <td>{f.dateTime(r.at)}</td>
                  <td>{r.repairOrderNumber}</td>
                  <td>{f.t(`settlement.methods.${r.method}`)}</td>
                  <td className="num">{f.money(r.amountFen)}</td>
                  <td>{r.reason}</td>
                  <td>{r.approvedBy}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </DocSection>
      ) : null}

      <DocSection title={f.t('dailyClosing.sections.definitions')}>
        <ul className="closing-definitions">
          {(['day', 'payments', 'refunds', 'net', 'closed', 'owing'] as const).map((key) => (
            <li key={key}>{f.t(`dailyClosing.definitions.${key}`)}</li>
          ))}
        </ul>
      </DocSection>

      {!props.embedded ? (
        <div className="doc-signatures">
          <SignLine label={f.t('dailyClosing.signatures.cashier')} />
          <SignLine label={f.t('dailyClosing.signatures.manager')} />
          <SignLine label={f.t('dailyClosing.signatures.date')} />
        </div>
      ) : null}
    </article>
  );
}
