import type { ReactNode } from 'react';
import type { LoanDto } from '../../../shared/contract/loaners';
import type { RepairOrderDetail } from '../../../shared/contract/repair-orders';
import type { DealerDto } from '../../../shared/contract/settings';
import { PrintedDiagram, PrintedMarksTable } from '../printing/CheckInBlock';
import type { DocumentFormat } from '../printing/document-format';
import { Letterhead, SignLine } from '../printing/DocumentParts';

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="doc-fact">
      <span className="doc-fact-label">{label}</span>
      <span className="doc-fact-value" data-testid={testId}>
        {children}
      </span>
    </div>
  );
}

/**
 * The loan agreement (借车协议) the customer signs as the loaner car goes out: the car and its plate, the reading and
 * fuel it leaves with, its damage on the walk-around diagram, the driver and licence, the customer and the RO the car
 * is lent on, the terms, and the signature lines. In the document's language, on the RO print's letterhead.
 */
export function LoanAgreementDocument(props: { loan: LoanDto; ro: RepairOrderDetail; dealer: DealerDto; f: DocumentFormat }) {
  const { loan, ro, f } = props;
  const { t } = f;
  const marks = loan.marks.filter((mark) => mark.phase === 'out');
  return (
    <article className="print-doc" lang={f.lng} data-testid="print-document">
      <Letterhead dealer={props.dealer} title={t('loaners.doc.title')} ro={ro} f={f} />
      <section className="doc-facts" aria-label={t('loaners.doc.car')}>
        <Fact label={t('loaners.doc.car')}>{loan.car.model}</Fact>
        <Fact label={t('loaners.doc.plate')} testId="loan-plate">
          <span className="doc-plate">{loan.car.plate}</span>
        </Fact>
        <Fact label={t('loaners.doc.outMileage')} testId="loan-out-mileage">
          {t('printing.doc.mileageKm', { km: f.number(loan.out.mileageKm) })}
        </Fact>
        <Fact label={t('loaners.doc.fuel')}>{t(`checkIn.fuelLevels.${loan.out.fuelEighths}`)}</Fact>
        <Fact label={t('loaners.doc.outAt')}>{f.dateTime(loan.out.at)}</Fact>
        <Fact label={t('loaners.doc.expected')}>{f.dateTime(loan.expectedReturnAt)}</Fact>
        <Fact label={t('loaners.doc.customer')}>{ro.customer.name}</Fact>
        <Fact label={t('loaners.doc.phone')}>{ro.customer.phone}</Fact>
        <Fact label={t('loaners.doc.driver')}>{loan.driverName}</Fact>
        <Fact label={t('loaners.doc.licence')} testId="loan-licence">
          <span className="doc-mono">{loan.licenceNumber}</span>
        </Fact>
        <Fact label={t('loaners.doc.repairOrder')}>
          {ro.number} · {ro.vehicle.plate}
        </Fact>
      </section>
      <section className="doc-check-in" aria-label={t('loaners.doc.marks')}>
        <h2 className="doc-section-title">{t('loaners.doc.marks')}</h2>
        <div className="doc-check-in-grid">
          <div>
            <PrintedMarksTable marks={marks} f={f} />
          </div>
          <PrintedDiagram marks={marks} f={f} />
        </div>
      </section>
      <p>{t('loaners.doc.terms')}</p>
      <footer className="doc-footer">
        <div className="doc-signatures">
          <SignLine label={t('loaners.doc.signCustomer')} />
          <SignLine label={t('loaners.doc.signAdvisor')}>{loan.out.by.displayName}</SignLine>
          <SignLine label={t('loaners.doc.date')}>{f.dateTime(loan.out.at).slice(0, 10)}</SignLine>
        </div>
      </footer>
    </article>
  );
}
