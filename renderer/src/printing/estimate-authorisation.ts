import type { AuthorisationDto } from '../../../shared/contract/repair-orders/authorisation';
import type { EstimateAuthorisation } from './EstimateDocument';

/**
 * The customer's recorded answers as the estimate prints them: who answered last, how, when and with which
 * signature, and each job's latest decision (a job answered twice, e.g. approved after being added again, counts as
 * last answered). Decisions of jobs removed since are left out. None recorded: undefined (empty lines to sign).
 */
export function estimateAuthorisation(recorded: readonly AuthorisationDto[]): EstimateAuthorisation | undefined {
  if (recorded.length === 0) return undefined;
  const oldestFirst = [...recorded].sort((a, b) => a.id - b.id);
  const latest = oldestFirst[oldestFirst.length - 1]!;
  const decisions = new Map<number, 'approved' | 'declined'>();
  for (const authorisation of oldestFirst) {
    for (const decision of authorisation.decisions) {
      if (decision.jobId !== null) decisions.set(decision.jobId, decision.decision);
    }
  }
  return {
    customerName: latest.customerName,
    channel: latest.channel,
    authorisedAt: latest.authorisedAt,
    signaturePng: latest.signaturePng,
    decisions: [...decisions].map(([jobId, decision]) => ({ jobId, decision })),
  };
}
