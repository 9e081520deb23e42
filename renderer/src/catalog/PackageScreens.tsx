import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { contract } from '../../../shared/contract';
import { orpc } from '../api/client';
import { ActiveToggle } from './ActiveToggle';
import { canCall } from '../app/access';
import { useUser } from '../app/session-context';
import { formatDateTime } from '../ui/format';
import { ErrorBanner, Loading, Section } from '../ui/widgets';
import { useCatalogFormat } from './catalog-format';
import { EMPTY_PACKAGE, PackageForm, packageFormValues } from './PackageForm';
import { PackageLines } from './PackageLines';

export function NewPackageScreen() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const create = useMutation(orpc.catalog.createPackage.mutationOptions());
  return (
    <div className="card">
      <h1>{t('catalog.newPackage')}</h1>
      <PackageForm
        title={t('catalog.newPackage')}
        initial={EMPTY_PACKAGE}
        submitting={create.isPending}
        onCancel={() => void navigate('/catalog/packages')}
        onSubmit={async (values) => {
          const pkg = await create.mutateAsync(values);
          await queryClient.invalidateQueries({ queryKey: orpc.catalog.key() });
          void navigate(`/catalog/packages/${pkg.id}`, { replace: true });
        }}
      />
    </div>
  );
}

/** One package: the manager edits its lines (with the estimate kept up to date); everyone else reads it. */
export function PackageScreen() {
  const { t } = useTranslation();
  const user = useUser();
  const format = useCatalogFormat();
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const query = useQuery(orpc.catalog.getPackage.queryOptions({ input: { id } }));
  const update = useMutation(orpc.catalog.updatePackage.mutationOptions());
  if (query.isPending) return <Loading />;
  if (query.error) return <ErrorBanner error={query.error} />;
  const pkg = query.data;
  const mayEdit = canCall(user.role, contract.catalog.updatePackage);
  return (
    <div className="page page-form">
      <Link to="/catalog/packages">{t('catalog.back')}</Link>
      {!pkg.active ? (
        <div className="banner banner-warning" role="status">
          {t('catalog.packageRetired')}
        </div>
      ) : null}
      <Section
        page
        title={mayEdit ? t('catalog.editPackage') : `${pkg.code} · ${format.name(pkg)}`}
        actions={canCall(user.role, contract.catalog.setPackageActive) ? <ActiveToggle item={pkg} kind="package" /> : null}
      >
        {mayEdit ? (
          <PackageForm
            key={pkg.version}
            title={t('catalog.editPackage')}
            initial={packageFormValues(pkg)}
            submitting={update.isPending}
            onCancel={() => void navigate('/catalog/packages')}
            onSubmit={async (values) => {
              await update.mutateAsync({ ...values, id: pkg.id, version: pkg.version });
              await queryClient.invalidateQueries({ queryKey: orpc.catalog.key() });
              void navigate('/catalog/packages', { replace: true });
            }}
          />
        ) : (
          <>
            <PackageLines pkg={pkg} />
            <p className="muted small">{t('catalog.readOnly')}</p>
          </>
        )}
        <p className="muted small">
          {t('customer.created', { date: formatDateTime(pkg.createdAt) })} ·{' '}
          {t('customer.updated', { date: formatDateTime(pkg.updatedAt) })}
        </p>
      </Section>
    </div>
  );
}
