import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DMS_IMPORT_KINDS, type DmsImportKind } from '../../../shared/domain/dms-import';
import { useUrlParams } from '../ui/use-url-params';
import { DmsFilePanel, type FileStatus } from './DmsFilePanel';
import './dms-import.css';

const isKind = (value: string | null): value is DmsImportKind => DMS_IMPORT_KINDS.includes(value as DmsImportKind);

/**
 * Moving in from the previous DMS (issue 18 item 1): its four exports as steps in the order they must come in
 * (customers, vehicles, RO headers, RO lines), each with its own file, mapping, dry run and import. Every step stays
 * mounted while another is shown, so a run in progress and a dry run's result survive a look at another step.
 */
export function DmsImportScreen() {
  const { t } = useTranslation();
  const [params, setParams] = useUrlParams();
  const step = params.get('file');
  const current: DmsImportKind = isKind(step) ? step : 'customers';
  const [status, setStatus] = useState<Record<DmsImportKind, FileStatus>>({
    customers: 'new',
    vehicles: 'new',
    orders: 'new',
    orderLines: 'new',
  });
  const show = (kind: DmsImportKind) => setParams({ file: kind === 'customers' ? undefined : kind });
  return (
    <div className="page">
      <section className="card">
        <header className="card-header">
          <h1 className="card-title">{t('dmsImport.title')}</h1>
        </header>
        <p className="muted dms-intro">{t('dmsImport.intro')}</p>
        <div className="dms-steps" role="tablist" aria-label={t('dmsImport.steps')}>
          {DMS_IMPORT_KINDS.map((kind, i) => (
            <button
              key={kind}
              type="button"
              role="tab"
              id={`dms-tab-${kind}`}
              aria-controls={`dms-panel-${kind}`}
              aria-selected={kind === current}
              className={kind === current ? 'button primary' : 'button'}
              onClick={() => show(kind)}
            >
              {t('dmsImport.step', { n: i + 1, kind: t(`dmsImport.kinds.${kind}`) })}
              {status[kind] === 'new' ? null : (
                <span className={status[kind] === 'imported' ? 'badge badge-green' : 'badge'}>
                  {t(`dmsImport.status.${status[kind]}`)}
                </span>
              )}
            </button>
          ))}
        </div>
      </section>
      {DMS_IMPORT_KINDS.map((kind, i) => (
        <div
          key={kind}
          role="tabpanel"
          id={`dms-panel-${kind}`}
          aria-labelledby={`dms-tab-${kind}`}
          hidden={kind !== current}
          className="dms-panel"
        >
          <DmsFilePanel
            kind={kind}
            position={i + 1}
            next={DMS_IMPORT_KINDS[i + 1] ?? null}
            onNext={show}
            onStatus={(value) => setStatus((all) => (all[kind] === value ? all : { ...all, [kind]: value }))}
          />
        </div>
      ))}
    </div>
  );
}
