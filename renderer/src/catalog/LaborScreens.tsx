import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { contract } from '../../../shared/contract';
import type { LaborOperationDto } from '../../../shared/contract/catalog';
import { orpc } from '../api/client';
import { ActiveToggle } from './ActiveToggle';
import { canCall } from '../app/access';
import { useUser } from '../app/session-context';
import { formatDateTime } from '../ui/format';
import { ErrorBanner, Loading, Section } from '../ui/widgets';
import { useCatalogFormat } from './catalog-format';
import { EMPTY_LABOR, LaborForm, laborFormValues } from './LaborForm';

export function NewLaborScreen() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const create = useMutation(orpc.catalog.createLabor.mutationOptions());
  return (
    <div className="card">
      <h1>{t('catalog.newOperation')}</h1>
      <LaborForm
        title={t('catalog.newOperation')}
        initial={EMPTY_LABOR}
        submitting={create.isPending}
        onCancel={() => void navigate('/catalog')}
        onSubmit={async (values) => {
          await create.mutateAsync(values);
          await queryClient.invalidateQueries({ queryKey: orpc.catalog.key() });
          void navigate('/catalog', { replace: true });
        }}
      />
    </div>
  );
}

function LaborFacts({ op }: { op: LaborOperationDto }) {
  const { t } = useTranslation();
  const format = useCatalogFormat();
  return (
    <dl className="facts">
      <dt>{t('fields.code')}</dt>
      <dd className="mono">{op.code}</dd>
      <dt>{t('fields.nameZh')}</dt>
      <dd lang="zh-CN">{op.nameZh}</dd>
      <dt>{t('fields.nameEn')}</dt>
      <dd lang="en">{op.nameEn}</dd>
      <dt>{t('fields.concernGroup')}</dt>
      <dd>{t(`catalog.groups.${op.concernGroup}`)}</dd>
      <dt>{t('fields.hoursMilli')}</dt>
      <dd>{format.hours(op.hoursMilli)}</dd>
      <dt>{t('catalog.columns.rate')}</dt>
      <dd>{format.rate(op.laborRateFen)}</dd>
      <dt>{t('fields.active')}</dt>
      <dd>{op.active ? t('catalog.active') : t('catalog.retired')}</dd>
    </dl>
  );
}

/** One operation: the manager edits it (and retires it); everyone else reads it. */
export function LaborScreen() {
  const { t } = useTranslation();
  const user = useUser();
  const format = useCatalogFormat();
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // Back to the list as it was left (its group and retired switch), when the desk came from it.
  const listSearch = (useLocation().state as { listSearch?: string } | null)?.listSearch ?? '';
  const list = { pathname: '/catalog', search: listSearch };
  const query = useQuery(orpc.catalog.getLabor.queryOptions({ input: { id } }));
  const update = useMutation(orpc.catalog.updateLabor.mutationOptions());
  if (query.isPending) return <Loading />;
  if (query.error) return <ErrorBanner error={query.error} />;
  const op = query.data;
  const mayEdit = canCall(user.role, contract.catalog.updateLabor);
  return (
    <div className="page page-form">
      <Link to={list}>{t('catalog.back')}</Link>
      {!op.active ? (
        <div className="banner banner-warning" role="status">
          {t('catalog.operationRetired')}
        </div>
      ) : null}
      <Section
        page
        title={mayEdit ? t('catalog.editOperation') : `${op.code} · ${format.name(op)}`}
        actions={canCall(user.role, contract.catalog.setLaborActive) ? <ActiveToggle item={op} kind="labor" /> : null}
      >
        {mayEdit ? (
          <LaborForm
            // A new version (retired, or saved elsewhere and reloaded) starts the form again from what is on file.
            key={op.version}
            title={t('catalog.editOperation')}
            initial={laborFormValues(op)}
            submitting={update.isPending}
            onCancel={() => void navigate(list)}
            onSubmit={async (values) => {
              await update.mutateAsync({ ...values, id: op.id, version: op.version });
              await queryClient.invalidateQueries({ queryKey: orpc.catalog.key() });
              void navigate(list, { replace: true });
            }}
          />
        ) : (
          <>
            <LaborFacts op={op} />
            <p className="muted small">{t('catalog.readOnly')}</p>
          </>
        )}
        <p className="muted small">
          {t('customer.created', { date: formatDateTime(op.createdAt) })} ·{' '}
          {t('customer.updated', { date: formatDateTime(op.updatedAt) })}
        </p>
      </Section>
    </div>
  );
}
