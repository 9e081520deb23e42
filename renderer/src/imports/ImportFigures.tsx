import { useEffect, useRef } from 'react';
import { formatNumber } from '../ui/format';

/**
 * A run's counts, large, side by side, each findable by its key (`data-figure`). The result appears below the form
 * that asked for it: it is brought into view when it arrives (`arrived` changes with each new result).
 */
export function ImportFigures(props: {
  caption: string;
  figures: readonly { key: string; label: string; value: number }[];
  arrived: unknown;
}) {
  const anchor = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Braces: newer Chromium returns a promise from scrollIntoView, which React would take for a clean-up function.
    void anchor.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [props.arrived]);
  return (
    <>
      <div ref={anchor} />
      <dl
        className="import-summary"
        aria-label={props.caption}
        style={{ display: 'grid', gridTemplateColumns: `repeat(${props.figures.length}, auto)`, gap: '0.25rem 1.5rem' }}
      >
        {props.figures.map((figure) => (
          <div key={figure.key} data-figure={figure.key}>
            <dt className="muted">{figure.label}</dt>
            <dd style={{ margin: 0, fontSize: '1.4em', fontWeight: 600 }}>{formatNumber(figure.value)}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
