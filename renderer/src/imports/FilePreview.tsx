import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../ui/DataTable';
import { Section } from '../ui/widgets';
import { columnLetter } from './import-mapping';

/**
 * The first rows of an uploaded file under its header, each column headed by its letter (which column is which), with
 * what was read of the file (`details`: its name, format, encoding) beside the title.
 */
export function FilePreview(props: { headers: readonly string[]; rows: readonly string[][]; details: ReactNode }) {
  const { headers, rows } = props;
  const { t } = useTranslation();
  return (
    <Section title={t('imports.preview')} actions={props.details}>
      <div style={{ overflowX: 'auto' }}>
        <DataTable
          caption={t('imports.preview')}
          // The header is the file's line 1: the rows under it are numbered as a spreadsheet numbers them.
          rows={rows.map((cells, r) => ({ cells, line: r + 2 }))}
          rowKey={(row) => row.line}
          empty={t('imports.previewEmpty')}
          columns={[
            { id: 'line', header: t('imports.lineColumn'), className: 'muted', cell: (row) => row.line },
            ...headers.map((header, i) => ({
              id: String(i),
              header: (
                <span title={t('imports.column', { letter: columnLetter(i) })}>
                  {columnLetter(i)}: {header}
                </span>
              ),
              // A value on one line (a plate, a date): the header may wrap, the table scrolls sideways.
              cell: (row: { cells: string[] }) => <span className="nowrap">{row.cells[i]}</span>,
            })),
          ]}
        />
      </div>
    </Section>
  );
}
