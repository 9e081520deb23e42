import type { ReactNode } from 'react';
import type { RepairOrderDetail, RoLineDto } from '../../../shared/contract/repair-orders';
import type { DealerDto } from '../../../shared/contract/settings';
import type { SettlementDto, SettlementJobDto } from '../../../shared/contract/repair-orders/settlement';
import type { DocumentFormat } from './document-format';
import { paperSum, sumLines } from '../../../shared/domain/money';
import { DiscountCell, LineHeadings, Letterhead, RoFacts, SignLine, SubtotalRow, TotalsBlock } from './DocumentParts';
import './settlement-document.css';

/**
 * One table of the statement: labor (工时费) or materials (材料费), every line with its job (and payer, when there are
 * several), at list price, its discount and after it, and the table's subtotal of each column.
 */
function ChargeTable(props: { kind: 'labor' | 'part'; jobs: SettlementJobDto[]; f: DocumentFormat }) {
  const { f } = props;
  const { t } = f;
  const rows: { job: SettlementJobDto; line: RoLineDto }[] = props.jobs.flatMap((job) =>
    (props.kind === 'labor' ? job.laborLines : job.partLines).map((line) => ({ job, line })),
  );
  if (rows.length === 0) return null;
  const labor = props.kind === 'labor';
  // The payer column only where the jobs have more than one payer (the names need the room).
  const payers = new Set(props.jobs.map((job) => job.payer)).size > 1;
  const title = labor ? t('settlement.doc.laborTable') : t('settlement.doc.partsTable');
  return (
    <section className="doc-settlement-table" aria-label={title}>
      <h2 className="doc-section-title">{title}</h2>
      <table className="doc-lines">
        <colgroup>
          <col className="doc-col-job" />
          <col className="doc-col-code" />
          <col />
          {payers ? <col className="doc-col-payer" /> : null}
          <col className="doc-col-qty" />
          <col className="doc-col-money" />
          <col className="doc-col-money" />
          <col className="doc-col-discount" />
          <col className="doc-col-money" />
        </colgroup>
        <thead>
          <tr className="doc-lines-head">
            <th>#</th>
            <th>{labor ? t('printing.doc.columns.code') : t('printing.doc.columns.partNumber')}</th>
            <th>{labor ? t('printing.doc.columns.name') : t('printing.doc.columns.partName')}</th>
            {payers ? <th>{t('settlement.doc.payerColumn')}</th> : null}
            <LineHeadings labor={labor} f={f} />
          </tr>
        </thead>
        <tbody>
          {rows.map(({ job, line }) => (
            <tr key={line.id}>
              <td>{job.n}</td>
              <td className="doc-mono">{line.code}</td>
              <td>{f.name(line)}</td>
              {payers ? <td>{t(`ro.payers.${job.payer}`)}</td> : null}
              <td className="num">{f.qty(line.qtyMilli)}</td>
              <td className="num">{f.money(line.unitPriceFen)}</td>
              <td className="num">{f.money(line.grossFen)}</td>
              <DiscountCell line={line} f={f} />
              <td className="num">{f.money(line.netFen)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <SubtotalRow
            label={labor ? t('printing.doc.totals.laborSubtotal') : t('printing.doc.totals.partsSubtotal')}
            sum={sumLines(rows.map((row) => row.line))}
            before={payers ? 6 : 5}
            f={f}
          />
        </tfoot>
      </table>
    </section>
  );
}

function Row({ label, children, strong }: { label: string; children: ReactNode; strong?: boolean }) {
  return (
    <tr className={strong ? 'doc-total' : undefined}>
      <th>{label}</th>
      <td className="num">{children}</td>
    </tr>
  );
}

/** The guarantee of each job: its statutory period, and its end once the car was handed over. */
function GuaranteeBlock({ settlement, f }: { settlement: SettlementDto; f: DocumentFormat }) {
  const { t } = f;
  return (
    <section className="doc-guarantee" aria-label={t('settlement.doc.guaranteeTitle')} data-testid="doc-guarantee">
      <h2 className="doc-section-title">{t('settlement.doc.guaranteeTitle')}</h2>
      <ul>
        {settlement.jobs.map((job) => {
          const g = job.guarantee;
          return (
            <li key={job.id}>
              <span className="doc-strong">
                {t('settlement.doc.guaranteeJob', {
                  n: job.n,
                  category: g ? t(`ro.workCategories.${g.category}`) : t('ro.workCategoryUnset'),
                })}
              </span>{' '}
              {g ? (
                <>
                  {t('settlement.doc.guaranteePeriod', { days: g.days, km: g.km })}
                  {f.lng === 'zh-CN' ? '。' : '. '}
                  {g.untilDate === null
                    ? t('settlement.doc.guaranteeFromHandover')
                    : g.untilKm === null
                      ? t('settlement.doc.guaranteeUntilDate', { date: g.untilDate })
                      : t('settlement.doc.guaranteeUntil', { date: g.untilDate, untilKm: g.untilKm })}
                </>
              ) : (
                t('settlement.doc.categoryNotSet')
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/**
 * The settlement statement (结算清单) handed over with the car: the RO's head with the handover, the work done per
 * job (3C), labor charges and materials in two separate tables, subtotals per payer, VAT and the total, what the
 * customer pays, has paid and still owes, the payments, the repair quality-guarantee period of each job, the
 * explanation given at handover, and the signatures.
 */
export function SettlementDocument(props: {
  ro: RepairOrderDetail;
  settlement: SettlementDto;
  dealer: DealerDto;
  f: DocumentFormat;
}) {
  const { ro, settlement, dealer, f } = props;
  const { t } = f;
  const delivery = settlement.delivery;
  const taxAdded = paperSum(settlement.all).taxAddedFen > 0;
  return (
    <article className="print-doc" lang={f.lng} data-testid="print-document">
      <Letterhead dealer={dealer} title={t('settlement.doc.title')} ro={ro} f={f} />
      <RoFacts ro={ro} f={f} />
      <section className="doc-facts doc-handover">
        <div className="doc-fact">
          <span className="doc-fact-label">{t('settlement.doc.delivered')}</span>
          <span className="doc-fact-value">{delivery ? f.dateTime(delivery.deliveredAt) : t('settlement.doc.notDelivered')}</span>
        </div>
        <div className="doc-fact">
          <span className="doc-fact-label">{t('settlement.doc.mileageOut')}</span>
          <span className="doc-fact-value">
            {delivery?.mileageOutKm != null
              ? t('printing.doc.mileageKm', { km: f.number(delivery.mileageOutKm) })
              : t('printing.doc.none')}
          </span>
        </div>
      </section>

      <h2 className="doc-section-title">{t('settlement.doc.workDone')}</h2>
      <table className="doc-3c">
        <thead>
          <tr>
            <th className="doc-col-job">#</th>
            <th>{t('printing.doc.concern')}</th>
            <th>{t('printing.doc.cause')}</th>
            <th>{t('printing.doc.correction')}</th>
          </tr>
        </thead>
        <tbody>
          {settlement.jobs.map((job) => (
            <tr key={job.id}>
              <td>{job.n}</td>
              <td>{job.concern}</td>
              <td>{job.cause}</td>
              <td>{job.correction}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <ChargeTable kind="labor" jobs={settlement.jobs} f={f} />
      <ChargeTable kind="part" jobs={settlement.jobs} f={f} />

      <div className="doc-settlement-sums">
        <section className="doc-payer-subtotals" aria-label={t('settlement.doc.payerSubtotals')}>
          <h2 className="doc-section-title">{t('settlement.doc.payerSubtotals')}</h2>
          <table className="doc-lines">
            <thead>
              <tr className="doc-lines-head">
                <th>{t('settlement.doc.payerColumn')}</th>
                <th className="num">{t('settlement.doc.laborColumn')}</th>
                <th className="num">{t('settlement.doc.partsColumn')}</th>
                <th className="num">{t('printing.doc.columns.discount')}</th>
                {taxAdded ? <th className="num">{t('printing.doc.totals.taxAdded')}</th> : null}
                <th className="num">{t('settlement.doc.totalColumn')}</th>
              </tr>
            </thead>
            <tbody>
              {settlement.byPayer.map((subtotal) => (
                <tr key={subtotal.payer}>
                  <td>{t(`ro.payers.${subtotal.payer}`)}</td>
                  <td className="num">{f.money(subtotal.labor.grossFen)}</td>
                  <td className="num">{f.money(subtotal.parts.grossFen)}</td>
                  <DiscountCell line={subtotal.all} f={f} />
                  {taxAdded ? <td className="num">{f.money(paperSum(subtotal.all).taxAddedFen)}</td> : null}
                  <td className="num">{f.money(subtotal.all.totalFen)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <TotalsBlock labor={settlement.labor} parts={settlement.parts} all={settlement.all} f={f} />
      </div>
      <section className="doc-totals" aria-label={t('settlement.doc.customerPays')}>
        <table>
          <tbody>
            <Row label={t('settlement.doc.customerPays')}>{f.money(settlement.owedFen)}</Row>
            <Row label={t('settlement.doc.paid')}>{f.money(settlement.paidFen)}</Row>
            <Row label={t('settlement.doc.balance')} strong>
              <span data-testid="doc-balance">{f.money(settlement.balanceFen)}</span>
            </Row>
          </tbody>
        </table>
      </section>

      {settlement.payments.length > 0 ? (
        <section aria-label={t('settlement.doc.payments')}>
          <h2 className="doc-section-title">{t('settlement.doc.payments')}</h2>
          <table className="doc-lines">
            <tbody>
              {settlement.payments.map((payment) => (
                <tr key={payment.id}>
                  <td>{f.dateTime(payment.receivedAt)}</td>
                  <td>{t(`settlement.methods.${payment.method}`)}</td>
                  <td className="doc-mono">{payment.reference}</td>
                  <td className="num">{f.money(payment.amountFen)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}

      {settlement.refundedFen > 0 ? (
        // The refunds approved, listed apart: they come off both the charge and what was paid, so the totals above
        // (owed − paid = balance) stay as they were.
        <section aria-label={t('refunds.doc.title')}>
          <h2 className="doc-section-title">{t('refunds.doc.title')}</h2>
          <table className="doc-lines">
            <tbody>
              {settlement.refunds
                .filter((refund) => refund.state === 'approved')
                .map((refund) => (
                  <tr key={refund.id}>
                    <td>{f.dateTime(refund.decidedAt)}</td>
                    <td>{t(`settlement.methods.${refund.method}`)}</td>
                    <td>{refund.reason}</td>
                    <td className="num">{f.money(refund.amountFen)}</td>
                  </tr>
                ))}
            </tbody>
          </table>
          <p className="doc-muted">{t('refunds.doc.note', { amount: f.money(settlement.refundedFen) })}</p>
        </section>
      ) : null}

      <GuaranteeBlock settlement={settlement} f={f} />

      {delivery ? (
        <section className="doc-explanation">
          <h2 className="doc-section-title">{t('settlement.doc.explanation')}</h2>
          <p>{delivery.explanation}</p>
        </section>
      ) : null}

      <footer className="doc-footer">
        <div className="doc-signatures">
          <SignLine label={t('settlement.doc.advisorSign')}>
            {delivery?.deliveredBy.displayName ?? ro.advisor.displayName}
          </SignLine>
          <SignLine label={t('settlement.doc.customerSign')} />
          <SignLine label={t('settlement.doc.date')}>{delivery ? f.dateTime(delivery.deliveredAt) : null}</SignLine>
        </div>
      </footer>
    </article>
  );
}
