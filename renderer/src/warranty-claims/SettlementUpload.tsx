import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettlementImportDto } from '../../../shared/contract/warranty-claims';
import { formatYuan } from '../../../shared/domain/money';
import { api, orpc } from '../api/client';
import { uploadSettlementFile } from '../api/upload';
import { FileButton } from '../ui/FileButton';
import { ErrorBanner } from '../ui/widgets';

/**
 * The OEM's settlement file (CSV or XLSX, docs/warranty-claims.md): sent through the import engine's upload, then
 * matched to the claims; what was paid, partly paid and rejected, and each refused row with its line and reason.
 */
export function SettlementUpload({ onImported }: { onImported: () => void }) {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<SettlementImportDto | null>(null);
  const queryClient = useQueryClient();
  const choose = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const uploadId = await uploadSettlementFile(file);
      setResult(await api.warrantyClaims.importSettlement({ uploadId, fileName: file.name }));
      // The claim open beside the grid and the month's figures changed with the file.
      await queryClient.invalidateQueries({ queryKey: orpc.warrantyClaims.key() });
      onImported();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="settlement-upload">
      <label className="field">
        <span className="field-label">{t('warrantyClaims.settlement.file')}</span>
        <FileButton
          accept=".csv,.xlsx"
          disabled={busy}
          label={t('warrantyClaims.settlement.choose')}
          onFiles={(files) => void choose(files[0])}
        />
      </label>
      <ErrorBanner error={error} />
      {result ? (
        <div role="status" className="small">
          <p>
            {t('warrantyClaims.settlement.summary', {
              paid: result.paid,
              partlyPaid: result.partlyPaid,
              rejected: result.rejected,
              amount: formatYuan(result.paidFen, i18n.language),
            })}
          </p>
          {result.refused.length > 0 ? (
            <ul aria-label={t('warrantyClaims.settlement.refused')}>
              {result.refused.map((r) => (
                <li key={r.line}>
                  {t('warrantyClaims.settlement.line', { line: r.line, claim: r.claimNumber })}{' '}
                  {t(`reasons.${r.reason}`, { status: r.status ? t(`warrantyClaims.statuses.${r.status}`) : '' })}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
