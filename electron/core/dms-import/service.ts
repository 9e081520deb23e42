import type { z } from 'zod';
import type { DmsRefusalsPage, refusalsPageInput } from '../../../shared/contract/dms-import';
import type { DmsTarget } from '../../../shared/domain/dms-import';
import type { DmsRowReason } from '../../../shared/domain/dms-import-rows';
import type { CoreDeps } from '../context';
import { notFound } from '../errors';
import * as repo from './repository';

// The DMS import's procedures: preparing is prepare.ts, running run.ts, the workbooks workbooks.ts.
export { prepare } from './prepare';
export { cancel, run } from './run';
export { refusalsWorkbook, template } from './workbooks';

/** A page of the rows the import's last run refused, in file order, with the file's header. */
export async function refusalsPage(deps: CoreDeps, input: z.output<typeof refusalsPageInput>): Promise<DmsRefusalsPage> {
  const record = await repo.findImport(deps.db, input.importId);
  if (!record) notFound('dmsImport');
  const header = record.mapping_json ? ((JSON.parse(record.mapping_json) as { header?: string[] }).header ?? []) : [];
  const rows = await repo.refusals(deps.db, record.id, input.offset, input.limit);
  return {
    total: await repo.countRefusals(deps.db, record.id),
    headers: header,
    rows: rows.map((row) => ({
      line: row.line,
      key: row.row_key,
      reason: row.reason as DmsRowReason,
      field: row.field as DmsTarget,
      cells: JSON.parse(row.cells_json) as string[],
    })),
  };
}
