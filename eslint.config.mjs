// One lint setup for the whole repo. The process boundaries of ARCHITECTURE.md are enforced here per folder.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: restrict([
      { group: ['node:*', 'electron', 'react', 'react-dom', 'better-sqlite3', 'kysely'], message: 'shared/ runs on both sides: no Node, DOM framework, Electron or database.' },
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
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-hooks/set-state-in-effect': 'off',
      ...restrict([
        { group: ['**/electron/**', 'electron', 'node:*', 'better-sqlite3', 'kysely'], message: 'The renderer reaches the core only through shared/ and the API client.' },
      ]),
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: restrict([{ group: ['**/core/**', '**/shared/**', 'node:*'], message: 'The sandboxed preload only forwards the port.' }]),
  },
  {
    files: ['eslint.config.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
