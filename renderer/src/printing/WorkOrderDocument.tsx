import type { RepairOrderDetail } from '../../../shared/contract/repair-orders';
import type { CheckInDetail } from '../../../shared/contract/repair-orders/check-in';
import { CheckInBlock } from './CheckInBlock';
import type { DealerDto } from '../../../shared/contract/settings';
import type { DocumentFormat } from './document-format';
import { JobHeading, JobLines, Letterhead, RoFacts, SignLine, TotalsBlock } from './DocumentParts';

/**
 * The work order (委托书) the customer signs at the desk: the RO's head with the customer's phone, the car as it was
 * received (fuel, valuables, the walk-around diagram and its damage marks), each job with its 3C (the customer's words,
 * the cause and the correction, empty until the workshop fills them) and priced lines, the totals, the terms and the
 * signatures. A job the customer declined stays on it, marked, and counts in no total (the RO's totals leave it out).
 */
export function WorkOrderDocument(props: {
  ro: RepairOrderDetail;
  checkIn?: CheckInDetail;
  dealer: DealerDto;
  f: DocumentFormat;
}) {
  const { ro, dealer, f } = props;
  const { t } = f;
  return (
    <article className="print-doc" lang={f.lng} data-testid="print-document">
      <Letterhead dealer={dealer} title={t('printing.doc.workOrderTitle')} ro={ro} f={f} />
      <RoFacts ro={ro} f={f} />
      <CheckInBlock detail={props.checkIn} f={f} />
      {ro.jobs.map((job, index) => (
        <section key={job.id} className={job.authorization === 'declined' ? 'doc-job doc-job-declined' : 'doc-job'}>
          <JobHeading job={job} index={index} declined={job.authorization === 'declined'} f={f} />
          <table className="doc-3c">
            <thead>
              <tr>
                <th>{t('printing.doc.concern')}</th>
                <th>{t('printing.doc.cause')}</th>
                <th>{t('printing.doc.correction')}</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <td>{job.concern}</td>
                <td>{job.cause}</td>
                <td>{job.correction}</td>
              </tr>
            </tbody>
          </table>
          <JobLines job={job} f={f} />
        </section>
      ))}
      <TotalsBlock labor={ro.totals.labor} parts={ro.totals.parts} all={ro.totals.all} f={f} />
      <footer className="doc-footer">
        <p className="doc-terms">{t('printing.doc.terms')}</p>
        <div className="doc-signatures">
          <SignLine label={t('printing.doc.signature')} />
          <SignLine label={t('printing.doc.date')} />
          <SignLine label={t('printing.doc.advisorSignature')}>{ro.advisor.displayName}</SignLine>
        </div>
      </footer>
    </article>
  );
}
