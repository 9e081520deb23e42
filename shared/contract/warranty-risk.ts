import { type } from '@orpc/contract';
import { z } from 'zod';
import { MAIN_PART_KINDS, type MainPartKind, type OutsideReason, type RiskLevel, type RiskSignal } from '../domain/warranty-risk';
import { procedure } from './base';
import { id } from './fields';
import { gridInput, pageInput, type Page } from './paging';
import { reasonIssue } from './errors';

/** Who is warned on a vehicle: the advisor at the counter, the foreman in the workshop, the manager. */
const READ = ['advisor', 'foreman', 'manager'] as const;
/** The radar over every vehicle is the manager's. */
const RADAR = ['manager'] as const;
/** Who keeps the parts master says which parts are main parts. */
const MARK_PARTS = ['parts_clerk', 'manager'] as const;

export const vehicleRiskInput = z.strictObject({ vehicleId: id });
export type VehicleRiskInput = z.input<typeof vehicleRiskInput>;

export const radarInput = pageInput.extend({
  /** Only vehicles with a signal at its legal threshold (not merely a warning). */
  reachedOnly: z.boolean().default(false),
});
export type RadarInput = z.input<typeof radarInput>;

/**
 * The radar's grid takes no sort and no column filter: its order is the rule's (worst first). The one column named
 * is only there because a grid request names its columns.
 */
export const RADAR_GRID_COLUMNS = ['level'] as const;
export type RadarGridColumn = (typeof RADAR_GRID_COLUMNS)[number];

/** The radar as AG Grid asks for it: a block of rows, and the "threshold reached only" choice above the grid. */
export const radarGridInput = gridInput(RADAR_GRID_COLUMNS)
  .safeExtend({
    reachedOnly: radarInput.shape.reachedOnly,
    sortModel: z
      .array(z.strictObject({ colId: z.enum(RADAR_GRID_COLUMNS), sort: z.enum(['asc', 'desc']) }))
      .max(0)
      .default([]),
  })
  .superRefine((value, ctx) => {
    for (const column of Object.keys(value.filterModel)) {
      ctx.addIssue({ ...reasonIssue('filter.unsupported'), path: ['filterModel', column] });
    }
  });
export type RadarGridInput = z.input<typeof radarGridInput>;

export const setMainPartInput = z.strictObject({ partId: id, kind: z.enum(MAIN_PART_KINDS).nullable() });
export type SetMainPartInput = z.input<typeof setMainPartInput>;

/** The ROs a signal names, so a screen can link to them. */
export interface RiskRepairOrderDto {
  id: number;
  number: string;
}

export interface VehicleRiskDto {
  vehicleId: number;
  plate: string;
  vin: string;
  makeModel: string;
  /** The 三包 period; null without an invoice date. */
  period: { start: string; end: string; km: number } | null;
  /** The latest mileage reading, km. */
  mileageKm: number | null;
  /** Why the vehicle is outside the radar today; null when it is inside its period. */
  outside: OutsideReason | null;
  /** Worst first; empty outside the period. */
  signals: RiskSignal[];
  /** Number of every RO a signal names. */
  repairOrders: RiskRepairOrderDto[];
  /** The worst level among the signals; null without any. */
  level: RiskLevel | null;
}

export interface MainPartDto {
  partId: number;
  kind: MainPartKind | null;
}

export const warrantyRiskContract = {
  /**
   * The 三包 risk of one vehicle today (shared/domain/warranty-risk states every rule): its period, and the signals
   * of its repair ROs inside the period, worst first. Outside the period (or without an invoice date) there is no
   * signal and `outside` says why.
   */
  vehicle: procedure.meta({ access: READ }).input(vehicleRiskInput).output(type<VehicleRiskDto>()),

  /**
   * The manager's radar: vehicles inside their 三包 period today with at least one signal, worst first (a signal at
   * its legal threshold before warnings only, then the most repair days). Filtered and paged in SQL.
   */
  radar: procedure.meta({ access: RADAR }).input(radarInput).output(type<Page<VehicleRiskDto>>()),

  /** The radar's grid (the radar screen): the rows of `radar`, a block of AG Grid's Infinite Row Model at a time. */
  grid: procedure.meta({ access: RADAR }).input(radarGridInput).output(type<Page<VehicleRiskDto>>()),

  /** Marks a part of the master as a main part of the given kind, or as none (null). */
  setMainPart: procedure.meta({ access: MARK_PARTS }).input(setMainPartInput).output(type<MainPartDto>()),

  /** Whether a part is a main part, and of which kind. */
  mainPart: procedure
    .meta({ access: [...MARK_PARTS, 'advisor', 'foreman'] })
    .input(z.strictObject({ partId: id }))
    .output(type<MainPartDto>()),
};
