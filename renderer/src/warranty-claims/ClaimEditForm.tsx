import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClaimDto } from '../../../shared/contract/warranty-claims';
import { fenOfYuanText } from './yuan-text';

/**
 * What the administrator adds to a draft or fixes after a rejection: the failure code, the causal part and the
 * sublet. The labor operations and the part amounts stay as drafted here (warrantyClaims.update takes them too).
 */
export function ClaimEditForm(props: {
  claim: ClaimDto;
  busy: boolean;
  onSave: (changes: { failureCode: string; causalPartNumber: string; subletFen: number }) => void;
}) {
  const { t } = useTranslation();
  const { claim } = props;
  const [failureCode, setFailureCode] = useState(claim.failureCode);
  const [causal, setCausal] = useState(claim.causalPartNumber);
  const [sublet, setSublet] = useState((claim.subletFen / 100).toFixed(2));
  const subletFen = fenOfYuanText(sublet);
  return (
    <form
      className="form-grid"
      aria-label={t('warrantyClaims.edit')}
      onSubmit={(e) => {
        e.preventDefault();
        if (subletFen !== null) props.onSave({ failureCode, causalPartNumber: causal, subletFen });
      }}
    >
      <label className="field">
        <span className="field-label">{t('fields.failureCode')}</span>
        <input value={failureCode} onChange={(e) => setFailureCode(e.target.value)} />
      </label>
      <label className="field">
        <span className="field-label">{t('fields.causalPartNumber')}</span>
        <input value={causal} onChange={(e) => setCausal(e.target.value)} />
      </label>
      <label className="field">
        <span className="field-label">{t('warrantyClaims.subletYuan')}</span>
        <input inputMode="decimal" value={sublet} onChange={(e) => setSublet(e.target.value)} aria-invalid={subletFen === null} />
      </label>
      <div className="form-actions">
        <button type="submit" disabled={props.busy || subletFen === null}>
          {t('warrantyClaims.save')}
        </button>
      </div>
    </form>
  );
}
