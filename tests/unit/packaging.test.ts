import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Issue 7, item 9: the installers' configuration (package.json "build", read by electron-builder). The installers
 * themselves cannot be built here (electron-builder downloads Electron); this checks what decides them: a target per
 * operating system, icons of the right size, better-sqlite3 packed outside the asar and rebuilt for Electron, no
 * tests or sources in the package, and a configuration electron-builder's own schema accepts.
 */
const ROOT = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  productName?: string;
  main: string;
  homepage?: string;
  author?: { name?: string; email?: string };
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  build: {
    appId: string;
    productName: string;
    directories: { buildResources: string; output: string };
    files: string[];
    asarUnpack: string[];
    npmRebuild?: boolean;
    win: { target: string; icon: string };
    nsis: { oneClick: boolean; perMachine: boolean; deleteAppDataOnUninstall: boolean };
    mac: { target: string; icon: string };
    linux: { target: string[]; icon: string; category: string };
  };
};
const build = pkg.build;
const fromBuilder = createRequire(createRequire(join(ROOT, 'package.json')).resolve('app-builder-lib'));
const { Minimatch } = fromBuilder('minimatch') as typeof import('minimatch');

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), 'PNG signature').toBe(true);
  expect(bytes.toString('ascii', 12, 16)).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Whether electron-builder's "files" patterns (minimatch, dot files included, "!" excludes) take a project path. */
function packed(path: string): boolean {
  const patterns = build.files.map((p) => ({
    negate: p.startsWith('!'),
    match: new Minimatch(p.replace(/^!/, ''), { dot: true }),
  }));
  return patterns.some((p) => !p.negate && p.match.match(path)) && !patterns.some((p) => p.negate && p.match.match(path));
}

describe('installers (package.json "build")', () => {
  it('builds an NSIS installer for Windows, a dmg for macOS, and an AppImage and a deb for Linux', () => {
    expect(build.win.target).toBe('nsis');
    expect(build.mac.target).toBe('dmg');
    expect([...build.linux.target].sort()).toEqual(['AppImage', 'deb']);
    expect(build.productName).toBe('BayDesk');
    expect(build.appId).toMatch(/^[a-z]+(\.[a-z]+)+$/);
    // The deb's control file needs a maintainer with an e-mail and a homepage.
    expect(pkg.author?.email).toMatch(/^[^@\s]+@[^@\s]+$/);
    expect(pkg.homepage).toMatch(/^https:\/\//);
  });

  it('is a configuration electron-builder itself accepts', async () => {
    const { getConfig, validateConfiguration } = fromBuilder('app-builder-lib/out/util/config/config') as {
      getConfig(projectDir: string, configPath: null, fromOptions: null): Promise<Record<string, unknown>>;
      validateConfiguration(config: Record<string, unknown>, logger: { isEnabled: boolean; add(): void }): Promise<void>;
    };
    const logger = { isEnabled: false, add: () => undefined };
    const config = await getConfig(ROOT, null, null);
    await expect(validateConfiguration(config, logger)).resolves.toBeUndefined();
    // The check can fail: a misspelt option is refused.
    await expect(validateConfiguration({ ...config, nsis: { oneClik: false } }, logger)).rejects.toThrow(/configuration/i);
  }, 60_000);

  it("uses the app's icon from resources/: a 1024 px PNG, a Windows .ico up to 256 px and a macOS .icns", () => {
    expect(build.directories.buildResources).toBe('resources');
    for (const icon of [build.win.icon, build.mac.icon, build.linux.icon]) {
      expect(icon.startsWith('resources/'), icon).toBe(true);
      expect(existsSync(join(ROOT, icon)), icon).toBe(true);
    }
    // Linux (and electron-builder's fallback for the others) wants a square PNG of at least 512 px.
    expect(pngSize(readFileSync(join(ROOT, build.linux.icon)))).toEqual({ width: 1024, height: 1024 });
    // ICO: reserved 0, type 1 (icon), then 16-byte entries whose width byte 0 means 256 px.
    const ico = readFileSync(join(ROOT, build.win.icon));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const widths = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico[6 + i * 16] || 256);
    expect(widths).toEqual(expect.arrayContaining([16, 32, 48, 256]));
    // ICNS: magic, total length, and a 512 px (ic09) or 1024 px (ic10) image inside.
    const icns = readFileSync(join(ROOT, build.mac.icon));
    expect(icns.toString('ascii', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    expect(icns.includes('ic10') || icns.includes('ic09')).toBe(true);
  });

  it('packs better-sqlite3 outside the asar archive and rebuilds it for Electron', () => {
    // A native module cannot be loaded from inside app.asar: its folder (with the .node file) is unpacked.
    const unpacked = (path: string) => build.asarUnpack.some((p) => new Minimatch(p, { dot: true }).match(path));
    expect(unpacked('node_modules/better-sqlite3/build/Release/better_sqlite3.node')).toBe(true);
    expect(unpacked('node_modules/better-sqlite3/lib/database.js')).toBe(true);
    expect(unpacked('out/main/index.js')).toBe(false);
    // Packed only as a runtime dependency; Electron itself must stay a dev dependency for electron-builder.
    expect(pkg.dependencies['better-sqlite3']).toBeDefined();
    expect(pkg.devDependencies.electron).toBeDefined();
    expect(pkg.dependencies.electron).toBeUndefined();
    // `npm run dist` rebuilds it for Electron's ABI, packs, then puts back the Node build the tests use.
    expect(build.npmRebuild).not.toBe(false);
    expect(pkg.scripts.dist).toMatch(/electron-builder install-app-deps && electron-builder && npm rebuild better-sqlite3$/);
  });

  it('packs the built app and nothing of the tests or sources', () => {
    expect(packed(pkg.main)).toBe(true);
    for (const path of ['out/main/index.js', 'out/preload/index.js', 'out/renderer/index.html', 'package.json'])
      expect(packed(path), path).toBe(true);
    for (const path of [
      'tests/unit/packaging.test.ts',
      'tests/e2e/login.spec.ts',
      'tests/fixtures/core.ts',
      'electron/main/index.ts',
      'renderer/src/main.tsx',
      'scripts/seed.ts',
      'bench/lookup.bench.ts',
      'reports/vitest.json',
      'test-results/x/trace.zip',
      'out/main/index.js.map',
      '.data/baydesk.sqlite',
    ]) {
      expect(packed(path), path).toBe(false);
    }
  });

  it('keeps the dealer’s data out of the install folder and on uninstall', () => {
    // Electron names the user data folder after productName (%APPDATA%\BayDesk, ~/Library/Application Support/BayDesk,
    // ~/.config/BayDesk): the top-level field must say BayDesk, as the installers do.
    expect(pkg.productName).toBe(build.productName);
    const main = readFileSync(join(ROOT, 'electron', 'main', 'index.ts'), 'utf8');
    expect(main).toMatch(/join\(app\.getPath\('userData'\), demo \? 'baydesk-demo\.sqlite' : 'baydesk\.sqlite'\)/);
    // Records are kept six years: uninstalling (or reinstalling) BayDesk never deletes the database.
    expect(build.nsis.deleteAppDataOnUninstall).toBe(false);
    // A per-user install needs no administrator; the dealer may choose the folder.
    expect(build.nsis).toMatchObject({ oneClick: false, perMachine: false });
  });
});
