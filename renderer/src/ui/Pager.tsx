import { useTranslation } from 'react-i18next';

/**
 * Previous / next under a list paged in SQL by offset: the core answers one page and whether more follow, so the
 * screen never counts the whole table to draw page numbers.
 */
export function Pager({
  offset,
  pageSize,
  hasMore,
  onOffset,
}: {
  offset: number;
  pageSize: number;
  hasMore: boolean | undefined;
  onOffset: (offset: number) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="card-actions pager">
      <button type="button" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - pageSize))}>
        {t('app.previousPage')}
      </button>
      <button type="button" disabled={!hasMore} onClick={() => onOffset(offset + pageSize)}>
        {t('app.nextPage')}
      </button>
    </div>
  );
}
