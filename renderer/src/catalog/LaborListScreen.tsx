import type { ColDef } from 'ag-grid-community';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { contract } from '../../../shared/contract';
import type { LaborGridColumn, LaborOperationDto } from '../../../shared/contract/catalog';
import type { GridInput } from '../../../shared/contract/paging';
import { CONCERN_GROUPS, isConcernGroup, type ConcernGroup } from '../../../shared/domain/concern-groups';
import { api } from '../api/client';
import { canCall } from '../app/access';
import { useUser } from '../app/session-context';
import { DataGrid } from '../ui/DataGrid';
import { useCatalogFormat } from './catalog-format';
import { CatalogTabs } from './CatalogTabs';

/**
 * Every labor operation, paged from SQL: sort by any column; filter by code or name in the grid, by concern group
 * and retired ones above it. A click opens the operation (its form for the manager).
 */
export function LaborListScreen() {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const navigate = useNavigate();
  const format = useCatalogFormat();
  const location = useLocation();
  // The group and the retired switch live in the URL, so coming back from an operation finds the same list.
  const [params, setParams] = useSearchParams();
  const groupParam = params.get('group');
  const group: ConcernGroup | '' = isConcernGroup(groupParam) ? groupParam : '';
  const showRetired = params.get('retired') === '1';
  const setFilter = (key: 'group' | 'retired', value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  // The group and the retired switch live outside the grid; they join the grid's own filters on the way to the core.
  const fetchPage = useCallback(
    (request: GridInput<LaborGridColumn>) =>
      api.catalog.laborGrid({
        ...request,
        filterModel: {
          ...request.filterModel,
          ...(group ? { concernGroup: { filterType: 'text', type: 'equals', filter: group } } : {}),
          ...(showRetired ? {} : { active: { filterType: 'text', type: 'equals', filter: 'true' } }),
        },
      }),
    [group, showRetired],
  );
  const nameColumn: LaborGridColumn = i18n.language === 'zh-CN' ? 'nameZh' : 'nameEn';
  const columns = useMemo<ColDef<LaborOperationDto>[]>(
    () => [
      {
        colId: 'code',
        field: 'code',
        headerName: t('catalog.columns.code'),
        sortable: true,
        filter: 'agTextColumnFilter',
        flex: 1,
      },
      {
        colId: nameColumn,
        field: nameColumn,
        headerName: t('catalog.columns.name'),
        sortable: true,
        filter: 'agTextColumnFilter',
        flex: 3,
      },
      {
        colId: 'concernGroup',
        field: 'concernGroup',
        headerName: t('catalog.columns.group'),
        sortable: true,
        valueFormatter: (p) => (p.value ? t(`catalog.groups.${p.value}`) : ''),
        flex: 1.5,
      },
      {
        colId: 'hours',
        field: 'hoursMilli',
        headerName: t('catalog.columns.hours'),
        sortable: true,
        valueFormatter: (p) => (p.value ? format.hours(p.value) : ''),
        flex: 1,
      },
      {
        colId: 'rate',
        field: 'laborRateFen',
        headerName: t('catalog.columns.rate'),
        sortable: true,
        valueFormatter: (p) => (p.value !== undefined ? format.rate(p.value) : ''),
        flex: 1.2,
      },
      {
        colId: 'active',
        field: 'active',
        headerName: t('catalog.columns.status'),
        sortable: true,
        valueFormatter: (p) => (p.value === undefined ? '' : p.value ? t('catalog.active') : t('catalog.retired')),
        flex: 1,
      },
    ],
    // Column titles and figures follow the language.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [i18n.language],
  );
  return (
    <div className="page page-fill">
      <CatalogTabs
        actions={
          <>
            <select
              aria-label={t('fields.concernGroup')}
              value={group}
              onChange={(e) => setFilter('group', isConcernGroup(e.target.value) ? e.target.value : '')}
            >
              <option value="">{t('catalog.allGroups')}</option>
              {CONCERN_GROUPS.map((g) => (
                <option key={g} value={g}>
                  {t(`catalog.groups.${g}`)}
                </option>
              ))}
            </select>
            <label className="checkbox">
              <input type="checkbox" checked={showRetired} onChange={(e) => setFilter('retired', e.target.checked ? '1' : '')} />
              {t('catalog.showRetired')}
            </label>
            {canCall(user.role, contract.catalog.createLabor) ? (
              <Link className="button primary" to="/catalog/operations/new">
                {t('catalog.newOperation')}
              </Link>
            ) : null}
          </>
        }
      />
      <DataGrid<LaborOperationDto, LaborGridColumn>
        gridId="catalog.operations"
        label={t('catalog.operations')}
        columns={columns}
        fetchPage={fetchPage}
        onRowClicked={(row) => void navigate(`/catalog/operations/${row.id}`, { state: { listSearch: location.search } })}
      />
    </div>
  );
}
