import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, openTestCore } from '../fixtures/core';
import { expectApiError } from '../fixtures/errors';
import { signIn } from '../fixtures/users';
import { claimOf, deliver, importSettlement, readyWarrantyRo, settlementFile, type ClaimDesk } from '../fixtures/warranty-claims';

let desk: ClaimDesk;
beforeAll(async () => {
  const t = await openTestCore();
  desk = {
    t,
    advisor: await signIn(t.core, 'advisor'),
    foreman: await signIn(t.core, 'foreman'),
    clerk: await signIn(t.core, 'parts_clerk'),
    warranty: await signIn(t.core, 'warranty_admin'),
    manager: await signIn(t.core, 'manager'),
  };
});
afterAll(async () => {
  await desk?.t.close();
});

/** A delivered warranty RO's claim, submitted in a batch of its own. */
async function submittedClaim() {
  const ro = await deliver(desk, await readyWarrantyRo(desk));
  const claim = await claimOf(desk, ro);
  const batch = await desk.warranty.client.warrantyClaims.submitBatch({ claims: [{ id: claim.id, version: claim.version }] });
  return { ro, claim: await desk.warranty.client.warrantyClaims.get({ id: claim.id }), batch };
}

describe('warranty claims (索赔)', () => {
  it('drafts a claim when a warranty RO is delivered: OEM labor at the warranty rate, parts, 3C, old-part tag', async () => {
    const ro = await readyWarrantyRo(desk);
    const before = countRows(desk.t.core, 'warranty_claims');
    await deliver(desk, ro);
    expect(countRows(desk.t.core, 'warranty_claims')).toBe(before + 1);
    const claim = await claimOf(desk, ro);
    expect(claim).toMatchObject({
      status: 'draft',
      jobId: ro.jobs[0]!.id,
      laborRateFen: 10_000,
      laborFen: 15_000,
      partsFen: 68_000,
      claimedFen: 83_000,
      complaint: '水泵漏水，冷却液减少',
      vin: ro.vehicle.vin,
    });
    expect(claim.number).toMatch(/^SP\d{4}-\d{6}$/);
    expect(claim.laborOps).toEqual([{ code: ro.jobs[0]!.laborLines[0]!.code, name: '更换水泵', hoursMilli: 1500 }]);
    expect(claim.parts).toHaveLength(1);
    expect(claim.parts[0]!.oldPartTag).toMatch(/^JJ/);
    expect(claim.parts[0]!.mustReturn).toBe(true);
    expect(claim.events.map((e) => e.to)).toEqual(['draft']);
    // A second draft for the same job is refused.
    await expectApiError(desk.warranty.client.warrantyClaims.createDraft({ jobId: claim.jobId }), 'RULE', {
      field: 'jobId',
      reason: 'warrantyClaim.exists',
    });
  });

  it('refuses to submit a claim whose part must be returned and has no old-part tag; tagged, it goes', async () => {
    const ro = await deliver(desk, await readyWarrantyRo(desk, { tag: false }));
    let claim = await claimOf(desk, ro);
    expect(claim.parts[0]!.oldPartTag).toBeNull();
    await expectApiError(
      desk.warranty.client.warrantyClaims.submitBatch({ claims: [{ id: claim.id, version: claim.version }] }),
      'RULE',
      { field: 'claims.0', reason: 'warrantyClaim.oldPartUntagged' },
    );
    expect((await desk.warranty.client.warrantyClaims.get({ id: claim.id })).status).toBe('draft');
    // The same claim twice in one batch is refused by the schema, naming the second.
    await expectApiError(
      desk.warranty.client.warrantyClaims.submitBatch({
        claims: [
          { id: claim.id, version: claim.version },
          { id: claim.id, version: claim.version },
        ],
      }),
      'INVALID_INPUT',
      { reason: 'warrantyClaim.twiceInBatch' },
    );
    await desk.clerk.client.parts.tagOldPart({
      repairOrderId: ro.id,
      jobId: claim.jobId,
      lineId: claim.parts[0]!.lineId!,
      location: '旧件架 B-2',
    });
    claim = await desk.warranty.client.warrantyClaims.get({ id: claim.id });
    const batch = await desk.warranty.client.warrantyClaims.submitBatch({ claims: [{ id: claim.id, version: claim.version }] });
    expect(batch).toMatchObject({ claims: 1, claimedFen: claim.claimedFen });
    const submitted = await desk.warranty.client.warrantyClaims.get({ id: claim.id });
    expect(submitted).toMatchObject({ status: 'submitted', batchNumber: batch.number });
    // The old part on the shelf now carries the claim number.
    const held = await desk.clerk.client.parts.oldPartsGrid({ startRow: 0, endRow: 200, text: claim.number });
    expect(held.rows).toHaveLength(1);
  });

  it('walks rejected → corrected → resubmitted in a new batch → paid; refuses what the rules do not allow', async () => {
    const { claim, batch } = await submittedClaim();
    const api = desk.warranty.client.warrantyClaims;
    // Not editable while with the OEM; not correctable before a rejection.
    await expectApiError(api.update({ id: claim.id, version: claim.version, failureCode: 'X1' }), 'RULE', {
      reason: 'warrantyClaim.notEditable',
    });
    await expectApiError(api.correct({ id: claim.id, version: claim.version, note: '补充' }), 'RULE', {
      reason: 'warrantyClaim.transition',
    });
    let c = await api.recordOutcome({ id: claim.id, version: claim.version, outcome: 'rejected', reason: '故障代码错误' });
    expect(c).toMatchObject({ status: 'rejected', rejectionReason: '故障代码错误' });
    // A stale version is refused.
    await expectApiError(api.update({ id: c.id, version: claim.version, failureCode: 'P0128' }), 'CONFLICT', {
      field: 'version',
    });
    c = await api.update({ id: c.id, version: c.version, failureCode: 'P0128', subletFen: 5_000 });
    expect(c.claimedFen).toBe(claim.claimedFen + 5_000);
    c = await api.correct({ id: c.id, version: c.version, note: '改正故障代码' });
    expect(c.status).toBe('corrected');
    const again = await api.submitBatch({ claims: [{ id: c.id, version: c.version }] });
    expect(again.number).not.toBe(batch.number);
    c = await api.get({ id: c.id });
    expect(c).toMatchObject({ status: 'resubmitted', batchNumber: again.number, rejectionReason: '' });
    c = await api.recordOutcome({ id: c.id, version: c.version, outcome: 'paid', amountFen: c.claimedFen });
    expect(c).toMatchObject({ status: 'paid', paidFen: c.claimedFen, writtenOffFen: 0 });
    expect(c.events.map((e) => e.to)).toEqual(['draft', 'submitted', 'rejected', 'corrected', 'resubmitted', 'paid']);
    expect(c.events.every((e) => e.actor !== null)).toBe(true);
    await expectApiError(api.recordOutcome({ id: c.id, version: c.version, outcome: 'rejected', reason: 'x' }), 'RULE', {
      reason: 'warrantyClaim.notOutstanding',
    });
  });

  it('a partly paid claim becomes paid only when the manager approves the write-off', async () => {
    const { claim } = await submittedClaim();
    const c = await desk.warranty.client.warrantyClaims.recordOutcome({
      id: claim.id,
      version: claim.version,
      outcome: 'paid',
      amountFen: claim.claimedFen - 3_000,
      reason: '工时超标准',
    });
    expect(c).toMatchObject({
      status: 'partly_paid',
      paidFen: claim.claimedFen - 3_000,
      writtenOffFen: 3_000,
      writeOffApprovedBy: null,
    });
    await expectApiError(desk.warranty.client.warrantyClaims.approveWriteOff({ id: c.id, version: c.version }), 'FORBIDDEN');
    const approved = await desk.manager.client.warrantyClaims.approveWriteOff({ id: c.id, version: c.version });
    expect(approved).toMatchObject({ status: 'paid', writeOffReason: '工时超标准' });
    expect(approved.writeOffApprovedBy?.id).toBe(desk.manager.session.user.id);
    const trail = await desk.manager.client.audit.list({ entity: 'warranty_claim', entityId: c.id, limit: 50 });
    expect(trail.rows.map((r) => r.action)).toContain('warrantyClaim.writeOffApproved');
  });

  it('exports a batch as XLSX in the documented layout, read back with exceljs', async () => {
    const { claim, batch } = await submittedClaim();
    const file = await desk.warranty.client.warrantyClaims.exportBatch({ batchId: batch.id });
    expect(file.fileName).toBe(`warranty-claims-${batch.number}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file.dataBase64, 'base64') as unknown as ArrayBuffer);
    const claims = workbook.getWorksheet('索赔单')!;
    expect(claims.getRow(1).getCell(1).value).toBe('索赔单号 Claim number');
    expect(claims.rowCount).toBe(2);
    const row = claims.getRow(2);
    expect(row.getCell(1).value).toBe(claim.number);
    expect(row.getCell(2).value).toBe(batch.number);
    expect(row.getCell(3).value).toBe(claim.vin);
    expect(row.getCell(11).value).toBe(1.5);
    expect(row.getCell(16).value).toBe(claim.claimedFen / 100);
    const parts = workbook.getWorksheet('配件')!;
    expect(parts.getRow(2).getCell(2).value).toBe(claim.parts[0]!.partNumber);
    expect(parts.getRow(2).getCell(6).value).toBe(claim.parts[0]!.oldPartTag);
  });

  it('matches a settlement file: paid, partly paid, rejected; unknown and unanswerable rows refused with reasons', async () => {
    const paid = (await submittedClaim()).claim;
    const partly = (await submittedClaim()).claim;
    const rejected = (await submittedClaim()).claim;
    for (const format of ['csv', 'xlsx'] as const) {
      if (format === 'xlsx') {
        // The same file again: every claim has its answer now, so each row is refused.
        const result = await importSettlement(
          desk.t.core,
          desk.warranty,
          await settlementFile(
            [
              ['索赔单号', '状态', '金额', '原因'],
              [paid.number, 'paid', '830.00', ''],
            ],
            'xlsx',
          ),
          'settlement.xlsx',
        );
        expect(result.refused).toEqual([
          { line: 2, claimNumber: paid.number, reason: 'warrantyClaim.notOutstanding', field: 'status', status: 'paid' },
        ]);
        continue;
      }
      const result = await importSettlement(
        desk.t.core,
        desk.warranty,
        await settlementFile(
          [
            ['Claim number', 'Status', 'Amount', 'Reason'],
            [paid.number, 'paid', (paid.claimedFen / 100).toFixed(2), ''],
            [partly.number, 'paid', ((partly.claimedFen - 10_000) / 100).toFixed(2), '配件价格按索赔价'],
            [rejected.number, 'rejected', '', '旧件未返回'],
            ['SP1999-000001', 'paid', '10', ''],
            [partly.number, 'paid', '1', ''],
            [paid.number, 'maybe', '1', ''],
          ],
          format,
        ),
      );
      expect(result).toMatchObject({
        rows: 6,
        paid: 1,
        partlyPaid: 1,
        rejected: 1,
        paidFen: paid.claimedFen + partly.claimedFen - 10_000,
      });
      expect(result.refused).toEqual([
        { line: 5, claimNumber: 'SP1999-000001', reason: 'warrantyClaim.unknown', field: 'claimNumber' },
        { line: 6, claimNumber: partly.number, reason: 'warrantyClaim.settlementDuplicate', field: 'claimNumber' },
        { line: 7, claimNumber: paid.number, reason: 'warrantyClaim.settlementStatus', field: 'status' },
      ]);
    }
    const api = desk.warranty.client.warrantyClaims;
    expect((await api.get({ id: paid.id })).status).toBe('paid');
    expect(await api.get({ id: partly.id })).toMatchObject({
      status: 'partly_paid',
      writtenOffFen: 10_000,
      writeOffReason: '配件价格按索赔价',
    });
    expect(await api.get({ id: rejected.id })).toMatchObject({ status: 'rejected', rejectionReason: '旧件未返回' });
    // The settled claims' old parts may now leave the shelf: returning them follows the claim.
    const settled = await desk.clerk.client.parts.oldPartsGrid({
      startRow: 0,
      endRow: 200,
      view: 'claim_settled',
      text: paid.number,
    });
    expect(settled.rows).toHaveLength(1);
  });

  it('reports claims by status and age, the rejection rate and reasons, the receivable and the money written off', async () => {
    const report = await desk.manager.client.warrantyClaims.report({ from: '2026-11-01', to: '2026-11-30' });
    const count = (status: string) => report.byStatus.find((r) => r.status === status)?.claims ?? 0;
    expect(count('draft')).toBeGreaterThanOrEqual(1);
    expect(count('paid')).toBeGreaterThanOrEqual(2);
    expect(report.rejections).toBeGreaterThanOrEqual(2);
    expect(report.answers).toBeGreaterThan(report.rejections);
    expect(report.rejectionRateBp).toBe(Math.round((report.rejections * 10_000) / report.answers));
    expect(report.reasons.map((r) => r.reason)).toEqual(expect.arrayContaining(['故障代码错误', '旧件未返回']));
    expect(report.receivable[0]!.bucket).toBe('d0_30');
    expect(report.receivableFen).toBe(report.receivable.reduce((s, b) => s + b.claimedFen, 0));
    expect(report.writtenOff).toEqual({ claims: 1, fen: 3_000 });
    expect(report.writeOffPending).toEqual({ claims: 1, fen: 10_000 });
    // An advisor may not read it.
    await expectApiError(desk.advisor.client.warrantyClaims.report({ from: '2026-11-01', to: '2026-11-30' }), 'FORBIDDEN');
  });
});
