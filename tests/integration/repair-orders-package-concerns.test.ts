import { describe, expect, it } from 'vitest';
import { expectApiError } from '../fixtures/errors';
import { advisor, approveAll, countRo, manager, newRo, t, technician, useRepairOrderDesk } from '../fixtures/repair-orders-desk';

// A package answers the customer's concern: it fills that concern's job, and the customer's words stay the job's
// concern. A job still in the default group takes the group of the labor operations added to it (issue 17, item 7).
useRepairOrderDesk();

async function packageByCode(code: string) {
  const { rows } = await advisor.client.catalog.listPackages({ limit: 200 });
  const pkg = rows.find((row) => row.code === code);
  if (!pkg) throw new Error(`no package ${code}`);
  return pkg;
}

async function operationByCode(code: string) {
  const [found] = await advisor.client.catalog.searchLabor({ q: code });
  if (!found || found.code !== code) throw new Error(`no operation ${code}`);
  return found;
}

function auditActions(repairOrderId: number): { action: string; details: string }[] {
  return t.core.deps.sqlite
    .prepare(`select action, details from audit_log where repair_order_id = ? order by id`)
    .all(repairOrderId) as { action: string; details: string }[];
}

describe('repair orders: a package fills the job of the concern it answers', () => {
  it('puts the package lines into the chosen job, keeps the customer’s words and sets the group from the operations', async () => {
    const pkg = await packageByCode('PKG-10K');
    const ro = await newRo(['做1万公里保养', '刹车异响']);
    const [service, brakes] = ro.jobs;
    expect(service).toMatchObject({ concern: '做1万公里保养', concernGroup: 'other' });
    const filled = await advisor.client.repairOrders.addPackage({
      id: ro.id,
      version: ro.version,
      packageId: pkg.id,
      jobId: service!.id,
    });
    // No new job: the customer's concern holds the package's work, the other concern is untouched.
    expect(filled.jobs).toHaveLength(2);
    const job = filled.jobs[0]!;
    expect(job).toMatchObject({ id: service!.id, concern: '做1万公里保养', concernGroup: 'maintenance', payer: 'customer' });
    expect(job.laborLines.map((l) => l.code)).toEqual(pkg.laborLines.map((l) => l.code));
    expect(job.partLines.map((l) => l.code)).toEqual(pkg.partLines.map((l) => l.partNumber));
    expect(job.totals.totalFen).toBe(pkg.totalFen);
    expect(filled.jobs[1]).toEqual(brakes);
    // Nothing was written as if the customer had said it.
    expect(filled.jobs.map((j) => j.concern)).not.toContain(pkg.nameZh);
    // The group change is on the trail, once.
    const changed = auditActions(ro.id).filter((entry) => entry.action === 'ro.job.changed');
    expect(changed).toHaveLength(1);
    expect(JSON.parse(changed[0]!.details)).toMatchObject({
      changes: { concernGroup: { from: 'other', to: 'maintenance' } },
    });
  });

  it('without a job, adds the package as a new job named after it (as before)', async () => {
    const pkg = await packageByCode('PKG-10K');
    const ro = await newRo();
    const added = await advisor.client.repairOrders.addPackage({ id: ro.id, version: ro.version, packageId: pkg.id });
    expect(added.jobs).toHaveLength(2);
    expect(added.jobs[1]).toMatchObject({ concern: pkg.nameZh, concernGroup: 'maintenance' });
  });

  it('refuses a job of another RO and writes nothing', async () => {
    const pkg = await packageByCode('PKG-10K');
    const other = await newRo();
    const ro = await newRo();
    const before = countRo();
    await expectApiError(
      advisor.client.repairOrders.addPackage({ id: ro.id, version: ro.version, packageId: pkg.id, jobId: other.jobs[0]!.id }),
      'NOT_FOUND',
      { field: 'jobId' },
    );
    expect(countRo()).toEqual(before);
    expect(await advisor.client.repairOrders.get({ id: ro.id })).toEqual(ro);
  });
});

describe('repair orders: a job’s concern group defaults from its labor operations', () => {
  it('sets the group of a job still in other from the first catalogue operation, then the skilled technician takes it', async () => {
    const pads = await operationByCode('BR-FPAD');
    expect(pads.concernGroup).toBe('brakes');
    let ro = await newRo(['刹车异响']);
    const jobId = ro.jobs[0]!.id;
    ro = await advisor.client.repairOrders.addLaborLine({ id: ro.id, version: ro.version, jobId, operationId: pads.id });
    expect(ro.jobs[0]).toMatchObject({ concernGroup: 'brakes' });
    // A later operation of another group does not move it again: only the default is replaced.
    const engineOp = await operationByCode('EN-THROT');
    ro = await advisor.client.repairOrders.addLaborLine({ id: ro.id, version: ro.version, jobId, operationId: engineOp.id });
    expect(ro.jobs[0]).toMatchObject({ concernGroup: 'brakes' });

    // Dispatch to a technician skilled in brakes needs no "assign anyway".
    await manager.client.workshop.setSkills({ technicianId: technician.session.user.id, concernGroups: ['brakes'] });
    ro = await approveAll(ro);
    const assigned = await manager.client.workshop.assign({ jobId, technicianId: technician.session.user.id });
    expect(assigned.technician?.id).toBe(technician.session.user.id);
  });

  it('keeps a group someone chose, and a free-text labor line sets nothing', async () => {
    const pads = await operationByCode('BR-FPAD');
    let ro = await newRo(['异响', '灯不亮']);
    const [chosen, free] = ro.jobs;
    ro = await advisor.client.repairOrders.updateJob({
      id: ro.id,
      version: ro.version,
      jobId: chosen!.id,
      concernGroup: 'suspension_steering',
    });
    ro = await advisor.client.repairOrders.addLaborLine({
      id: ro.id,
      version: ro.version,
      jobId: chosen!.id,
      operationId: pads.id,
    });
    ro = await advisor.client.repairOrders.addLaborLine({
      id: ro.id,
      version: ro.version,
      jobId: free!.id,
      nameZh: '检查灯光线路',
      hoursMilli: 500,
      laborRateFen: 20_000,
    });
    expect(ro.jobs.map((job) => job.concernGroup)).toEqual(['suspension_steering', 'other']);
  });
});
