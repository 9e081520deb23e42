import { deskYear } from '../../../shared/domain/desk-time';
import type { Db } from '../db/connection';
import * as repo from './repository';

/** RO2026-000123: a year's numbers sort as text up to 999,999 ROs (a dealer group's busiest site stays far below). */
export function formatRoNumber(year: number, sequence: number): string {
  return `RO${year}-${String(sequence).padStart(6, '0')}`;
}

/**
 * The number of an RO opened at `at`, taken in the opening transaction: the year is the desk's (an RO opened at 00:30
 * on 1 January in Beijing is numbered in the new year), the sequence runs per year without gaps (repository.nextSequence).
 */
export async function nextRoNumber(trx: Db, at: Date): Promise<string> {
  const year = deskYear(at);
  return formatRoNumber(year, await repo.nextSequence(trx, year));
}
