import type { Desk } from './fixtures';

/**
 * Through the core, as the demo advisor: an RO for a demo car whose current owner agrees to be contacted and has a
 * phone, one brake job dispatched to the demo technician, worked, checked and delivered now (the core's clock). The
 * delivery queues its day-3 satisfaction call. Returns the RO and its advisor.
 */
export async function deliverDemoRepairOrder(desk: Desk): Promise<{ id: number; number: string; advisorId: number }> {
  const car = desk.core.deps.sqlite
    .prepare(
      `select v.id as vehicleId from vehicles v
         join vehicle_ownerships o on o.vehicle_id = v.id and o.to_at is null
         join customers c on c.id = o.customer_id and c.merged_into_id is null
        where v.plate <> '' and c.consent_to_contact = 1
          and exists (select 1 from customer_phones p where p.customer_id = c.id)
        order by v.id limit 1`,
    )
    .get() as { vehicleId: number };
  const login = (username: string) => desk.core.client().users.login({ username, password: 'demo1234' });
  const advisorSession = await login('advisor');
  const advisor = desk.core.client(advisorSession.token);
  const foreman = desk.core.client((await login('foreman')).token);
  const technician = await login('technician');

  const c = advisor.repairOrders;
  let ro = await c.create({ vehicleId: car.vehicleId, concerns: ['刹车异响'] });
  const jobId = ro.jobs[0]!.id;
  ro = await c.updateJob({
    id: ro.id,
    version: ro.version,
    jobId,
    concernGroup: 'brakes',
    cause: '刹车片磨损',
    correction: '更换前刹车片',
    workCategory: 'level1_minor_special',
  });
  ro = await c.addLaborLine({
    id: ro.id,
    version: ro.version,
    jobId,
    code: 'BRK01',
    nameZh: '更换前刹车片',
    hoursMilli: 1000,
    laborRateFen: 20_000,
  });
  ro = await c.authorise({
    id: ro.id,
    version: ro.version,
    customerName: ro.customer.name,
    channel: 'phone',
    decisions: [{ jobId, decision: 'approved' }],
  });
  await foreman.workshop.assign({ jobId, technicianId: technician.user.id, overrideSkills: true });
  ro = await c.get({ id: ro.id });
  ro = await c.transition({ id: ro.id, version: ro.version, to: 'in_progress' });
  const { items } = await foreman.workshop.qcChecklist({ jobId });
  await foreman.workshop.recordQc({
    jobId,
    result: 'passed',
    answers: Object.fromEntries(items.map((item) => [item, 'ok' as const])),
  });
  ro = await c.get({ id: ro.id });
  for (const to of ['qc', 'ready'] as const) ro = await c.transition({ id: ro.id, version: ro.version, to });
  if ((await foreman.workshop.qcStatus({ repairOrderId: ro.id })).certificateNeeded) {
    await foreman.workshop.issueCertificate({ repairOrderId: ro.id });
    ro = await c.get({ id: ro.id });
  }
  ro = await c.deliver({ id: ro.id, version: ro.version, explanation: '已说明维修内容和费用', collectedBy: '车主' });
  return { id: ro.id, number: ro.number, advisorId: advisorSession.user.id };
}
