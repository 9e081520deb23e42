import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_CAMPAIGN_FILE_MB, type CampaignImportResult, type importInput } from '../../../shared/contract/campaigns';
import type { LaborPick } from '../../../shared/contract/catalog';
import { CAMPAIGN_KINDS, type CampaignKind } from '../../../shared/domain/campaigns';
import { formatQuantity, parseQuantity } from '../../../shared/domain/money';
import type { z } from 'zod';
import { orpc } from '../api/client';
import { LaborPicker } from '../catalog/LaborPicker';
import { DateField } from '../ui/DateField';
import { FileButton } from '../ui/FileButton';
import { ErrorBanner, Field } from '../ui/widgets';

/** The file's bytes as base64 (the data URL's tail), as the contract carries a VIN list. */
function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('file'));
    reader.readAsDataURL(file);
  });
}

/** "4M0-880-201 1" per line: part number and quantity (1 when left out); a line that does not read is sent as typed. */
function partsOf(text: string): { partNumber: string; qtyMilli: number }[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((line) => {
      const [partNumber = '', qty = '1'] = line.split(/\s+/);
      return { partNumber, qtyMilli: parseQuantity(qty) ?? 0 };
    });
}

/** The manager's import: the campaign as the manufacturer's notice states it, and its VIN list. */
export function CampaignImportForm({ onImported }: { onImported: (result: CampaignImportResult) => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<CampaignKind>('recall');
  const [mandatory, setMandatory] = useState(true);
  const [operation, setOperation] = useState<LaborPick | null>(null);
  const [hours, setHours] = useState('');
  const [parts, setParts] = useState('');
  const [startsOn, setStartsOn] = useState('');
  const [endsOn, setEndsOn] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<CampaignImportResult | null>(null);
  const run = useMutation(orpc.campaigns.import.mutationOptions());

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setResult(null);
    const input: z.input<typeof importInput> = {
      code,
      title,
      kind,
      mandatory,
      laborOperationId: operation?.id ?? 0,
      laborHoursMilli: parseQuantity(hours) ?? 0,
      parts: partsOf(parts),
      startsOn,
      endsOn,
      fileName: file?.name ?? '',
      fileBase64: file ? await base64Of(file) : '',
    };
    const answer = await run.mutateAsync(input).catch(() => null);
    if (!answer) return;
    setResult(answer);
    onImported(answer);
  };

  return (
    <form className="form-grid" onSubmit={(event) => void submit(event)} noValidate aria-label={t('campaigns.importTitle')}>
      <Field label={t('campaigns.columns.code')} name="code">
        <input value={code} maxLength={30} onChange={(e) => setCode(e.target.value)} />
      </Field>
      <Field label={t('campaigns.columns.title')} name="title">
        <input value={title} maxLength={100} onChange={(e) => setTitle(e.target.value)} />
      </Field>
      <Field label={t('campaigns.columns.kind')} name="kind">
        <select value={kind} onChange={(e) => setKind(e.target.value as CampaignKind)}>
          {CAMPAIGN_KINDS.map((value) => (
            <option key={value} value={value}>
              {t(`campaigns.kinds.${value}`)}
            </option>
          ))}
        </select>
      </Field>
      <label className="checkbox">
        <input type="checkbox" checked={mandatory} onChange={(e) => setMandatory(e.target.checked)} />
        {t('fields.mandatory')}
      </label>
      <div className="field field-wide" data-field="laborOperationId">
        <span className="field-label">{t('fields.laborOperationId')}</span>
        {operation ? (
          <div data-testid="campaign-operation">
            <span className="mono">{operation.code}</span> {operation.nameZh}{' '}
            <button type="button" className="link" onClick={() => setOperation(null)}>
              {t('campaigns.changeOperation')}
            </button>
          </div>
        ) : (
          <LaborPicker
            exclude={new Set()}
            onPick={(op) => {
              setOperation(op);
              setHours(formatQuantity(op.hoursMilli));
            }}
          />
        )}
      </div>
      <Field label={t('fields.laborHoursMilli')} name="laborHoursMilli">
        <input inputMode="decimal" value={hours} onChange={(e) => setHours(e.target.value)} />
      </Field>
      <Field label={t('fields.campaignParts')} name="parts" wide>
        <textarea value={parts} placeholder={t('campaigns.partsHint')} onChange={(e) => setParts(e.target.value)} />
      </Field>
      <Field label={t('fields.startsOn')} name="startsOn">
        <DateField value={startsOn} onChange={(e) => setStartsOn(e.target.value)} />
      </Field>
      <Field label={t('fields.endsOn')} name="endsOn">
        <DateField value={endsOn} onChange={(e) => setEndsOn(e.target.value)} />
      </Field>
      <Field label={t('campaigns.file')} name="fileBase64" wide>
        <FileButton
          accept=".csv,.xlsx,text/csv"
          chosen={file ? [file.name] : null}
          onFiles={(files) => setFile(files[0] ?? null)}
        />
      </Field>
      <p className="muted small field-wide">{t('campaigns.importHint', { max: MAX_CAMPAIGN_FILE_MB })}</p>
      <div className="field-wide">
        <ErrorBanner error={run.error} />
        {result ? <ImportOutcome result={result} /> : null}
        <button type="submit" className="primary" disabled={run.isPending}>
          {run.isPending ? t('campaigns.importing') : t('campaigns.import')}
        </button>
      </div>
    </form>
  );
}

function ImportOutcome({ result }: { result: CampaignImportResult }) {
  const { t } = useTranslation();
  return (
    <div className="banner" role="status" data-testid="campaign-import-result">
      <p>
        {t('campaigns.imported', { count: result.imported })}
        {result.refused > 0 ? ` · ${t('campaigns.refused', { count: result.refused })}` : ''}
      </p>
      {result.checkDigitWarnings > 0 ? (
        <p className="warn">{t('campaigns.checkDigitWarnings', { count: result.checkDigitWarnings })}</p>
      ) : null}
      {result.refusals.length > 0 ? (
        <ul className="plain small" data-testid="campaign-refusals">
          {result.refusals.map((row) => (
            <li key={row.line}>
              {t('campaigns.refusalLine', { line: row.line, vin: row.vin, reason: t(`campaigns.vinReasons.${row.reason}`) })}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
