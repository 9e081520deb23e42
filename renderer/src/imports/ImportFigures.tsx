import { useEffect, useRef } from 'react';
import { formatNumber } from '../ui/format';

/** The nearest ancestor that scrolls (the shell's content pane), or null. */
function scroller(element: HTMLElement): HTMLElement | null {
  for (let at = element.parentElement; at; at = at.parentElement) {
    if (/(auto|scroll)/.test(getComputedStyle(at).overflowY)) return at;
  }
  return null;
}

/**
 * A run's counts, large, side by side, each findable by its key (`data-figure`). The result appears below the form
 * that asked for it: its card is brought into view when it arrives (`arrived` changes with each new result).
 */
export function ImportFigures(props: {
  caption: string;
  figures: readonly { key: string; label: string; value: number }[];
  arrived: unknown;
}) {
  const anchor = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const card = anchor.current?.closest('section') ?? anchor.current;
    const pane = card ? scroller(card) : null;
    if (!card || !pane) return;
    // The pane alone is scrolled: scrollIntoView would also scroll the window, taking the top bar out of sight when the
    // pane cannot scroll as far as asked.
    const top = pane.scrollTop + card.getBoundingClientRect().top - pane.getBoundingClientRect().top - 8;
    pane.scrollTo({ top, behavior: 'smooth' });
  }, [props.arrived]);
  return (
    <>
      <div ref={anchor} />
      <dl
        className="import-summary"
        aria-label={props.caption}
        style={{
          display: 'grid',
          gridTemplateColumns: `repeat(${props.figures.length}, minmax(6rem, max-content))`,
          gap: '0.25rem 2.5rem',
        }}
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
