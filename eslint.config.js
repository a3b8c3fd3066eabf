import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { builtinModules } from 'node:module';

// Import boundaries, kept by `no-restricted-imports` so that a break shows in the editor.
const ELECTRON = [
  { name: 'electron', message: 'Electron stays in src/main and src/preload.' },
  { name: 'electron-updater', message: 'Electron stays in src/main and src/preload.' },
];
const DESKTOP_SHELL = {
  group: ['**/main/*', '**/preload/*'],
  message: 'Only the Electron shell imports the shell; share through src/ipc/contract.ts.',
};
const DESKTOP_UI = { group: ['**/renderer/**'], message: 'The core knows nothing of the UI.' };
const APPS = {
  group: [
    '@picineiros/desktop',
    '@picineiros/desktop/*',
    '@picineiros/server',
    '@picineiros/server/*',
    '**/apps/**',
  ],
  message: 'Packages never import the apps.',
};
const API = {
  group: ['@picineiros/api', '@picineiros/api/*'],
  message: 'packages/db never imports the API.',
};
// The API's entry points: `@picineiros/api` (the AppRouter type), `/client` (client-safe) and `/server`.
const API_SERVER = {
  group: ['@picineiros/api/*', '!@picineiros/api/client'],
  message:
    "Clients of the server import the AppRouter type and @picineiros/api/client, never the server's code.",
};
const RENDERER_IMPORTS = {
  paths: [
    ...ELECTRON,
    {
      name: '@picineiros/api',
      allowTypeImports: true,
      message: 'The renderer imports only the AppRouter type.',
    },
    ...builtinModules.map((name) => ({ name, message: 'The renderer also runs in a browser: no Node.' })),
  ],
  patterns: [
    DESKTOP_SHELL,
    { group: ['node:*'], message: 'The renderer also runs in a browser: no Node.' },
    {
      regex: '^\\.{1,2}/(.+/)?core/',
      message: 'The renderer reaches the core only through window.picineiros (IPC).',
    },
    {
      group: ['@picineiros/db', '@picineiros/db/*'],
      message: "The renderer imports the API's client-safe modules, never the database package.",
    },
    {
      group: [...APPS.group, '**/server/src/**'],
      message: 'Server code stays on the server; the renderer imports @picineiros/api/client.',
    },
    API_SERVER,
  ],
};
const PAGES_FROM_COMPONENTS = { group: ['**/pages/**'], message: 'Components never import pages.' };
const OTHER_PAGES = {
  regex: '^\\./[^/]+$',
  message:
    "A page never imports another page: move the shared piece to components/ or into the page's folder.",
};

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '.tools/**',
      'data/**',
      '**/coverage/**',
      '**/migrations/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The desktop renderer runs in a browser (and in Electron's sandboxed renderer): DOM globals, hook rules.
    files: ['apps/desktop/src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // `onClick={() => setOpen(true)}` is the React idiom, not a confusing void expression.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
    },
  },
  // The import map (docs/architecture.md, "Who imports whom"). One block per layer: flat config replaces
  // a rule's options per file, so each block lists every restriction of the files it names.
  {
    files: ['apps/desktop/src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: ELECTRON, patterns: [DESKTOP_SHELL, DESKTOP_UI, API_SERVER] },
      ],
    },
  },
  {
    files: ['apps/desktop/src/renderer/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', RENDERER_IMPORTS] },
  },
  {
    files: ['apps/desktop/src/renderer/components/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { ...RENDERER_IMPORTS, patterns: [...RENDERER_IMPORTS.patterns, PAGES_FROM_COMPONENTS] },
      ],
    },
  },
  {
    // A page composes components and its own parts (pages/<page>/…), never another page.
    files: ['apps/desktop/src/renderer/pages/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        { ...RENDERER_IMPORTS, patterns: [...RENDERER_IMPORTS.patterns, OTHER_PAGES] },
      ],
    },
  },
  {
    files: ['packages/api/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [APPS] }] },
  },
  {
    files: ['packages/db/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [APPS, API] }] },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
