import { rpc, signedIn } from '../rpc';
import * as service from './service';
import { utilisation } from './utilisation';

export const loanersRouter = {
  list: rpc.loaners.list.handler(({ context, input }) => service.list(context.deps, input)),
  get: rpc.loaners.get.handler(({ context, input }) => service.get(context.deps, input.id)),
  create: rpc.loaners.create.handler(({ context, input }) => service.create(context.deps, signedIn(context), input)),
  update: rpc.loaners.update.handler(({ context, input }) => service.update(context.deps, signedIn(context), input)),
  lend: rpc.loaners.lend.handler(({ context, input }) => service.lend(context.deps, signedIn(context), input)),
  returnLoan: rpc.loaners.returnLoan.handler(({ context, input }) => service.returnLoan(context.deps, signedIn(context), input)),
  loan: rpc.loaners.loan.handler(({ context, input }) => service.loan(context.deps, input.id)),
  openLoanOfRo: rpc.loaners.openLoanOfRo.handler(({ context, input }) => service.openLoanOfRo(context.deps, input.repairOrderId)),
  loansOfRo: rpc.loaners.loansOfRo.handler(({ context, input }) => service.loansOfRo(context.deps, input.repairOrderId)),
  utilisation: rpc.loaners.utilisation.handler(({ context, input }) => utilisation(context.deps, input)),
};
