import { builtinModules } from 'node:module';
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Layering, keyed on the folder a file lives in (as in vscode's `code-layering`):
 * shared is runtime-free; main, preload and renderer meet only in shared. Imports are
 * relative, so a crossing shows as a `main/`, `preload/` or `renderer/` path segment.
 */
const segment = (name) => `(^|/)${name}(/|$)`;
const ban = {
  electron: { regex: '^electron(/|$)', message: 'Only main and the preload may use Electron.' },
  node: {
    regex: `^(node:|(${builtinModules.map((name) => name.replace('/', '\\/')).join('|')})(/|$))`,
    message: 'Node built-ins belong in main; this layer must also run in a browser.',
  },
  main: { regex: segment('main'), message: 'Main-process code stays in main; share through src/shared.' },
  preload: { regex: segment('preload'), message: 'The preload is reached through window.orgdesk, not imported.' },
  renderer: { regex: segment('renderer'), message: 'Renderer code stays in the renderer; share through src/shared.' },
};

const layer = (files, patterns) => ({
  files,
  rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] },
});

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'coverage/**', '**/*.tsbuildinfo'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  ...svelte.configs['flat/prettier'],
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,svelte}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'], svelteFeatures: { runes: true } },
    },
  },
  layer(['src/shared/**'], [ban.electron, ban.node, ban.main, ban.preload, ban.renderer]),
  layer(['src/main/**'], [ban.preload, ban.renderer]),
  layer(
    ['src/preload/**'],
    [
      ban.main,
      ban.renderer,
      {
        regex: '^(?!electron$|virtual:ipc-names$|\\.)',
        message:
          'A sandboxed preload can require only electron; other code comes from src/shared (bundled) or from virtual:ipc-names (generated).',
      },
    ],
  ),
  layer(['src/renderer/**'], [ban.electron, ban.node, ban.main, { ...ban.preload, allowTypeImports: true }]),
);
