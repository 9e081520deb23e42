// One lint setup for the whole repo. The process boundaries of docs/architecture.md are enforced here per folder.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import { readdirSync } from 'node:fs';
import tseslint from 'typescript-eslint';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

// Areas of the core (electron/core/<area>/, its sub-area folders <area>/<sub-area>/ included) import each other one
// way. Each entry: `area` is imported by the ones listed in `above` and never imports them back, not even a type (a
// circle between two areas is where a newcomer cannot tell which one owns a rule). What both sides of a pair need
// lives lower: shared/domain (pure rules and time), electron/core/ro-records (the RO rows other areas write),
// electron/core/files-folder.ts (stored file paths).
const CORE = 'electron/core';
const AREA_ORDER = [
  { area: 'repair-orders', above: ['appointments', 'campaigns'] },
  { area: 'workshop', above: ['repair-orders', 'campaigns'] },
  { area: 'parts', above: ['repair-orders', 'campaigns'] },
  { area: 'audit', above: ['repair-orders', 'campaigns'] },
  { area: 'vehicles', above: ['repair-orders', 'appointments'] },
  { area: 'settings', above: ['repair-orders', 'appointments', 'workshop'] },
  { area: 'catalog', above: ['repair-orders'] },
  { area: 'followup', above: ['repair-orders'] },
];
// Below every area: they import no area (only db/, errors, the clock and shared/).
const BELOW_AREAS = ['ro-records', 'files-folder.ts', 'imports'];
const NOT_AREAS = new Set(['db', 'events', 'workers', 'ro-records', 'imports']);
const AREAS = readdirSync(new URL(`./${CORE}/`, import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !NOT_AREAS.has(entry.name))
  .map((entry) => entry.name);
const areaZones = [
  ...AREA_ORDER.map(({ area, above }) => ({
    target: `${CORE}/${area}`,
    from: above.map((upper) => `${CORE}/${upper}`),
    message: `${area} is below ${above.join(', ')}: move what both need lower (shared/domain, electron/core/ro-records) instead of importing upwards.`,
  })),
  ...BELOW_AREAS.map((lower) => ({
    target: `${CORE}/${lower}`,
    from: AREAS.map((area) => `${CORE}/${area}`),
    message: `${lower} lies below every area and imports none.`,
  })),
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: restrict([
      {
        group: ['node:*', 'electron', 'react', 'react-dom', 'better-sqlite3', 'kysely'],
        message: 'shared/ runs on both sides: no Node, DOM framework, Electron or database.',
      },
      { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ imports nothing from either side.' },
    ]),
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: restrict([
      { group: ['electron'], message: 'The core runs in plain Node: no Electron.' },
      { group: ['**/main/**', '**/server/**', '**/preload/**', '**/renderer/**'], message: 'The core does not know its shells.' },
    ]),
  },
  {
    files: ['electron/desk-link/**/*.ts'],
    rules: restrict([
      { group: ['electron'], message: 'The desk link runs in plain Node (the tests run it): no Electron.' },
      { group: ['**/core/**', '**/main/**', '**/server/**', '**/renderer/**'], message: 'The desk link knows only shared/.' },
    ]),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-hooks/set-state-in-effect': 'off',
      ...restrict([
        {
          group: ['**/electron/**', 'electron', 'node:*', 'better-sqlite3', 'kysely'],
          message: 'The renderer reaches the core only through shared/ and the API client.',
        },
      ]),
    },
  },
  {
    // No import circle: none between files (import-x/no-cycle follows every runtime import through the tree), and
    // none between areas (areaZones, type imports included).
    files: ['electron/**/*.ts', 'shared/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json'] })],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { zones: areaZones }],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: restrict([
      { group: ['**/core/**', '**/shared/**', 'node:*'], message: 'The sandboxed preload only forwards the port.' },
    ]),
  },
  {
    files: ['eslint.config.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
