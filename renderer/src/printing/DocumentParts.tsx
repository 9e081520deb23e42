import type { ReactNode } from 'react';
import type { AmountsDto, RepairOrderDetail, RoJobDto, RoLineDto } from '../../../shared/contract/repair-orders';
import { DEFAULT_DEALER_NAME, type DealerDto } from '../../../shared/contract/settings';
import { paperSum, sumLines } from '../../../shared/domain/money';
import type { DocumentFormat } from './document-format';

/** The dealer's letterhead and the document's title and number: the top of every printed page set. */
export function Letterhead(props: { dealer: DealerDto; title: string; ro: RepairOrderDetail; f: DocumentFormat }) {
  const { dealer, f } = props;
  const name = dealer.name || DEFAULT_DEALER_NAME;
  return (
    <header className="doc-letterhead">
      {dealer.logo ? <img className="doc-logo" src={dealer.logo} alt={name} /> : null}
      <div className="doc-dealer">
        <div className="doc-dealer-name" data-testid="doc-dealer-name">
          {name}
        </div>
        {dealer.address ? <div>{dealer.address}</div> : null}
        {dealer.phone ? <div>{f.t('printing.doc.tel', { phone: dealer.phone })}</div> : null}
      </div>
      <div className="doc-title-block">
        <h1 className="doc-title">{props.title}</h1>
        <div className="doc-number">{props.ro.number}</div>
      </div>
    </header>
  );
}

function Fact({ label, children, wide }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <div className={wide ? 'doc-fact doc-fact-wide' : 'doc-fact'}>
      <span className="doc-fact-label">{label}</span>
      <span className="doc-fact-value">{children}</span>
    </div>
  );
}

/** Who, which car and when: the RO's head as the customer signs it. */
export function RoFacts({ ro, f }: { ro: RepairOrderDetail; f: DocumentFormat }) {
  const { t } = f;
  const none = t('printing.doc.none');
  return (
    <section className="doc-facts" aria-label={t('printing.doc.roNumber')}>
      <Fact label={t('printing.doc.roNumber')}>{ro.number}</Fact>
      <Fact label={t('printing.doc.opened')}>{f.dateTime(ro.openedAt)}</Fact>
      <Fact label={t('printing.doc.customer')}>{ro.customer.name}</Fact>
      <Fact label={t('printing.doc.phone')}>
        <span data-testid="doc-phone">{ro.customer.phone || none}</span>
      </Fact>
      <Fact label={t('printing.doc.advisor')}>{ro.advisor.displayName}</Fact>
      <Fact label={t('printing.doc.plate')}>
        <span className="doc-plate">{ro.vehicle.plate || none}</span>
      </Fact>
      <Fact label={t('printing.doc.makeModel')}>{ro.vehicle.makeModel || none}</Fact>
      <Fact label={t('printing.doc.vin')}>
        <span className="doc-mono">{ro.vehicle.vin}</span>
      </Fact>
      <Fact label={t('printing.doc.mileage')}>
        {ro.mileageInKm === null ? none : t('printing.doc.mileageKm', { km: f.number(ro.mileageInKm) })}
      </Fact>
      <Fact label={t('printing.doc.promisedAt')} wide>
        {f.dateTime(ro.promisedAt)}
      </Fact>
    </section>
  );
}

/** "维修项目 1 · 保养 · 付费方：客户", with the declined mark where the customer said no. */
export function JobHeading(props: { job: RoJobDto; index: number; declined: boolean; f: DocumentFormat }) {
  const { job, f } = props;
  const { t } = f;
  return (
    <h2 className="doc-job-heading">
      <span>{t('printing.doc.jobN', { n: props.index + 1 })}</span>
      <span className="doc-job-meta">{t('printing.doc.concernGroup', { group: t(`catalog.groups.${job.concernGroup}`) })}</span>
      <span className="doc-job-meta">{t('printing.doc.payer', { payer: t(`ro.payers.${job.payer}`) })}</span>
      {props.declined ? (
        <span className="doc-declined" data-testid={`doc-declined-${props.index + 1}`}>
          {t('printing.doc.declined')}
        </span>
      ) : null}
    </h2>
  );
}

/** A line's discount as money taken off, with its rate: "−¥6.00 (10%)"; empty without a discount. */
export function DiscountCell({ line, f }: { line: AmountsDto & { discountBp?: number }; f: DocumentFormat }) {
  if (line.discountFen <= 0) return <td className="num" />;
  return (
    <td className="num">
      {f.t('printing.doc.minus', { amount: f.money(line.discountFen) })}
      {line.discountBp ? <span className="doc-rate"> ({f.percent(line.discountBp)})</span> : null}
    </td>
  );
}

function LineRows({ lines, f }: { lines: RoLineDto[]; f: DocumentFormat }) {
  return (
    <>
      {lines.map((line) => (
        <tr key={line.id}>
          <td className="doc-mono">{line.code}</td>
          <td>{f.name(line)}</td>
          <td className="num">{f.qty(line.qtyMilli)}</td>
          <td className="num">{f.money(line.unitPriceFen)}</td>
          <td className="num">{f.money(line.grossFen)}</td>
          <DiscountCell line={line} f={f} />
          <td className="num">{f.money(line.netFen)}</td>
        </tr>
      ))}
    </>
  );
}

/** The sums of a table's lines, column by column: gross, discount and net, so each column adds up on paper. */
export function SubtotalRow(props: { label: string; sum: AmountsDto; before: number; f: DocumentFormat; testId?: string }) {
  const { sum, f } = props;
  return (
    <tr className="doc-subtotal" data-testid={props.testId}>
      <td colSpan={props.before} className="num">
        {props.label}
      </td>
      <td className="num">{f.money(sum.grossFen)}</td>
      <DiscountCell line={sum} f={f} />
      <td className="num">{f.money(sum.netFen)}</td>
    </tr>
  );
}

/** The money columns of a line table: quantity, unit price, amount at list price, discount, amount after discount. */
export function LineHeadings({ labor, f }: { labor: boolean; f: DocumentFormat }) {
  const { t } = f;
  return (
    <>
      <th className="num">{labor ? t('printing.doc.columns.hours') : t('printing.doc.columns.qty')}</th>
      <th className="num">{labor ? t('printing.doc.columns.rate') : t('printing.doc.columns.unitPrice')}</th>
      <th className="num">{t('printing.doc.columns.gross')}</th>
      <th className="num">{t('printing.doc.columns.discount')}</th>
      <th className="num">{t('printing.doc.columns.net')}</th>
    </>
  );
}

/**
 * The job's labor lines, then its part lines, each with its own column names and its subtotal; with `total`, the
 * job's total under them (plus the VAT added on prices without it).
 */
export function JobLines({ job, f, total }: { job: RoJobDto; f: DocumentFormat; total?: boolean }) {
  const { t } = f;
  if (job.laborLines.length === 0 && job.partLines.length === 0) return <p className="doc-muted">{t('printing.doc.noLines')}</p>;
  const { taxAddedFen } = paperSum(job.totals);
  return (
    <table className="doc-lines">
      <colgroup>
        <col className="doc-col-code" />
        <col />
        <col className="doc-col-qty" />
        <col className="doc-col-money" />
        <col className="doc-col-money" />
        <col className="doc-col-discount" />
        <col className="doc-col-money" />
      </colgroup>
      {job.laborLines.length > 0 ? (
        <tbody>
          <tr className="doc-lines-head">
            <th>{t('printing.doc.columns.code')}</th>
            <th>{t('printing.doc.columns.name')}</th>
            <LineHeadings labor f={f} />
          </tr>
          <LineRows lines={job.laborLines} f={f} />
          <SubtotalRow label={t('printing.doc.totals.laborSubtotal')} sum={sumLines(job.laborLines)} before={4} f={f} />
        </tbody>
      ) : null}
      {job.partLines.length > 0 ? (
        <tbody>
          <tr className="doc-lines-head">
            <th>{t('printing.doc.columns.partNumber')}</th>
            <th>{t('printing.doc.columns.partName')}</th>
            <LineHeadings labor={false} f={f} />
          </tr>
          <LineRows lines={job.partLines} f={f} />
          <SubtotalRow label={t('printing.doc.totals.partsSubtotal')} sum={sumLines(job.partLines)} before={4} f={f} />
        </tbody>
      ) : null}
      {total ? (
        <tfoot>
          {taxAddedFen > 0 ? (
            <tr>
              <td colSpan={6} className="num">
                {t('printing.doc.totals.taxAdded')}
              </td>
              <td className="num">{f.money(taxAddedFen)}</td>
            </tr>
          ) : null}
          <tr>
            <td colSpan={6} className="num">
              {t('printing.doc.jobTotal')}
            </td>
            <td className="num doc-strong">{f.money(job.totals.totalFen)}</td>
          </tr>
        </tfoot>
      ) : null}
    </table>
  );
}

/**
 * The totals as a customer adds them: labor and parts at list price, less the discount, plus any VAT added on prices
 * without it, make the total; the VAT already inside the prices is said under the total (it adds nothing). Sums of
 * stored lines, never re-rounded.
 */
export function TotalsBlock(props: { labor: AmountsDto; parts: AmountsDto; all: AmountsDto; note?: string; f: DocumentFormat }) {
  const { f, all } = props;
  const { t } = f;
  const { taxAddedFen, taxWithinFen } = paperSum(all);
  return (
    <section className="doc-totals" aria-label={t('printing.doc.totals.title')}>
      {props.note ? <p className="doc-muted">{props.note}</p> : null}
      <table>
        <tbody>
          <tr>
            <th>{t('printing.doc.totals.labor')}</th>
            <td className="num">{f.money(props.labor.grossFen)}</td>
          </tr>
          <tr>
            <th>{t('printing.doc.totals.parts')}</th>
            <td className="num">{f.money(props.parts.grossFen)}</td>
          </tr>
          {all.discountFen > 0 ? (
            <tr>
              <th>{t('printing.doc.totals.discount')}</th>
              <td className="num">{t('printing.doc.minus', { amount: f.money(all.discountFen) })}</td>
            </tr>
          ) : null}
          {taxAddedFen > 0 ? (
            <tr>
              <th>{t('printing.doc.totals.taxAdded')}</th>
              <td className="num">{f.money(taxAddedFen)}</td>
            </tr>
          ) : null}
          <tr className="doc-total">
            <th>{t('printing.doc.totals.total')}</th>
            <td className="num" data-testid="doc-total">
              {f.money(all.totalFen)}
            </td>
          </tr>
          {taxWithinFen > 0 ? (
            <tr className="doc-tax-within">
              <th>{t('printing.doc.totals.taxWithin')}</th>
              <td className="num">{f.money(taxWithinFen)}</td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </section>
  );
}

/** A line to sign on, with its caption under it; filled in (a name, a date) when known. */
export function SignLine({ label, children }: { label: string; children?: ReactNode }) {
  return (
    <div className="doc-sign">
      <div className="doc-sign-space">{children}</div>
      <div className="doc-sign-label">{label}</div>
    </div>
  );
}
