import type { z } from 'zod';
import type { UtilisationRowDto, utilisationInput } from '../../../shared/contract/loaners';
import type { Page } from '../../../shared/contract/paging';
import { deskDay, deskDayStart, nextDay } from '../../../shared/domain/desk-time';
import { carMonth, monthDays, type DaySpan } from '../../../shared/domain/loaners';
import { isoNow } from '../clock';
import type { CoreDeps } from '../context';
import * as repo from './repository';

const dayOf = (iso: string) => deskDay(new Date(iso));

/**
 * Days lent and days available per car in a desk month. The fleet is paged in SQL by plate; only the page's cars'
 * loans and out-of-service stretches overlapping the month are read, and counted here on the desk's calendar.
 */
export async function utilisation(deps: CoreDeps, input: z.output<typeof utilisationInput>): Promise<Page<UtilisationRowDto>> {
  const now = isoNow(deps.clock);
  const { first, last } = monthDays(input.month);
  const from = deskDayStart(first);
  const before = deskDayStart(nextDay(last));
  const cars = await repo.listCars(deps.db, { offset: input.offset, limit: input.limit });
  const page = cars.slice(0, input.limit);
  const ids = page.map((car) => car.id);
  const [loans, outOfService] = await Promise.all([
    repo.loansOverlapping(deps.db, ids, from, before),
    repo.outOfServiceOverlapping(deps.db, ids, from, before),
  ]);
  const spans = (rows: { car_id: number; from: string; to: string | null }[], carId: number): DaySpan[] =>
    rows.filter((row) => row.car_id === carId).map((row) => ({ from: dayOf(row.from), to: row.to ? dayOf(row.to) : null }));
  const loanRows = loans.map((l) => ({ car_id: l.car_id, from: l.out_at, to: l.returned_at }));
  const outRows = outOfService.map((o) => ({ car_id: o.car_id, from: o.from_at, to: o.to_at }));
  const today = dayOf(now);
  const rows = page.map((car): UtilisationRowDto => {
    const month = carMonth(
      { inFleetFrom: dayOf(car.created_at), loans: spans(loanRows, car.id), outOfService: spans(outRows, car.id) },
      input.month,
      today,
    );
    return {
      carId: car.id,
      plate: car.plate,
      model: car.model,
      daysLent: month.daysLent,
      daysAvailable: month.daysAvailable,
      utilisationBp: month.daysAvailable > 0 ? Math.round((month.daysLent * 10_000) / month.daysAvailable) : null,
    };
  });
  return { rows, hasMore: cars.length > input.limit };
}
