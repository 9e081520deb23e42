import { useTranslation } from 'react-i18next';
import { DataTable } from '../ui/DataTable';
import { columnLetter } from './import-mapping';

/** The first rows of an uploaded file under its header, each column headed by its letter: which column is which. */
export function FilePreview({ headers, rows }: { headers: readonly string[]; rows: readonly string[][] }) {
  const { t } = useTranslation();
  return (
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
            cell: (row: { cells: string[] }) => row.cells[i],
          })),
        ]}
      />
    </div>
  );
}
