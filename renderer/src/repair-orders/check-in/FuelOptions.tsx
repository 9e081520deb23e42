import { useTranslation } from 'react-i18next';
import { FUEL_EIGHTHS_MAX } from '../../../../shared/contract/repair-orders/check-in';

const FUEL_LEVELS = Array.from({ length: FUEL_EIGHTHS_MAX + 1 }, (_, eighths) => eighths);

/** The fuel gauge in eighths as a select's options: the check-in and the loaner car's forms read it the same way. */
export function FuelOptions() {
  const { t } = useTranslation();
  return (
    <>
      {FUEL_LEVELS.map((eighths) => (
        <option key={eighths} value={eighths}>
          {t(`checkIn.fuelLevels.${eighths}`)}
        </option>
      ))}
    </>
  );
}
