import { oc } from '@orpc/contract';
import type { Access } from '../domain/roles';

export interface ProcedureMeta {
  /** Who may call the procedure. The core refuses everyone else; the default lets nobody in. */
  access: Access;
}

/** Every procedure starts here, so a procedure that forgets to declare its roles is closed, not open. */
export const procedure = oc.$meta<ProcedureMeta>({ access: [] });
