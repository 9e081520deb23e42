import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { orpc } from '../../api/client';
import { downloadBase64 } from '../../parts/parts-format';
import { ErrorBanner } from '../../ui/widgets';
import type { Period } from './MoneyPeriod';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Print (the print route: both reports of the period on A4) and the Excel workbook of the period. */
export function MoneyToolbar({ period, ready }: { period: Period; ready: boolean }) {
  const { t } = useTranslation();
  const exportFile = useMutation(orpc.reports.moneyExport.mutationOptions());
  const download = async () => {
    const file = await exportFile.mutateAsync(period);
    downloadBase64(file.fileName, file.dataBase64, XLSX_TYPE);
  };
  return (
    <>
      <div className="card-actions money-toolbar">
        <Link className="button" to={`/print/reports/money?from=${period.from}&to=${period.to}`}>
          {t('money.print')}
        </Link>
        <button type="button" onClick={() => void download()} disabled={exportFile.isPending || !ready}>
          {exportFile.isPending ? t('money.exporting') : t('money.exportExcel')}
        </button>
      </div>
      <ErrorBanner error={exportFile.error} />
    </>
  );
}
