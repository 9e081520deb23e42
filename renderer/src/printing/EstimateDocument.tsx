import type { RepairOrderDetail, RoJobDto } from '../../../shared/contract/repair-orders';
import type { DealerDto } from '../../../shared/contract/settings';
import { sumLines } from '../../../shared/domain/money';
import type { DocumentFormat } from './document-format';
import { JobHeading, JobLines, Letterhead, RoFacts, SignLine, TotalsBlock } from './DocumentParts';

/** The customer's answer to an estimate, when one was recorded: printed in the authorisation block. */
export interface EstimateAuthorisation {
  customerName: string;
  /** How the customer answered (in person, phone, WeChat...), as its code. */
  channel: string;
  authorisedAt: string;
  /** The customer's signature as a PNG data URL; null when authorised without signing (e.g. by phone). */
  signaturePng: string | null;
  decisions: { jobId: number; decision: 'approved' | 'declined' }[];
}

function channelName(f: DocumentFormat, channel: string): string {
  return f.t([`authorisation.channels.${channel}`, `channels.${channel}`], { defaultValue: channel });
}

/**
 * The estimate (维修估价单) for the customer to authorise: the RO's head, each job with its concern, priced lines and
 * total, the totals, and the authorisation block: empty lines to sign, or the recorded answer with the signature,
 * declined jobs marked and left out of the totals.
 */
export function EstimateDocument(props: {
  ro: RepairOrderDetail;
  dealer: DealerDto;
  f: DocumentFormat;
  authorisation?: EstimateAuthorisation;
}) {
  const { ro, dealer, f, authorisation } = props;
  const { t } = f;
  const declinedIds = new Set(
    authorisation
      ? authorisation.decisions.filter((d) => d.decision === 'declined').map((d) => d.jobId)
      : ro.jobs.filter((job) => job.authorization === 'declined').map((job) => job.id),
  );
  const counted: RoJobDto[] = ro.jobs.filter((job) => !declinedIds.has(job.id));
  const totals =
    declinedIds.size === 0
      ? ro.totals
      : {
          labor: sumLines(counted.flatMap((job) => job.laborLines)),
          parts: sumLines(counted.flatMap((job) => job.partLines)),
          all: sumLines(counted.map((job) => job.totals)),
        };
  return (
    <article className="print-doc" lang={f.lng} data-testid="print-document">
      <Letterhead dealer={dealer} title={t('printing.doc.estimateTitle')} ro={ro} f={f} />
      <RoFacts ro={ro} f={f} />
      {ro.jobs.map((job, index) => (
        <section key={job.id} className={declinedIds.has(job.id) ? 'doc-job doc-job-declined' : 'doc-job'}>
          <JobHeading job={job} index={index} declined={declinedIds.has(job.id)} f={f} />
          <p className="doc-concern">
            <span className="doc-fact-label">{t('printing.doc.concern')}</span> {job.concern}
          </p>
          <JobLines job={job} f={f} total />
        </section>
      ))}
      <TotalsBlock
        labor={totals.labor}
        parts={totals.parts}
        all={totals.all}
        {...(declinedIds.size > 0 ? { note: t('printing.doc.totals.declinedExcluded') } : {})}
        f={f}
      />
      <footer className="doc-footer">
        <p className="doc-terms">{t('printing.doc.estimateTerms')}</p>
        <section className="doc-authorisation" aria-label={t('printing.doc.authorisation')}>
          <h2>{t('printing.doc.authorisation')}</h2>
          <p>{t('printing.doc.authorisationText')}</p>
          {authorisation ? (
            <div className="doc-signatures">
              <SignLine label={t('printing.doc.signature')}>
                {authorisation.signaturePng ? (
                  <img className="doc-signature-image" src={authorisation.signaturePng} alt={t('printing.doc.signature')} />
                ) : (
                  authorisation.customerName
                )}
              </SignLine>
              <SignLine label={t('printing.doc.authorisedBy')}>{authorisation.customerName}</SignLine>
              <SignLine label={t('printing.doc.channel')}>{channelName(f, authorisation.channel)}</SignLine>
              <SignLine label={t('printing.doc.authorisedAt')}>{f.dateTime(authorisation.authorisedAt)}</SignLine>
            </div>
          ) : (
            <div className="doc-signatures">
              <SignLine label={t('printing.doc.signature')} />
              <SignLine label={t('printing.doc.date')} />
            </div>
          )}
        </section>
      </footer>
    </article>
  );
}
