import { rpc, signedIn } from '../rpc';
import { exportBatch, submitBatch } from './batches';
import { claimsGrid, claimsReport } from './report';
import * as claims from './service';
import { importSettlement } from './settlement';

export const warrantyClaimsRouter = {
  grid: rpc.warrantyClaims.grid.handler(({ context, input }) => claimsGrid(context.deps, input)),
  get: rpc.warrantyClaims.get.handler(({ context, input }) => claims.getClaim(context.deps, input.id)),
  createDraft: rpc.warrantyClaims.createDraft.handler(({ context, input }) =>
    claims.createDraft(context.deps, signedIn(context), input),
  ),
  update: rpc.warrantyClaims.update.handler(({ context, input }) => claims.updateClaim(context.deps, signedIn(context), input)),
  correct: rpc.warrantyClaims.correct.handler(({ context, input }) =>
    claims.correctClaim(context.deps, signedIn(context), input),
  ),
  submitBatch: rpc.warrantyClaims.submitBatch.handler(({ context, input }) =>
    submitBatch(context.deps, signedIn(context), input),
  ),
  exportBatch: rpc.warrantyClaims.exportBatch.handler(({ context, input }) => exportBatch(context.deps, input)),
  recordOutcome: rpc.warrantyClaims.recordOutcome.handler(({ context, input }) =>
    claims.recordOutcome(context.deps, signedIn(context), input),
  ),
  importSettlement: rpc.warrantyClaims.importSettlement.handler(({ context, input }) =>
    importSettlement(context.deps, signedIn(context), input),
  ),
  approveWriteOff: rpc.warrantyClaims.approveWriteOff.handler(({ context, input }) =>
    claims.approveWriteOff(context.deps, signedIn(context), input),
  ),
  report: rpc.warrantyClaims.report.handler(({ context, input }) => claimsReport(context.deps, input)),
  settings: rpc.warrantyClaims.settings.handler(({ context }) => claims.getSettings(context.deps)),
  setSettings: rpc.warrantyClaims.setSettings.handler(({ context, input }) => claims.setSettings(context.deps, input)),
};
