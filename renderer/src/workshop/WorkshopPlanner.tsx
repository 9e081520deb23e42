import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { formatHm } from '../../../shared/domain/appointment-slots';
import { wallClock } from '../../../shared/domain/desk-time';
import { percentOf } from './planner-layout';
import type { RowsView } from './planner-rows';
import { PlannerRow, type RowProps } from './PlannerRow';

export type PlannerProps = Omit<RowProps, 'row' | 'nowMinutes'> & { view: RowsView; rows: RowProps['row'][] };

/**
 * The workshop planner: a row per technician (or per bay), the board's day across, each job a bar where it is planned
 * (or clocked) as long as its sold hours; jobs are dropped onto a row at a time, or moved there from the keyboard. The
 * hours scroll sideways inside it and the rows up and down, the rows' heads and the hours staying in view.
 */
export function WorkshopPlanner(props: PlannerProps) {
  const { t } = useTranslation();
  const { axis, rows, view } = props;
  const wall = wallClock(new Date());
  const nowMinutes = wall.day === props.day && wall.minutes >= axis.from && wall.minutes <= axis.to ? wall.minutes : null;
  return (
    <div className="ws-planner" role="region" aria-label={t('workshop.planner.title')} tabIndex={0} data-testid="ws-planner">
      <div className="ws-grid" style={{ '--ws-hours': axis.hours.length } as CSSProperties}>
        <div className="ws-row ws-planner-head">
          <div className="ws-row-head">{t(view === 'bays' ? 'workshop.planner.bays' : 'workshop.planner.technicians')}</div>
          <div className="ws-hours">
            {axis.hours.map((hour) => (
              <span key={hour} className="ws-hour" style={{ left: `${percentOf(axis, hour - axis.from)}%` }}>
                {formatHm(hour)}
              </span>
            ))}
          </div>
        </div>
        {rows.length === 0 && view === 'bays' ? <p className="muted small ws-no-rows">{t('workshop.planner.noBays')}</p> : null}
        {rows.map((row) => (
          <PlannerRow key={row.key} {...props} row={row} nowMinutes={nowMinutes} />
        ))}
      </div>
    </div>
  );
}
