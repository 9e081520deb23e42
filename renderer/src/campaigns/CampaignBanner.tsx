import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { contract } from '../../../shared/contract';
import type { OpenCampaign } from '../../../shared/contract/campaigns';
import type { RepairOrderDetail } from '../../../shared/contract/repair-orders';
import { orpc } from '../api/client';
import { canCall } from '../app/access';
import { useUser } from '../app/session-context';
import { useRoSaved } from '../repair-orders/use-ro-write';
import { ErrorBanner, latestError } from '../ui/widgets';
import './campaigns.css';

/** "召回 / Recall" or "服务活动 / Campaign" in the desk's language, with the campaign's code and title. */
export function CampaignBadge({ campaign }: { campaign: Pick<OpenCampaign, 'kind' | 'code' | 'title' | 'mandatory'> }) {
  const { t } = useTranslation();
  return (
    <span className={`badge campaign-badge campaign-${campaign.kind}`} data-testid="campaign-badge">
      {t('campaigns.badge', { kind: t(`campaigns.kinds.${campaign.kind}`), code: campaign.code, title: campaign.title })}
      {campaign.mandatory ? ` · ${t('campaigns.mandatory')}` : ''}
    </span>
  );
}

/** The look-up's flag for a row whose car has an open campaign (which ones: the vehicle page). */
export function CampaignFlag() {
  const { t } = useTranslation();
  return (
    <span className="badge campaign-badge campaign-recall" data-testid="campaign-flag">
      {t('campaigns.flag')}
    </span>
  );
}

/**
 * The open recall and service campaigns of a car, wherever the advisor meets it (vehicle page, booking, check-in, RO).
 * On an RO that may still change (`ro`), each campaign not yet on an RO gets its one-click "add campaign job".
 */
export function CampaignBanner({ vehicleId, ro }: { vehicleId: number; ro?: RepairOrderDetail }) {
  const { t } = useTranslation();
  const user = useUser();
  const saved = useRoSaved();
  const allowed = canCall(user.role, contract.campaigns.openForVehicle);
  const query = useQuery({
    ...orpc.campaigns.openForVehicle.queryOptions({ input: { vehicleId } }),
    enabled: allowed,
    staleTime: 0,
  });
  const add = useMutation(
    orpc.campaigns.addJob.mutationOptions({
      onSuccess: async (detail) => {
        await saved(detail);
        await query.refetch();
      },
    }),
  );
  if (!allowed || query.isPending) return null;
  if (query.error) return <ErrorBanner error={query.error} />;
  if (query.data.length === 0) return null;
  const mayAdd = ro !== undefined && canCall(user.role, contract.campaigns.addJob);
  const error = latestError(add);
  return (
    <div className="banner banner-warning campaign-banner" role="status" data-testid="campaign-banner">
      <strong>{t('campaigns.openOnCar')}</strong>
      <ul className="plain">
        {query.data.map((campaign) => (
          <li key={campaign.campaignId}>
            <CampaignBadge campaign={campaign} />{' '}
            {campaign.onRoId !== null ? (
              <Link className="small" to={`/repair-orders/${campaign.onRoId}`}>
                {t('campaigns.onRo')}
              </Link>
            ) : mayAdd ? (
              <button
                type="button"
                disabled={add.isPending}
                onClick={() => add.mutate({ id: ro.id, version: ro.version, campaignId: campaign.campaignId })}
              >
                {t('campaigns.addJob')}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {error ? <ErrorBanner error={error} /> : null}
    </div>
  );
}
