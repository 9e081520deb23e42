import { describe, expect, it } from 'vitest';
import { catalogue, en, format, mainLanguage, zhCN } from '../../electron/main/i18n';
import { parseWindowState, visibleBounds, type Rect } from '../../electron/main/window-state';

/**
 * Issue 16, item 5: what the main process decides without Electron: its strings in both languages and which one it
 * speaks, and where the window reopens (on a display that is still there).
 */
function keys(value: object, prefix = ''): string[] {
  return Object.entries(value).flatMap(([key, inner]) =>
    typeof inner === 'object' && inner !== null ? keys(inner as object, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

describe("the main process's catalogue", () => {
  it('has every text in both languages, with the same placeholders', () => {
    expect(keys(zhCN)).toEqual(keys(en));
    const texts = (c: object) =>
      keys(c).map((k) => k.split('.').reduce<unknown>((v, part) => (v as Record<string, unknown>)[part], c));
    const placeholders = (text: unknown) => [...String(text).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const [english, chinese] = [texts(en), texts(zhCN)];
    english.forEach((text, i) => {
      expect(String(chinese[i]).trim(), keys(en)[i]).not.toBe('');
      expect(placeholders(chinese[i]), keys(en)[i]).toEqual(placeholders(text));
    });
  });

  it("speaks the dealer's chosen language, else Chinese for a zh-* system and English otherwise", () => {
    expect(mainLanguage('en', ['zh-CN'])).toBe('en');
    expect(mainLanguage('zh-CN', ['en-US'])).toBe('zh-CN');
    expect(mainLanguage(null, ['zh-TW', 'en'])).toBe('zh-CN');
    expect(mainLanguage('fr', ['en-GB'])).toBe('en');
    expect(mainLanguage(undefined, [])).toBe('en');
    expect(catalogue('zh-CN').menu.help).toBe('帮助');
    expect(format(en.about.detail, { version: '1.2.3', database: 'd', data: 'f', logs: 'l' })).toContain('Version 1.2.3');
  });
});

describe('the window state', () => {
  const primary: Rect = { x: 0, y: 0, width: 1920, height: 1040 };
  const second: Rect = { x: 1920, y: 0, width: 1280, height: 984 };

  it('reads only what it wrote', () => {
    expect(parseWindowState(null)).toBeNull();
    expect(parseWindowState('not json')).toBeNull();
    expect(parseWindowState('{"bounds":{"x":1,"y":2,"width":"w","height":4}}')).toBeNull();
    expect(parseWindowState('{"bounds":{"x":1,"y":2,"width":1200,"height":800},"maximized":true}')).toEqual({
      bounds: { x: 1, y: 2, width: 1200, height: 800 },
      maximized: true,
    });
  });

  it('reopens where it was, on the display that showed it', () => {
    const bounds = { x: 2000, y: 50, width: 1100, height: 800 };
    expect(visibleBounds({ bounds, maximized: false }, [primary, second], primary)).toEqual(bounds);
    expect(visibleBounds(null, [primary], primary)).toBeNull();
  });

  it('comes back onto the primary display when its display is gone, and fits a smaller one', () => {
    const onGoneScreen = { x: 2000, y: 50, width: 1100, height: 800 };
    expect(visibleBounds({ bounds: onGoneScreen, maximized: false }, [primary], primary)).toEqual({
      x: 410,
      y: 120,
      width: 1100,
      height: 800,
    });
    // Larger than the display, and hanging off its bottom right: shrunk and moved inside.
    const tooLarge = { x: 1800, y: 10, width: 2400, height: 1400 };
    expect(visibleBounds({ bounds: tooLarge, maximized: false }, [primary, second], primary)).toEqual({
      x: 1920,
      y: 0,
      width: 1280,
      height: 984,
    });
  });
});
