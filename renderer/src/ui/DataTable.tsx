import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** One column of a short table: its header, what a row shows in it, and whether it holds figures (right-aligned). */
export interface TableColumn<Row> {
  id: string;
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** Figures: right-aligned, tabular digits. */
  numeric?: boolean;
  className?: string;
}

/**
 * The one way BayDesk shows a short, fixed list (the users, the paired desks, a part's suppliers): a real <table>
 * named by its caption, a column definition per column, the empty state said in words, and optional actions per row.
 * A list that can grow without bound is not shown with this: it is an AG Grid over a `*.grid` procedure (DataGrid).
 */
export function DataTable<Row>(props: {
  /** Names the table for screen readers (and tests); shown above it only when `showCaption`. */
  caption: string;
  showCaption?: boolean;
  columns: readonly TableColumn<Row>[];
  /** `undefined` while loading: nothing is drawn (the screen shows its own Loading). */
  rows: readonly Row[] | undefined;
  rowKey: (row: Row) => string | number;
  /** Said instead of the table when there are no rows. */
  empty: string;
  /** The last column's buttons for one row (remove, revoke, unlock…). */
  actions?: (row: Row) => ReactNode;
  /** Opens a row (its page); the row's first link stays the keyboard's way there. */
  onRowClick?: (row: Row) => void;
  /** Extra attributes of a row: a class for its state, a test id. */
  rowProps?: (row: Row) => { className?: string; 'data-testid'?: string };
  className?: string;
}) {
  const { t } = useTranslation();
  if (!props.rows) return null;
  if (props.rows.length === 0) return <p className="muted table-empty">{props.empty}</p>;
  const cellClass = (column: TableColumn<Row>) =>
    [column.numeric ? 'num' : '', column.className ?? ''].join(' ').trim() || undefined;
  return (
    <table
      className={['results', 'data-table', props.onRowClick ? 'data-table-opens' : '', props.className ?? ''].join(' ').trim()}
    >
      <caption className={props.showCaption ? 'data-table-caption' : 'visually-hidden'}>{props.caption}</caption>
      <thead>
        <tr>
          {props.columns.map((column) => (
            <th key={column.id} scope="col" className={cellClass(column)}>
              {column.header}
            </th>
          ))}
          {props.actions ? (
            <th scope="col" className="data-table-actions">
              {t('app.rowActions')}
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => (
          <tr
            key={props.rowKey(row)}
            {...props.rowProps?.(row)}
            onClick={props.onRowClick ? () => props.onRowClick?.(row) : undefined}
          >
            {props.columns.map((column) => (
              <td key={column.id} className={cellClass(column)}>
                {column.cell(row)}
              </td>
            ))}
            {props.actions ? <td className="data-table-actions">{props.actions(row)}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
