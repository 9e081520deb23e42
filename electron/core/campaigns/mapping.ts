import type { CampaignRow } from '../../../shared/contract/campaigns';
import type { CampaignRecord } from './repository';

/** A campaign row as the list and the progress screen show it; outstanding = affected − done. */
export function campaignRow(row: CampaignRecord): CampaignRow {
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    kind: row.kind,
    mandatory: row.mandatory === 1,
    status: row.status,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    affected: row.affected_count,
    done: row.done_count,
    outstanding: row.affected_count - row.done_count,
    createdAt: row.created_at,
  };
}
