import { ORPCError } from '@orpc/client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { qtyMilli } from '../../../../shared/contract/catalog';
import { reasonIssue, type ApiIssue } from '../../../../shared/contract/errors';
import { bin } from '../../../../shared/contract/parts';
import { receiveInput, type FilledRoLineDto, type PurchaseOrderDto } from '../../../../shared/contract/parts/purchasing';
import { formatQuantity, parseQuantity } from '../../../../shared/domain/money';
import { orpc } from '../../api/client';
import { toApiError } from '../../api/errors';
import { schemaResolver } from '../../ui/form-resolver';
import { DataTable } from '../../ui/DataTable';
import { FormFooter, useFormSubmit } from '../../ui/form-submit';
import { usePartsFormat } from '../parts-format';

interface ReceiveValues {
  lines: { lineId: number; qtyMilli: string; bin: string }[];
}

/** A line's quantity as typed: empty means nothing of it came in; otherwise the contract's own quantity rule. */
const typedQty = z
  .string()
  .transform((raw, ctx) => {
    const text = raw.normalize('NFKC').trim();
    if (!text) return null;
    const value = parseQuantity(text);
    if (value === null) {
      ctx.addIssue(reasonIssue('number.decimals', { decimals: 3 }));
      return z.NEVER;
    }
    return value;
  })
  .pipe(qtyMilli.nullable());

/** The receipt form over the contract's schema: each typed line checked by field, empty lines left out. */
const receiveForm = z.strictObject({
  lines: z.array(
    z.strictObject({
      lineId: receiveInput.shape.lines.element.shape.lineId,
      qtyMilli: typedQty,
      bin: z
        .string()
        .trim()
        .transform((value) => value || undefined)
        .pipe(bin.optional()),
    }),
  ),
});

/**
 * Receiving an ordered purchase order: what came in per line (empty: nothing), into the part's default bin unless
 * another is typed. After it the clerk sees which RO lines the parts went to first.
 */
export function ReceiveForm({ order, onReceived }: { order: PurchaseOrderDto; onReceived: (filled: FilledRoLineDto[]) => void }) {
  const { t } = useTranslation();
  const format = usePartsFormat();
  const queryClient = useQueryClient();
  const receive = useMutation(orpc.parts.receive.mutationOptions());
  const [nothing, setNothing] = useState(false);
  const open = order.lines.filter((line) => line.receivedMilli < line.qtyMilli);
  const initial: ReceiveValues = {
    lines: open.map((line) => ({ lineId: line.id, qtyMilli: formatQuantity(line.qtyMilli - line.receivedMilli), bin: '' })),
  };
  const form = useForm<ReceiveValues, unknown, z.output<typeof receiveForm>>({
    resolver: schemaResolver<ReceiveValues, typeof receiveForm>(receiveForm, t),
    defaultValues: initial,
  });
  const errors = form.formState.errors;
  const { submit, unplaced } = useFormSubmit(form, ['lines'], async (values) => {
    setNothing(false);
    // The form's row of each line sent, so a refusal of the n-th line sent is shown on its own row.
    const rows: number[] = [];
    const lines = values.lines.flatMap((line, index) => {
      if (line.qtyMilli === null) return [];
      rows.push(index);
      return [{ lineId: line.lineId, qtyMilli: line.qtyMilli, ...(line.bin ? { bin: line.bin } : {}) }];
    });
    if (lines.length === 0) {
      setNothing(true);
      return;
    }
    try {
      const result = await receive.mutateAsync({ id: order.id, version: order.version, lines });
      onReceived(result.filled);
      await queryClient.invalidateQueries({ queryKey: orpc.parts.key() });
    } catch (error) {
      const apiError = toApiError(error);
      if (apiError.code === 'INTERNAL') throw error;
      const issues: ApiIssue[] = apiError.issues.map((issue) => {
        const match = /^lines\.(\d+)\.(.*)$/.exec(issue.field ?? '');
        return match ? { ...issue, field: `lines.${rows[Number(match[1])] ?? match[1]}.${match[2]}` } : issue;
      });
      throw new ORPCError(apiError.code, { data: { issues } });
    }
  });
  return (
    <section className="card" aria-label={t('purchasing.receiveTitle')}>
      <h2>{t('purchasing.receiveTitle')}</h2>
      {open.length > 0 ? (
        <form onSubmit={submit} noValidate aria-label={t('purchasing.receiveTitle')}>
          <p className="muted small">{t('purchasing.receiveHint')}</p>
          <DataTable
            caption={t('purchasing.receiveTitle')}
            rows={open.map((line, index) => ({ line, index }))}
            rowKey={({ line }) => line.id}
            empty=""
            columns={[
              {
                id: 'partNumber',
                header: t('purchasing.columns.partNumber'),
                className: 'mono',
                cell: ({ line }) => line.partNumber,
              },
              { id: 'name', header: t('purchasing.columns.name'), cell: ({ line }) => format.name(line) },
              {
                id: 'due',
                header: t('purchasing.columns.due'),
                numeric: true,
                cell: ({ line }) => format.qtyUnit(line.qtyMilli - line.receivedMilli, line.unit),
              },
              {
                id: 'receiveQty',
                header: t('purchasing.columns.receiveQty'),
                cell: ({ line, index }) => (
                  <>
                    <input
                      inputMode="decimal"
                      size={8}
                      aria-label={`${t('purchasing.columns.receiveQty')} ${line.partNumber}`}
                      {...form.register(`lines.${index}.qtyMilli`)}
                    />
                    {errors.lines?.[index]?.qtyMilli?.message ? (
                      <div className="field-error" role="alert">
                        {errors.lines[index].qtyMilli.message}
                      </div>
                    ) : null}
                  </>
                ),
              },
              {
                id: 'bin',
                header: t('purchasing.columns.bin'),
                cell: ({ line, index }) => (
                  <>
                    <input
                      size={10}
                      className="mono"
                      placeholder={line.defaultBin}
                      aria-label={`${t('purchasing.columns.bin')} ${line.partNumber}`}
                      {...form.register(`lines.${index}.bin`)}
                    />
                    {errors.lines?.[index]?.bin?.message ? (
                      <div className="field-error" role="alert">
                        {errors.lines[index].bin.message}
                      </div>
                    ) : null}
                  </>
                ),
              },
            ]}
          />
          {nothing ? (
            <div className="banner banner-error" role="alert">
              {t('purchasing.receiveNothing')}
            </div>
          ) : null}
          <FormFooter unplaced={unplaced} submitting={receive.isPending} submitLabel={t('purchasing.receive')} />
        </form>
      ) : null}
    </section>
  );
}

/** What a receipt filled: the RO lines that waited for the parts, so the clerk can put them aside for those cars. */
export function FilledLines({ filled }: { filled: FilledRoLineDto[] }) {
  const { t } = useTranslation();
  const format = usePartsFormat();
  if (filled.length === 0) return <p className="banner banner-warning">{t('purchasing.filledNone')}</p>;
  return (
    <div className="banner banner-warning" role="status" aria-label={t('purchasing.filledTitle')}>
      <strong>{t('purchasing.filledTitle')}</strong>
      <ul style={{ margin: '4px 0 0' }}>
        {filled.map((line) => (
          <li key={`${line.lineId}`}>
            {t('purchasing.filledLine', { ro: line.roNumber, part: format.name(line), qty: formatQuantity(line.qtyMilli) })}
          </li>
        ))}
      </ul>
    </div>
  );
}
