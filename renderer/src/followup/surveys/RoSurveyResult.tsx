import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { contract } from '../../../../shared/contract';
import type { RepairOrderDetail } from '../../../../shared/contract/repair-orders';
import { orpc } from '../../api/client';
import { canCall } from '../../app/access';
import { useUser } from '../../app/session-context';
import { ErrorBanner, Section } from '../../ui/widgets';
import { SurveyAnswers } from './Survey';
import '../followup.css';

function Result({ repairOrderId }: { repairOrderId: number }) {
  const { t } = useTranslation();
  const query = useQuery(orpc.followup.surveyResponseOfOrder.queryOptions({ input: { repairOrderId } }));
  if (query.error) return <ErrorBanner error={query.error} />;
  if (!query.data) return null;
  return (
    <Section title={t('surveys.result.title')}>
      <SurveyAnswers response={query.data} />
    </Section>
  );
}

/** On a delivered or closed RO: the follow-up survey's answers and verdict, once the customer was called. */
export function RoSurveyResult({ ro }: { ro: RepairOrderDetail }) {
  const user = useUser();
  if (!['delivered', 'closed'].includes(ro.status) || !canCall(user.role, contract.followup.surveyResponseOfOrder)) return null;
  return <Result repairOrderId={ro.id} />;
}
