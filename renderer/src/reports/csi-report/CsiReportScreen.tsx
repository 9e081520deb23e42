import { useMutation, useQuery } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import { monthlyCsiInput, type MonthlyCsiInput } from '../../../../shared/contract/reports/csi-report';
import { DEFAULT_DEALER_NAME } from '../../../../shared/contract/settings';
import { monthOf, shiftMonth } from '../../../../shared/domain/kpi-months';
import { orpc } from '../../api/client';
import { LANGUAGES, type Language } from '../../i18n';
import { downloadBase64 } from '../../parts/parts-format';
import { documentFormat } from '../../printing/document-format';
import { schemaResolver } from '../../ui/form-resolver';
import { FormFooter, useFormSubmit } from '../../ui/form-submit';
import { useUrlParams } from '../../ui/use-url-params';
import { ErrorBanner, Field, Loading } from '../../ui/widgets';
import { CsiReportDocument } from './CsiReportDocument';
import { ReportsTabs } from '../ReportsTabs';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The month a report is usually wanted for: the last full month on the desk's calendar. */
export function lastFullMonth(): string {
  return shiftMonth(monthOf(new Date()), -1);
}

function MonthForm({ month, onChange }: { month: string; onChange: (month: string) => void }) {
  const { t } = useTranslation();
  const form = useForm<MonthlyCsiInput, unknown, z.output<typeof monthlyCsiInput>>({
    resolver: schemaResolver<MonthlyCsiInput, typeof monthlyCsiInput>(monthlyCsiInput, t),
    defaultValues: { month },
  });
  const { submit, unplaced } = useFormSubmit(form, ['month'], async (values) => {
    onChange(values.month);
  });
  return (
    <form className="form-grid period-form" onSubmit={submit} noValidate aria-label={t('csiReport.title')}>
      <Field label={t('fields.month')} name="month" error={form.formState.errors.month}>
        <input type="month" {...form.register('month')} />
      </Field>
      <FormFooter unplaced={unplaced} submitting={form.formState.isSubmitting} submitLabel={t('csiReport.show')} />
    </form>
  );
}

/**
 * The monthly CSI report for the manager (and the CSI agent): pick a month (the last full one by default; it lives in
 * the URL), read the report as it prints, open the print route to print or save it as a PDF, export it to Excel.
 */
export function CsiReportScreen() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useUrlParams();
  const month = params.get('month') ?? lastFullMonth();
  const report = useQuery(orpc.reports.monthlyCsi.queryOptions({ input: { month } }));
  const dealer = useQuery(orpc.settings.dealer.queryOptions({ input: {} }));
  const exportFile = useMutation(orpc.reports.monthlyCsiExport.mutationOptions());
  const download = async () => {
    const file = await exportFile.mutateAsync({ month });
    downloadBase64(file.fileName, file.dataBase64, XLSX_TYPE);
  };
  const lng: Language = (LANGUAGES as readonly string[]).includes(i18n.language) ? (i18n.language as Language) : 'zh-CN';
  const f = documentFormat(lng, t);

  return (
    <div className="csi-screen">
      <ReportsTabs />
      <h1>{t('csiReport.title')}</h1>
      <div className="csi-toolbar">
        <MonthForm key={month} month={month} onChange={(next) => setParams({ month: next })} />
        <Link className="button" to={`/print/reports/csi/${month}`}>
          {t('csiReport.printPdf')}
        </Link>
        <button type="button" onClick={() => void download()} disabled={exportFile.isPending || !report.isSuccess}>
          {exportFile.isPending ? t('csiReport.exporting') : t('csiReport.exportExcel')}
        </button>
      </div>
      <ErrorBanner error={report.error ?? dealer.error ?? exportFile.error} />
      {report.isPending ? <Loading /> : null}
      {report.data ? (
        <CsiReportDocument
          embedded
          report={report.data}
          dealerName={dealer.data?.name || DEFAULT_DEALER_NAME}
          printedAt={report.dataUpdatedAt ? new Date(report.dataUpdatedAt).toISOString() : ''}
          f={f}
        />
      ) : null}
    </div>
  );
}
