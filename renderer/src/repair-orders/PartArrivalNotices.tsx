import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { contract } from '../../../shared/contract';
import { formatQuantity } from '../../../shared/domain/money';
import { orpc } from '../api/client';
import { canCall } from '../app/access';
import { useUser } from '../app/session-context';
import { formatDateTime } from '../ui/format';
import { ErrorBanner } from '../ui/widgets';

/**
 * "Parts arrived" for the advisor above the RO list: RO lines a receipt filled, until the advisor marks them seen (a
 * manager sees everyone's). Read again live whenever the parts desk receives (the parts area's live updates).
 */
export function PartArrivalNotices() {
  const user = useUser();
  if (!canCall(user.role, contract.parts.arrivalNotices)) return null;
  return <NoticeList showAdvisor={user.role === 'manager'} />;
}

function NoticeList({ showAdvisor }: { showAdvisor: boolean }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const query = useQuery(orpc.parts.arrivalNotices.queryOptions({ input: {} }));
  const seen = useMutation(orpc.parts.markNoticesSeen.mutationOptions());
  const markSeen = (ids: number[]) =>
    void seen
      .mutateAsync({ ids })
      .then(() => queryClient.invalidateQueries({ queryKey: orpc.parts.arrivalNotices.key() }))
      .catch(() => undefined);
  if (query.error) return <ErrorBanner error={query.error} />;
  const notices = query.data ?? [];
  if (notices.length === 0) return null;
  return (
    <section className="banner banner-warning" aria-label={t('purchasing.notices.title')} data-testid="arrival-notices">
      <div className="card-header" style={{ marginBottom: 4 }}>
        <strong>{t('purchasing.notices.title')}</strong>
        {notices.length > 1 ? (
          <button type="button" disabled={seen.isPending} onClick={() => markSeen(notices.map((n) => n.id))}>
            {t('purchasing.notices.allSeen')}
          </button>
        ) : null}
      </div>
      <ul style={{ margin: 0, paddingLeft: 18 }}>
        {notices.map((notice) => (
          <li key={notice.id} style={{ marginBottom: 4 }}>
            <Link to={`/repair-orders/${notice.repairOrderId}`}>
              {t('purchasing.notices.line', {
                ro: notice.roNumber,
                part: i18n.language === 'zh-CN' || !notice.nameEn ? notice.nameZh : notice.nameEn,
                qty: formatQuantity(notice.qtyMilli),
              })}
            </Link>{' '}
            <span className="muted small">
              {formatDateTime(notice.createdAt)}
              {showAdvisor ? ` · ${t('purchasing.notices.forAdvisor', { name: notice.advisorName })}` : ''}
            </span>{' '}
            <button type="button" disabled={seen.isPending} onClick={() => markSeen([notice.id])}>
              {t('purchasing.notices.seen')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
