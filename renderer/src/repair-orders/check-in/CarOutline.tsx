import { DIAGRAM } from './walk-around-zones';

/** The class names of one drawing of the car: the check-in screen's, or the printed work order's. */
export interface CarOutlineClasses {
  label: string;
  wheel: string;
  body: string;
  glass: string;
  roof: string;
}

/**
 * The car from above, front at the top, with its four sides named: drawn the same on the check-in screen
 * (WalkAround.tsx) and on the printed work order (printing/CheckInBlock.tsx), so a mark sits on paper where it was
 * placed on screen. An <svg> of viewBox 0 0 1000 1000 holds it; the marks are drawn over it by each.
 */
export function CarOutline({
  names,
  classes,
}: {
  names: { front: string; rear: string; left: string; right: string };
  classes: CarOutlineClasses;
}) {
  return (
    <>
      <text x={500} y={46} textAnchor="middle" className={classes.label}>
        {names.front}
      </text>
      <text x={500} y={985} textAnchor="middle" className={classes.label}>
        {names.rear}
      </text>
      <text x={165} y={515} textAnchor="middle" className={classes.label}>
        {names.left}
      </text>
      <text x={835} y={515} textAnchor="middle" className={classes.label}>
        {names.right}
      </text>
      {DIAGRAM.wheels.map((wheel, index) => (
        <rect key={`wheel-${index}`} {...wheel} rx={12} className={classes.wheel} />
      ))}
      {DIAGRAM.mirrors.map((mirror, index) => (
        <rect key={`mirror-${index}`} {...mirror} rx={6} className={classes.body} />
      ))}
      <rect
        x={DIAGRAM.body.x}
        y={DIAGRAM.body.y}
        width={DIAGRAM.body.width}
        height={DIAGRAM.body.height}
        rx={DIAGRAM.body.radius}
        className={classes.body}
      />
      <path d={DIAGRAM.windscreen} className={classes.glass} />
      <rect {...DIAGRAM.roof} rx={24} className={classes.roof} />
      <path d={DIAGRAM.rearWindow} className={classes.glass} />
    </>
  );
}
