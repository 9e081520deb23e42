/**
 * Where the main window was: its normal (not maximised) bounds and whether it was maximised, kept in
 * window-state.json in the user data folder. Pure, so the unit test checks it without Electron.
 */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1440, height: 900 };
export const MIN_SIZE = { width: 1024, height: 700 };

/** A saved state read from its JSON, or null when it is missing or not what we wrote. */
export function parseWindowState(text: string | null): WindowState | null {
  if (!text) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const state = value as Partial<WindowState> | null;
  const bounds = state?.bounds as Partial<Rect> | undefined;
  const numbers = bounds && [bounds.x, bounds.y, bounds.width, bounds.height].every((n) => Number.isFinite(n));
  if (!numbers) return null;
  return { bounds: bounds as Rect, maximized: state?.maximized === true };
}

function overlap(a: Rect, b: Rect): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

/**
 * The bounds to open with, kept on a visible display: the saved ones when the display that showed the window's title
 * bar is still there (a laptop undocked from its second screen loses it), shrunk to that display's work area;
 * otherwise the saved size centred on the primary display. Null: no saved state, the window's defaults apply.
 */
export function visibleBounds(saved: WindowState | null, workAreas: readonly Rect[], primary: Rect): Rect | null {
  if (!saved) return null;
  const { bounds } = saved;
  // The title bar's strip must be on a display, or the dealer could not grab the window.
  const titleBar = { x: bounds.x, y: bounds.y, width: bounds.width, height: 32 };
  // The display holding most of it, if it holds a grip's worth (100 px of the bar, half its height).
  const home = workAreas
    .filter((area) => overlap(titleBar, area) >= Math.min(100, bounds.width) * 16)
    .sort((a, b) => overlap(titleBar, b) - overlap(titleBar, a))
    .at(0);
  const area = home ?? primary;
  const width = Math.max(MIN_SIZE.width, Math.min(bounds.width, area.width));
  const height = Math.max(MIN_SIZE.height, Math.min(bounds.height, area.height));
  if (!home)
    return {
      x: area.x + Math.round((area.width - width) / 2),
      y: area.y + Math.round((area.height - height) / 2),
      width,
      height,
    };
  const x = Math.min(Math.max(bounds.x, area.x), area.x + area.width - width);
  const y = Math.min(Math.max(bounds.y, area.y), area.y + area.height - height);
  return { x, y, width, height };
}
