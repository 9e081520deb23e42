import type { ReactNode } from 'react';
import type { MonthlyCsiDto } from '../../../../shared/contract/reports/csi-report';
import type { DocumentFormat } from '../../printing/document-format';
import { FactorChart, PeopleChart, TrendChart, figure } from './CsiCharts';
import '../../printing/print.css';
import './csi-report.css';

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="csi-total">
      <div className="csi-total-label">{label}</div>
      <div className="csi-total-value" data-testid={testId}>
        {value}
      </div>
    </div>
  );
}

function DocSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="csi-section" aria-label={title}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

/** "Showing 200 of 317." under a capped list; nothing when the whole list is shown. */
function ShownOf({ shown, count, f }: { shown: number; count: number; f: DocumentFormat }) {
  return shown < count ? (
    <p className="doc-muted">{f.t('csiReport.shownOf', { shown: f.number(shown), count: f.number(count) })}</p>
  ) : null;
}

/**
 * The monthly CSI report as one document: on the screen and, through the print route, on A4 paper in its own language
 * (Chinese unless switched). Every chart has its figures in a table beside it; the CSI convention is stated. Its title
 * is the page's heading on the print route; shown inside the reports screen (`embedded`), whose own h1 heads the page,
 * it is a second-level heading that looks the same.
 */
export function CsiReportDocument(props: {
  report: MonthlyCsiDto;
  dealerName: string;
  printedAt: string;
  f: DocumentFormat;
  embedded?: boolean;
}) {
  const { report, f } = props;
  const Title = props.embedded ? 'h2' : 'h1';
  const { totals, closureRate } = report;
  const month = report.month;
  const rate =
    closureRate.rate === null
      ? f.t('csiReport.none')
      : new Intl.NumberFormat(f.lng, { style: 'percent', maximumFractionDigits: 1 }).format(closureRate.rate);
  return (
    <article className="print-doc csi-doc" lang={f.lng} data-testid="csi-report-document">
      <header className="doc-letterhead">
        <div className="doc-dealer">
          <div className="doc-dealer-name">{props.dealerName}</div>
          <div className="doc-muted">{f.t('csiReport.printedAt', { at: f.dateTime(props.printedAt) })}</div>
        </div>
        <div className="doc-title-block">
          <Title className="doc-title">{f.t('csiReport.docTitle')}</Title>
          <div className="doc-number" data-testid="csi-report-month">
            {f.t('csiReport.docMonth', { month })}
          </div>
        </div>
      </header>

      <DocSection title={f.t('csiReport.sections.summary')}>
        <div className="csi-totals">
          <Figure label={f.t('csiReport.figures.csi')} value={figure(f, totals.csi)} testId="csi-total-csi" />
          <Figure label={f.t('csiReport.figures.nps')} value={figure(f, totals.nps)} testId="csi-total-nps" />
          <Figure label={f.t('csiReport.figures.responses')} value={f.number(totals.responses)} testId="csi-total-responses" />
          <Figure
            label={f.t('csiReport.figures.dissatisfied')}
            value={f.number(totals.dissatisfiedResponses)}
            testId="csi-total-dissatisfied"
          />
          <Figure
            label={f.t('csiReport.figures.complaints')}
            value={f.number(report.complaintCount)}
            testId="csi-total-complaints"
          />
          <Figure label={f.t('csiReport.figures.closureRate')} value={rate} testId="csi-closure-rate" />
        </div>
        <p className="doc-muted">
          {f.t('csiReport.figures.closureDetail', {
            at: f.dateTime(closureRate.asOf),
            closed: f.number(closureRate.closed),
            over: f.number(closureRate.openOverTwoWeeks),
            under: f.number(closureRate.openUnderTwoWeeks),
          })}
        </p>
        {totals.responses === 0 ? <p>{f.t('csiReport.empty')}</p> : null}
        <p className="csi-convention">
          <strong>{f.t('csiReport.convention')}</strong> {f.t('surveys.convention')}
        </p>
      </DocSection>

      <DocSection title={f.t('csiReport.sections.factors')}>
        <FactorChart factors={report.factors} title={f.t('csiReport.charts.factors', { month })} f={f} />
      </DocSection>

      <DocSection title={f.t('csiReport.sections.trend')}>
        <TrendChart trend={report.trend} title={f.t('csiReport.charts.trend', { month })} f={f} />
      </DocSection>

      <DocSection title={f.t('csiReport.sections.advisors')}>
        <PeopleChart rows={report.advisors} who="advisor" title={f.t('csiReport.charts.advisors', { month })} f={f} />
      </DocSection>

      <DocSection title={f.t('csiReport.sections.technicians')}>
        <PeopleChart rows={report.technicians} who="technician" title={f.t('csiReport.charts.technicians', { month })} f={f} />
      </DocSection>

      <DocSection title={f.t('csiReport.sections.verbatims')}>
        <table className="doc-lines csi-table" aria-label={f.t('csiReport.sections.verbatims')}>
          <thead className="doc-lines-head">
            <tr>
              <th>{f.t('csiReport.columns.answeredAt')}</th>
              <th>{f.t('csiReport.columns.ro')}</th>
              <th>{f.t('csiReport.columns.advisor')}</th>
              <th>{f.t('csiReport.columns.text')}</th>
            </tr>
          </thead>
          <tbody>
            {report.verbatims.length === 0 ? (
              <tr>
                <td colSpan={4}>{f.t('csiReport.nothing')}</td>
              </tr>
            ) : null}
            {report.verbatims.map((v) => (
              <tr key={v.responseId}>
                <td className="csi-nowrap">{f.dateTime(v.answeredAt)}</td>
                <td className="doc-mono">{v.repairOrder.number}</td>
                <td>{v.advisor.displayName}</td>
                <td className="csi-verbatim">
                  {v.dissatisfied ? <span className="csi-flag">{f.t('csiReport.dissatisfiedMark')}</span> : null}
                  {v.text}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <ShownOf shown={report.verbatims.length} count={report.verbatimCount} f={f} />
      </DocSection>

      <DocSection title={f.t('csiReport.sections.complaints')}>
        <table className="doc-lines csi-table" aria-label={f.t('csiReport.sections.complaints')}>
          <thead className="doc-lines-head">
            <tr>
              <th>{f.t('csiReport.columns.number')}</th>
              <th>{f.t('csiReport.columns.level')}</th>
              <th>{f.t('csiReport.columns.status')}</th>
              <th>{f.t('csiReport.columns.customer')}</th>
              <th>{f.t('csiReport.columns.createdAt')}</th>
              <th>{f.t('csiReport.columns.closedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {report.complaints.length === 0 ? (
              <tr>
                <td colSpan={6}>{f.t('csiReport.nothing')}</td>
              </tr>
            ) : null}
            {report.complaints.map((c) => (
              <tr key={c.id} className={c.overdue ? 'csi-overdue' : undefined}>
                <td className="doc-mono">{c.number}</td>
                <td>{f.t(`complaints.level.${c.level}`)}</td>
                <td>
                  {f.t(`complaints.status.${c.status}`)}
                  {c.overdue ? <span className="csi-flag">{f.t('csiReport.overdue')}</span> : null}
                  {c.lateResponse ? <span className="csi-flag">{f.t('csiReport.lateResponse')}</span> : null}
                </td>
                <td>{c.customerName}</td>
                <td className="csi-nowrap">{f.dateTime(c.createdAt)}</td>
                <td className="csi-nowrap">{c.closedAt ? f.dateTime(c.closedAt) : f.t('csiReport.none')}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <ShownOf shown={report.complaints.length} count={report.complaintCount} f={f} />
      </DocSection>
    </article>
  );
}
