import { sql } from 'kysely';
import type { CampaignCallsQueued } from '../../../shared/contract/campaigns';
import { deskDay, instantAt } from '../../../shared/domain/desk-time';
import type { CoreDeps } from '../context';
import { notFound } from '../errors';
import * as repo from './repository';

/**
 * The outstanding cars of a campaign as follow-up calls (kind `campaign`, due today): the CSI agent calls the owner to
 * book the remedy. Consent is respected (docs/domain.md "CSI, NPS and follow-up"): an owner who does not consent is
 * counted, not queued. One open campaign call per car (the unique index followup_tasks_open_vehicle), so a second
 * click queues only what is new. Set-wise: a recall of 100,000 cars is one count and one INSERT … SELECT.
 */
export async function queueCalls(deps: CoreDeps, input: { id: number }): Promise<CampaignCallsQueued> {
  const campaign = await repo.findCampaign(deps.db, input.id);
  if (!campaign || campaign.status === 'importing') notFound('campaign');
  const now = deps.clock.now();
  const at = now.toISOString();
  const due = instantAt(deskDay(now), 0).toISOString();
  const result = await deps.db.transaction().execute(async (trx) => {
    const counts = await repo.outstandingCounts(trx, campaign.id);
    const inserted = await trx
      .insertInto('followup_tasks')
      .columns([
        'customer_id',
        'vehicle_id',
        'repair_order_id',
        'kind',
        'status',
        'channel',
        'attempts',
        'failed_attempts',
        'closed_at',
        'closed_by',
        'due_at',
        'due_reason',
        'created_at',
        'updated_at',
      ])
      .expression(
        repo
          .outstandingOwners(trx, campaign.id)
          .where('c.consent_to_contact', '=', 1)
          .select([
            sql<null>`NULL`.as('repair_order_id'),
            sql.lit('campaign').as('kind'),
            sql.lit('open').as('status'),
            sql.lit('call').as('channel'),
            sql.lit(0).as('attempts'),
            sql.lit(0).as('failed_attempts'),
            sql<null>`NULL`.as('closed_at'),
            sql<null>`NULL`.as('closed_by'),
            sql<string>`${due}`.as('due_at'),
            sql.lit('').as('due_reason'),
            sql<string>`${at}`.as('created_at'),
            sql<string>`${at}`.as('updated_at'),
          ]),
      )
      // The unique index skips a car already called (the SELECT ends in WHERE, as SQLite's upsert parser needs).
      .onConflict((conflict) => conflict.doNothing())
      .executeTakeFirst();
    const queued = Number(inserted.numInsertedOrUpdatedRows ?? 0);
    return {
      queued,
      alreadyQueued: counts.consenting - queued,
      noConsent: counts.onFile - counts.consenting,
      notOnFile: counts.outstanding - counts.onFile,
    };
  });
  if (result.queued > 0) deps.events.publish({ area: 'followup' });
  return result;
}
