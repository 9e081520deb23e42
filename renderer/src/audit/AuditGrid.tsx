import type { ColDef, ICellRendererParams } from 'ag-grid-community';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntryDto, AuditGridColumn } from '../../../shared/contract/audit';
import type { KeysetPage } from '../../../shared/contract/keyset';
import type { GridInput } from '../../../shared/contract/paging';
import type { LiveArea } from '../../../shared/domain/live-areas';
import { DataGrid } from '../ui/DataGrid';
import { formatDateTime } from '../ui/format';
import { useAuditFormat } from './audit-format';

/** The "what" of an entry: its sentence, marked with the action it records (what a reader and a test look for). */
function WhatCell(props: ICellRendererParams<AuditEntryDto, string>) {
  if (!props.data) return null;
  return (
    <span data-testid="audit-entry" data-action={props.data.action} title={props.value ?? ''}>
      {props.value}
    </span>
  );
}

/**
 * Entries newest first as a grid paged in SQL: when, who (with the role they acted in), what as a sentence, and the
 * fields it changed. The trail has one order, so no column sorts; the filters are the screen's own controls.
 */
export function AuditGrid(props: {
  gridId: string;
  label: string;
  fetchPage: (request: GridInput<AuditGridColumn>) => Promise<KeysetPage<AuditEntryDto>>;
  liveArea?: LiveArea;
}) {
  const { t, i18n } = useTranslation();
  const format = useAuditFormat();
  const columns = useMemo<ColDef<AuditEntryDto>[]>(
    () => [
      {
        colId: 'at',
        field: 'at',
        headerName: t('audit.columns.when'),
        valueFormatter: (p) => (p.value ? formatDateTime(p.value as string) : ''),
        width: 170,
      },
      {
        colId: 'who',
        headerName: t('audit.columns.who'),
        valueGetter: (p) => (p.data ? format.who(p.data) + (p.data.role ? ` · ${t(`roles.${p.data.role}`)}` : '') : ''),
        width: 200,
      },
      {
        colId: 'what',
        headerName: t('audit.columns.what'),
        valueGetter: (p) => (p.data ? format.sentence(p.data) : ''),
        cellRenderer: WhatCell,
        flex: 2,
        minWidth: 260,
      },
      {
        colId: 'changes',
        headerName: t('audit.columns.changes'),
        valueGetter: (p) => (p.data ? format.changes(p.data).join('; ') : ''),
        // The whole text on hover when the column is too narrow for it (a span's title: no tooltip module).
        cellRenderer: (p: ICellRendererParams<AuditEntryDto, string>) => <span title={p.value ?? ''}>{p.value}</span>,
        flex: 1.5,
        minWidth: 200,
      },
    ],
    // Column titles and sentences follow the language.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [i18n.language],
  );
  return (
    <DataGrid<AuditEntryDto, AuditGridColumn>
      gridId={props.gridId}
      label={props.label}
      columns={columns}
      fetchPage={props.fetchPage}
      liveArea={props.liveArea}
    />
  );
}
