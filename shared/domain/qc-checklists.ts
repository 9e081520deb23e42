import type { ConcernGroup } from './concern-groups';
import type { GuaranteeCategory } from './guarantee';

/**
 * The final quality check (终检) of a job: what the inspector looks at, by the job's concern group, then the items
 * every job shares. Keys are stable (answers are stored under them); the words are in the quality i18n area
 * (`quality.items.<key>`). A list only grows: a key that left would leave old answers without a label.
 */
export const QC_COMMON_ITEMS = [
  'common.roadTest',
  'common.noWarningLights',
  'common.noFluidLeaks',
  'common.concernFixed',
  'common.vehicleClean',
  'common.toolsCoversRemoved',
  'common.oldPartsReturned',
] as const;

export const QC_GROUP_ITEMS = {
  engine: ['engine.idleSmooth', 'engine.noAbnormalNoise', 'engine.fluidLevels'],
  transmission: ['transmission.shiftQuality', 'transmission.fluidLevel'],
  brakes: ['brakes.pedalFeel', 'brakes.noNoise', 'brakes.fluidLevel', 'brakes.wheelBoltsTorqued'],
  suspension_steering: ['suspension.steeringCentred', 'suspension.noKnocks', 'suspension.boltsTorqued'],
  electrical: ['electrical.lightsWork', 'electrical.batteryCharging', 'electrical.noFaultCodes'],
  ac_heating: ['ac.outletTemperature', 'ac.noRefrigerantLeak'],
  body_paint: ['body.panelGaps', 'body.paintFinish'],
  tyres_wheels: ['tyres.pressures', 'tyres.wheelBoltsTorqued', 'tyres.balanced'],
  maintenance: ['maintenance.oilLevel', 'maintenance.serviceReminderReset', 'maintenance.filtersReplaced'],
  diagnostics: ['diagnostics.faultCodesCleared', 'diagnostics.reportGiven'],
  ev_high_voltage: ['ev.insulationChecked', 'ev.hvSystemReady'],
  other: [],
} as const satisfies Record<ConcernGroup, readonly string[]>;

export type QcItemKey = (typeof QC_COMMON_ITEMS)[number] | (typeof QC_GROUP_ITEMS)[ConcernGroup][number];

export const QC_ANSWERS = ['ok', 'not_ok', 'na'] as const;
export type QcAnswer = (typeof QC_ANSWERS)[number];

export const QC_RESULTS = ['passed', 'returned'] as const;
export type QcResult = (typeof QC_RESULTS)[number];

/** The checklist of a job: its group's items first, then the common ones. */
export function qcChecklist(group: ConcernGroup): QcItemKey[] {
  return [...QC_GROUP_ITEMS[group], ...QC_COMMON_ITEMS];
}

/** The work categories that need a completion certificate (竣工出厂合格证) before handover: 二级维护, 总成/整车修理. */
export const CERTIFICATE_CATEGORIES: readonly GuaranteeCategory[] = ['whole_vehicle_or_assembly', 'level2_maintenance'];

export function needsCertificate(categories: readonly (GuaranteeCategory | null)[]): boolean {
  return categories.some((category) => category !== null && CERTIFICATE_CATEGORIES.includes(category));
}

/** HG2026-000001: the certificate's number, per desk year. */
export function formatCertificateNumber(year: number, sequence: number): string {
  return `HG${year}-${String(sequence).padStart(6, '0')}`;
}

/**
 * Why answers cannot be recorded with a result, or null: every item of the checklist answered, nothing else; a pass
 * needs every item ok or n.a.; sending back needs a note (what to put right). Returns the reason key and the field.
 */
export function qcAnswersProblem(
  checklist: readonly string[],
  result: QcResult,
  answers: Readonly<Record<string, QcAnswer>>,
  note: string,
): { reason: string; field: string } | null {
  const unknown = Object.keys(answers).find((key) => !checklist.includes(key));
  if (unknown !== undefined) return { reason: 'qc.unknownItem', field: 'answers' };
  if (checklist.some((key) => answers[key] === undefined)) return { reason: 'qc.unanswered', field: 'answers' };
  if (result === 'passed' && checklist.some((key) => answers[key] === 'not_ok'))
    return { reason: 'qc.notOkCannotPass', field: 'result' };
  if (result === 'returned' && note.trim() === '') return { reason: 'qc.noteRequired', field: 'note' };
  return null;
}
