import type { TFunction } from 'i18next';
import type { VehicleRiskDto } from '../../../shared/contract/warranty-risk';
import type { RiskSignal } from '../../../shared/domain/warranty-risk';
import { formatDate, formatNumber } from '../ui/format';

/** One signal in words with its figures: "制动系统 4 次维修（第 5 次将触发退换车）". */
export function signalText(t: TFunction, signal: RiskSignal, risk: Pick<VehicleRiskDto, 'repairOrders'>): string {
  const number = (id: number | undefined) => risk.repairOrders.find((ro) => ro.id === id)?.number ?? '';
  switch (signal.kind) {
    case 'sameFault':
      return t(`warrantyRisk.signals.sameFault.${signal.level}`, {
        group: t(`catalog.groups.${signal.group}`),
        count: signal.repairs,
      });
    case 'safety':
      return t(`warrantyRisk.signals.safety.${signal.level}`, {
        group: t(`catalog.groups.${signal.group}`),
        repairs: signal.repairs,
        visits: signal.visits,
      });
    case 'mainPart':
      return t(`warrantyRisk.signals.mainPart.${signal.level}`, {
        part: t(`warrantyRisk.partKinds.${signal.part}`),
        count: signal.replacements,
      });
    case 'repairDays':
      return t(`warrantyRisk.signals.repairDays.${signal.level}`, { days: signal.days });
    case 'longRepair':
      return signal.open
        ? t(`warrantyRisk.signals.longRepairOpen.${signal.level}`, {
            days: signal.days,
            number: number(signal.repairOrderIds[0]),
          })
        : t('warrantyRisk.signals.longRepairDone', { days: signal.days, number: number(signal.repairOrderIds[0]) });
  }
}

/** The period in words, or why the vehicle is outside it. */
export function periodText(t: TFunction, risk: VehicleRiskDto): string {
  if (risk.outside) {
    return t(`warrantyRisk.outside.${risk.outside}`, {
      end: risk.period ? formatDate(risk.period.end) : '',
      km: formatNumber(risk.period?.km ?? 0),
    });
  }
  if (!risk.period) return '';
  return t('warrantyRisk.period', {
    start: formatDate(risk.period.start),
    end: formatDate(risk.period.end),
    km: formatNumber(risk.period.km),
  });
}

/**
 * The open RO a loaner car is owed on (三包: a single repair reaches day 6), or undefined: the banner and the radar row
 * offer one there.
 */
export function loanerOwedOn(signal: RiskSignal): number | undefined {
  return signal.kind === 'longRepair' && signal.open && signal.level === 'reached' ? signal.repairOrderIds[0] : undefined;
}
