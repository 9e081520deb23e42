import type { ColDef } from 'ag-grid-community';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { CustomerGridColumn, CustomerListRow } from '../../../shared/contract/customers';
import type { GridInput } from '../../../shared/contract/paging';
import { seesFullPhones } from '../../../shared/domain/privacy';
import { api } from '../api/client';
import { useSession } from '../app/session-context';
import { DataGrid } from '../ui/DataGrid';
import { formatDateTime } from '../ui/format';
import { withKeysetPaging } from '../ui/keyset-paging';

/**
 * Every customer file, paged from SQL: sort by name, type or last change; filter by name or phone. A role that sees
 * phones masked gets no phone filter (the core refuses one: filtering would reveal the hidden digits).
 */
export function CustomerListScreen() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const role = useSession()?.user.role;
  const phoneFilter = role !== undefined && seesFullPhones(role);
  // By key where the page before was read: scrolling deep never makes the core skip rows (issue 13).
  const fetchPage = useMemo(
    () => withKeysetPaging((request: GridInput<CustomerGridColumn> & { after?: string }) => api.customers.grid(request)),
    [],
  );
  const columns = useMemo<ColDef<CustomerListRow>[]>(
    () => [
      { colId: 'name', field: 'name', headerName: t('fields.name'), sortable: true, filter: 'agTextColumnFilter', flex: 2 },
      {
        colId: 'kind',
        field: 'kind',
        headerName: t('fields.kind'),
        sortable: true,
        valueFormatter: (p) => (p.value ? t(`customer.${p.value}`) : ''),
        flex: 1,
      },
      {
        colId: 'phone',
        field: 'phone',
        headerName: t('fields.phones_number'),
        filter: phoneFilter ? 'agTextColumnFilter' : false,
        flex: 1.5,
      },
      { colId: 'vehicleCount', field: 'vehicleCount', headerName: t('customer.vehicles'), flex: 1 },
      {
        colId: 'updatedAt',
        field: 'updatedAt',
        headerName: t('customers.updatedAt'),
        sortable: true,
        valueFormatter: (p) => formatDateTime(p.value ?? null),
        flex: 1.5,
      },
    ],
    // Column titles follow the language.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [i18n.language, phoneFilter],
  );
  return (
    <div className="page page-fill">
      <h1>{t('customers.title')}</h1>
      <DataGrid<CustomerListRow, CustomerGridColumn>
        gridId="customers"
        label={t('customers.title')}
        columns={columns}
        fetchPage={fetchPage}
        onRowClicked={(row) => void navigate(`/customers/${row.id}`)}
      />
    </div>
  );
}
