import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DEFAULT_DEALER_NAME } from '../../../../shared/contract/settings';
import { deskDay } from '../../../../shared/domain/desk-time';
import { orpc } from '../../api/client';
import { LANGUAGES, type Language } from '../../i18n';
import { downloadBase64 } from '../../parts/parts-format';
import { documentFormat } from '../../printing/document-format';
import { DateField } from '../../ui/DateField';
import { useUrlParams } from '../../ui/use-url-params';
import { ErrorBanner, Loading } from '../../ui/widgets';
import { ReportsTabs } from '../ReportsTabs';
import { DailyClosingDocument, type ClosingDrill } from './DailyClosingDocument';
import { DailyClosingDrillDown } from './DailyClosingDrillDown';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The daily closing (收银日报) for the cashier and the manager: pick a desk day (today by default; day and open list
 * live in the URL), read the figures with their definitions, open the ROs behind a figure, export the day to Excel,
 * print the sheet both sign.
 */
export function DailyClosingScreen() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useUrlParams();
  const asked = params.get('day') ?? '';
  const day = DAY.test(asked) ? asked : deskDay(new Date());
  const drill = params.get('drill') as ClosingDrill | null;
  const report = useQuery(orpc.reports.dailyClosing.queryOptions({ input: { day } }));
  const dealer = useQuery(orpc.settings.dealer.queryOptions({ input: {} }));
  const exportFile = useMutation(orpc.reports.dailyClosingExport.mutationOptions());
  const download = async () => {
    const file = await exportFile.mutateAsync({ day });
    downloadBase64(file.fileName, file.dataBase64, XLSX_TYPE);
  };
  const lng: Language = (LANGUAGES as readonly string[]).includes(i18n.language) ? (i18n.language as Language) : 'zh-CN';
  const f = documentFormat(lng, t);
  const drillButton = (which: ClosingDrill) => (
    <button
      type="button"
      className="link"
      aria-expanded={drill === which}
      onClick={() => setParams({ drill: drill === which ? undefined : which })}
    >
      {drill === which ? t('dailyClosing.hideDrill') : `${t(`dailyClosing.sections.${which}`)} · ${t('dailyClosing.drill')}`}
    </button>
  );

  return (
    <div className="closing-screen">
      <ReportsTabs />
      <h1>{t('dailyClosing.title')}</h1>
      <div className="closing-toolbar">
        <label>
          {t('fields.day')}{' '}
          <DateField
            value={day}
            aria-label={t('fields.day')}
            onChange={(event) => {
              if (DAY.test(event.target.value)) setParams({ day: event.target.value, drill: undefined });
            }}
          />
        </label>
        <Link className="button" to={`/print/reports/daily-closing/${day}`}>
          {t('dailyClosing.printPdf')}
        </Link>
        <button type="button" onClick={() => void download()} disabled={exportFile.isPending || !report.isSuccess}>
          {exportFile.isPending ? t('dailyClosing.exporting') : t('dailyClosing.exportExcel')}
        </button>
      </div>
      <ErrorBanner error={report.error ?? dealer.error ?? exportFile.error} />
      {report.isPending ? <Loading /> : null}
      {report.data ? (
        <>
          <DailyClosingDocument
            embedded
            report={report.data}
            dealerName={dealer.data?.name || DEFAULT_DEALER_NAME}
            printedAt={report.dataUpdatedAt ? new Date(report.dataUpdatedAt).toISOString() : ''}
            f={f}
            drillButton={drillButton}
          />
          {drill && ['payments', 'refunds', 'closed', 'owing'].includes(drill) ? (
            <DailyClosingDrillDown report={report.data} drill={drill} f={f} />
          ) : null}
        </>
      ) : null}
    </div>
  );
}
