import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { contract } from '../../../shared/contract';
import { setDealerInput, type DealerDto } from '../../../shared/contract/settings';
import { orpc } from '../api/client';
import { canCall } from '../app/access';
import { useUser } from '../app/session-context';
import { schemaResolver } from '../ui/form-resolver';
import { FormFooter, useFormSubmit } from '../ui/form-submit';
import { ErrorBanner, Field, Loading, Section } from '../ui/widgets';
import { FileButton } from '../ui/FileButton';
import { LastBackupLine } from '../backups/LastBackupLine';
import { WorkshopBaysSection } from '../workshop/WorkshopBaysSection';
import { SettingsLinks } from './SettingsLinks';
import './settings.css';

interface DealerFormValues {
  name: string;
  address: string;
  phone: string;
  logo: string | null;
  version: number;
}
const FORM_FIELDS = ['name', 'address', 'phone', 'logo'];

function formValues(dealer: DealerDto): DealerFormValues {
  return { name: dealer.name, address: dealer.address, phone: dealer.phone, logo: dealer.logo, version: dealer.version };
}

/** The file as a data URL; the contract's schema then judges its type and size, the same way the core does. */
function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

/** `saved` lives above the form: a save moves the version, and the form is remounted on the fresh values. */
function DealerForm({ dealer, saved, setSaved }: { dealer: DealerDto; saved: boolean; setSaved: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const save = useMutation(orpc.settings.setDealer.mutationOptions());
  const form = useForm<DealerFormValues, unknown, z.output<typeof setDealerInput>>({
    resolver: schemaResolver<DealerFormValues, typeof setDealerInput>(setDealerInput, t),
    defaultValues: formValues(dealer),
  });
  const { submit, unplaced } = useFormSubmit(form, FORM_FIELDS, async (values) => {
    setSaved(false);
    const fresh = await save.mutateAsync(values);
    setSaved(true);
    queryClient.setQueryData(orpc.settings.dealer.queryKey({ input: {} }), fresh);
  });
  const errors = form.formState.errors;
  const stale = unplaced.some((issue) => issue.reason === 'staleVersion');
  return (
    <form className="form-grid" onSubmit={submit} noValidate aria-label={t('printing.settings.title')}>
      <Field label={t('printing.settings.name')} name="name" error={errors.name} wide>
        <input lang="zh-CN" autoFocus maxLength={100} {...form.register('name')} />
      </Field>
      <Field label={t('printing.settings.address')} name="address" error={errors.address} wide>
        <input maxLength={200} {...form.register('address')} />
      </Field>
      <Field label={t('printing.settings.phone')} name="phone" error={errors.phone}>
        <input type="tel" maxLength={30} {...form.register('phone')} />
      </Field>
      <Controller
        control={form.control}
        name="logo"
        render={({ field, fieldState }) => (
          <Field label={t('printing.settings.logo')} name="logo" error={fieldState.error} wide>
            <div className="dealer-logo">
              {field.value ? (
                <img className="dealer-logo-preview" src={field.value} alt={t('printing.settings.logoPreview')} />
              ) : (
                <span className="muted">{t('printing.settings.noLogo')}</span>
              )}
              <FileButton
                accept="image/png,image/jpeg"
                label={t('printing.settings.chooseLogo')}
                showChosen={false}
                onFiles={async ([file]) => {
                  if (!file) return;
                  field.onChange(await readAsDataUrl(file));
                  setSaved(false);
                  void form.trigger('logo');
                }}
              />
              {field.value ? (
                <button
                  type="button"
                  onClick={() => {
                    field.onChange(null);
                    form.clearErrors('logo');
                    setSaved(false);
                  }}
                >
                  {t('printing.settings.removeLogo')}
                </button>
              ) : null}
            </div>
            <span className="muted small">{t('printing.settings.logoHint')}</span>
          </Field>
        )}
      />
      <FormFooter
        unplaced={unplaced}
        submitting={form.formState.isSubmitting}
        submitLabel={t('customer.save')}
        extra={
          stale ? (
            <>
              {' '}
              <button type="button" onClick={() => void queryClient.invalidateQueries({ queryKey: orpc.settings.dealer.key() })}>
                {t('customer.reload')}
              </button>
            </>
          ) : null
        }
      />
      {saved ? (
        <p className="field-wide" role="status">
          {t('printing.settings.saved')}
        </p>
      ) : null}
    </form>
  );
}

/** The dealer's letterhead for printed documents: name (Chinese as a rule), address, phone and logo. */
export function DealerSettingsScreen() {
  const { t } = useTranslation();
  const user = useUser();
  const [saved, setSaved] = useState(false);
  const query = useQuery(orpc.settings.dealer.queryOptions({ input: {} }));
  if (query.isPending) return <Loading />;
  if (query.error) return <ErrorBanner error={query.error} />;
  const mayEdit = canCall(user.role, contract.settings.setDealer);
  return (
    <div className="page page-form">
      <LastBackupLine link />
      <SettingsLinks />
      <Section page title={t('printing.settings.title')}>
        <p className="muted">{t('printing.settings.hint')}</p>
        {mayEdit ? (
          <DealerForm key={query.data.version} dealer={query.data} saved={saved} setSaved={setSaved} />
        ) : (
          <p>{t('printing.settings.readOnly')}</p>
        )}
      </Section>
      {canCall(user.role, contract.workshop.setBays) ? <WorkshopBaysSection /> : null}
    </div>
  );
}
