import type { CampaignCallsQueued } from '../../../shared/contract/campaigns';
import { deskDay, instantAt } from '../../../shared/domain/desk-time';
import type { CoreDeps } from '../context';
import { notFound } from '../errors';
import * as repo from './repository';

/**
 * The outstanding cars of a campaign as follow-up calls (kind `campaign`, due today): the CSI agent calls the owner to
 * book the remedy. Consent is respected (docs/domain.md "CSI, NPS and follow-up"): an owner who does not consent is
 * counted, not queued. One open campaign call per car (the unique index followup_tasks_open_vehicle), so a second
 * click queues only what is new.
 */
export async function queueCalls(deps: CoreDeps, input: { id: number }): Promise<CampaignCallsQueued> {
  const campaign = await repo.findCampaign(deps.db, input.id);
  if (!campaign || campaign.status === 'importing') notFound('campaign');
  const now = deps.clock.now();
  const at = now.toISOString();
  const due = instantAt(deskDay(now), 0).toISOString();
  const result = await deps.db.transaction().execute(async (trx) => {
    const owners = await repo.outstandingOwners(trx, campaign.id);
    const counts = { queued: 0, alreadyQueued: 0, noConsent: 0, notOnFile: 0 };
    for (const owner of owners) {
      if (owner.customer_id === null || owner.vehicle_id === null) counts.notOnFile += 1;
      else if (owner.consent_to_contact !== 1) counts.noConsent += 1;
      else {
        const inserted = await trx
          .insertInto('followup_tasks')
          .values({
            customer_id: owner.customer_id,
            vehicle_id: owner.vehicle_id,
            repair_order_id: null,
            kind: 'campaign',
            status: 'open',
            channel: 'call',
            attempts: 0,
            failed_attempts: 0,
            closed_at: null,
            closed_by: null,
            due_at: due,
            due_reason: '',
            created_at: at,
            updated_at: at,
          })
          .onConflict((conflict) => conflict.doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) counts.queued += 1;
        else counts.alreadyQueued += 1;
      }
    }
    return counts;
  });
  if (result.queued > 0) deps.events.publish({ area: 'followup' });
  return result;
}
