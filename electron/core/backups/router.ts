import { rpc, signedIn } from '../rpc';
import * as backups from './service';

export const backupsRouter = {
  list: rpc.backups.list.handler(({ context }) => backups.list(context.deps)),
  lastGood: rpc.backups.lastGood.handler(({ context }) => backups.lastGood(context.deps)),
  backupNow: rpc.backups.backupNow.handler(({ context }) => backups.backupNow(context.deps)),
  restore: rpc.backups.restore.handler(({ context, input }) => backups.restore(context.deps, signedIn(context), input)),
};
