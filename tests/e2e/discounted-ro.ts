import type { RepairOrderDetail } from '../../shared/contract/repair-orders';
import { demoCar, type Desk } from './fixtures';

/**
 * Through the core: an RO for a demo car with the 10,000 km package as its one job, every line 10% off (given by
 * the manager, for a loyal customer), approved by phone, worked, checked and, unless `stopAt` says otherwise,
 * delivered. Its printed figures then carry a discount on labor and on parts.
 */
export async function discountedRepairOrder(desk: Desk, stopAt: 'open' | 'delivered' = 'delivered'): Promise<RepairOrderDetail> {
  const login = async (username: string) =>
    desk.core.client((await desk.core.client().users.login({ username, password: 'demo1234' })).token);
  const advisor = (await login('advisor')).repairOrders;
  const manager = (await login('manager')).repairOrders;
  let ro = await advisor.create({ vehicleId: demoCar(desk).vehicleId, concerns: ['做1万公里保养'] });
  const pkg = desk.core.deps.sqlite.prepare(`select id from maintenance_packages where code = 'PKG-10K'`).get() as { id: number };
  ro = await advisor.addPackage({ id: ro.id, version: ro.version, packageId: pkg.id });
  ro = await advisor.removeJob({ id: ro.id, version: ro.version, jobId: ro.jobs[0]!.id });
  const job = ro.jobs[0]!;
  for (const line of [...job.laborLines, ...job.partLines]) {
    ro = await manager.setLineDiscount({
      id: ro.id,
      version: ro.version,
      lineId: line.id,
      discountBp: 1000,
      discountReason: '老客户',
    });
  }
  if (stopAt === 'open') return ro;
  ro = await advisor.updateJob({
    id: ro.id,
    version: ro.version,
    jobId: job.id,
    cause: '到达保养里程',
    correction: '更换机油和机油滤清器',
    workCategory: 'level2_maintenance',
  });
  ro = await advisor.authorise({
    id: ro.id,
    version: ro.version,
    customerName: ro.customer.name,
    channel: 'phone',
    decisions: [{ jobId: job.id, decision: 'approved' }],
  });
  for (const to of ['in_progress', 'qc'] as const) ro = await advisor.transition({ id: ro.id, version: ro.version, to });
  const workshop = (await login('foreman')).workshop;
  const { items } = await workshop.qcChecklist({ jobId: job.id });
  await workshop.recordQc({
    jobId: job.id,
    result: 'passed',
    answers: Object.fromEntries(items.map((item) => [item, 'ok' as const])),
  });
  ro = await advisor.get({ id: ro.id });
  ro = await advisor.transition({ id: ro.id, version: ro.version, to: 'ready' });
  await workshop.issueCertificate({ repairOrderId: ro.id });
  ro = await advisor.get({ id: ro.id });
  return advisor.deliver({ id: ro.id, version: ro.version, explanation: '已说明维修内容和费用', collectedBy: '车主' });
}
