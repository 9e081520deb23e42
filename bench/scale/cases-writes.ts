/**
 * The writes of a service day, as one chain per iteration: an appointment booked, an RO opened for a car drawn from
 * the file, a second job added (the comeback detection runs inside that write), findings and category set, a labor
 * line from the catalogue, a part line that reserves stock, a promised time, the customer's approval, the job
 * dispatched, started, clocked on and off, inspected, ready, paid and delivered, then the survey and a complaint;
 * and a customer created and updated. Every call is what the screen sends (RepairOrderPage, JobCard, LineForms,
 * QualitySection, SettlementSection, MyJobsScreen, FollowupCallScreen, NewComplaintScreen, CustomerForm,
 * BookingForm). Raw steps write the equivalent rows with prepared statements, one transaction each, on the bench's
 * copy of the file (committed, so they pay the same fsync as the API's commits).
 */
import type { Flow } from './harness';
import { GROUPS, slot, type DayState, type Ids } from './writes/common';
import { receptionSteps } from './writes/reception';
import { workshopSteps } from './writes/workshop';
import { handoverSteps } from './writes/handover';

// The steps are grouped in writes/: reception.ts, workshop.ts, handover.ts; their state and helpers in writes/common.ts.

let seq = 0;

export function serviceDay(ids: Ids): Flow<DayState> {
  return {
    name: 'service day',
    async setup(clients) {
      // The demo technician may be clocked on to a job of the history: a technician clocks on to one job at a time.
      const { running } = await clients('technician').workshop.myJobs({});
      if (running) await clients('technician').workshop.clockOff({ jobId: running.jobId, finished: false });
    },
    begin(s) {
      const vehicle = s.ownedVehicle();
      const part = s.part('t.active = 1 AND t.on_hand_milli > 0 AND t.superseded_by_id IS NULL');
      seq += 1;
      return {
        vehicleId: vehicle.id,
        customerId: vehicle.customer_id,
        advisorId: s.advisorId(),
        startsAt: slot(s),
        group: s.random.pick(GROUPS),
        operationId: s.operationId(),
        partNumber: part.part_number,
        partId: part.id,
        seq,
        jobIds: [],
        lineIds: [],
      };
    },
    steps: [...receptionSteps(ids), ...workshopSteps(ids), ...handoverSteps(ids)],
  };
}
