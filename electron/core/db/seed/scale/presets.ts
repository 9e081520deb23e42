/**
 * How big a generated dealership is. `10y` is the scale of docs/domain.md ("Scale to design for") and issue 13: ten years
 * of a busy service department, about 414,000 ROs; `1y` is the same dealership's first year (about 22,000 ROs) ending
 * on the same day, for CI; `test` is a few weeks, for the integration test.
 */
export const SCALES = ['10y', '1y', 'test'] as const;
export type ScaleName = (typeof SCALES)[number];

export interface ScalePreset {
  /** Days of history, ending today. */
  days: number;
  /**
   * Average ROs per calendar day in each year of the history, the first year first (the year of the dealership's
   * opening is quieter; it grows from about 60 a day to about 125). A year past the list takes the last figure.
   */
  perDay: readonly number[];
  customers: number;
  vehicles: number;
  /** Part numbers in the parts master (the demo's parts room first, then the rest of an OEM price file). */
  parts: number;
  advisors: number;
  /** Enough for the last year's volume; fewer are dispatched to while the volume is lower (see World.activeTechs). */
  technicians: number;
  csiAgents: number;
}

export const PRESETS: Readonly<Record<ScaleName, ScalePreset>> = {
  '10y': {
    days: 3652,
    perDay: [60, 99, 113, 118, 121, 123, 125, 126, 127, 128],
    customers: 150_000,
    vehicles: 200_000,
    parts: 300_000,
    advisors: 8,
    technicians: 28,
    csiAgents: 3,
  },
  '1y': {
    days: 365,
    perDay: [60],
    customers: 15_000,
    vehicles: 20_000,
    parts: 30_000,
    advisors: 5,
    technicians: 14,
    csiAgents: 2,
  },
  test: {
    days: 28,
    perDay: [30],
    customers: 1_500,
    vehicles: 2_000,
    parts: 1_000,
    advisors: 3,
    technicians: 8,
    csiAgents: 1,
  },
};

export function isScaleName(value: unknown): value is ScaleName {
  return typeof value === 'string' && (SCALES as readonly string[]).includes(value);
}
