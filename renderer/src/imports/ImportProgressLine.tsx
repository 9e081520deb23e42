import { useTranslation } from 'react-i18next';
import type { ImportRunProgress } from '../../../shared/contract/imports';
import { formatNumber } from '../ui/format';

/**
 * How far an import's run is: its phase (`label`, in words), the lines done and, once the file's length is known, of
 * how many, with a bar (one that moves without an end while the total is not known).
 */
export function ImportProgressLine({ progress, label }: { progress: ImportRunProgress; label: string }) {
  const { t } = useTranslation();
  return (
    <div className="import-progress" role="status" aria-live="polite">
      <div>
        {progress.total === null
          ? t('imports.progressRead', { phase: label, done: formatNumber(progress.done) })
          : t('imports.progressCount', { phase: label, done: formatNumber(progress.done), total: formatNumber(progress.total) })}
      </div>
      {progress.total === null ? (
        <progress aria-label={label} style={{ width: '100%' }} />
      ) : (
        <progress aria-label={label} value={progress.done} max={Math.max(1, progress.total)} style={{ width: '100%' }} />
      )}
    </div>
  );
}
