import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

export default ts.config(
  { ignores: ['dist/', 'dev-dist/', 'node_modules/', 'models/', 'test-results/', 'bench/out/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  { languageOptions: { globals: { ...globals.browser, ...globals.node } } },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'], svelteConfig } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // Only the store may talk to IndexedDB through Dexie: every block below bans it outside src/store.
  // The data's journey, enforced: each folder imports only from the stages before it (README, "Code is laid out…").
  // One `no-restricted-imports` per file, so every block repeats the Dexie ban (a later block replaces, not merges).
  ...boundaries([
    // The attendance rules stand alone: nothing outside src/domain.
    {
      files: ['src/domain/**'],
      banned: [{ regex: '^\\.\\./', message: 'src/domain imports nothing of ours.' }],
    },
    // Ingest reads; the import worker saves (src/workers/worker/import-save.ts).
    {
      files: ['src/ingest/**'],
      banned: [layer(['store', 'workers', 'model', 'state', 'ui', 'views'], 'Ingest only reads.')],
    },
    {
      files: ['src/store/**'],
      banned: [layer(['ingest', 'model', 'workers', 'state', 'ui', 'views'], 'The store keeps data.')],
    },
    {
      files: ['src/model/**'],
      banned: [
        layer(
          ['store', 'ingest', 'workers', 'state', 'ui', 'views'],
          'The model takes registers; workers call it.',
        ),
      ],
    },
    {
      files: ['src/views/**', 'src/charts/**'],
      banned: [
        layer(['workers', 'state', 'ui'], 'Views are pure functions of data.'),
        typesOnly(['store', 'ingest']),
      ],
    },
    // Components lay out: they read state classes and views, never the store, the importer or the model.
    {
      files: ['src/ui/**'],
      banned: [layer(['workers', 'sim'], 'Use a state class.'), typesOnly(['store', 'ingest', 'model'])],
    },
    // Where code runs: worker code never reaches page code (tsconfig.worker.json checks the DOM is not used).
    {
      files: ['src/workers/worker/**'],
      banned: [
        { regex: '(^|/)page(/|$)', message: 'Worker code cannot use page code.' },
        { regex: 'store/page$', message: 'The worker-safe store is src/store (index.ts).' },
      ],
    },
    // The page starts workers by URL; it imports worker files for their types only.
    {
      files: ['src/**/*.ts', 'src/**/*.svelte'],
      ignores: [
        'src/workers/worker/**',
        'src/store/**',
        'src/domain/**',
        'src/ingest/**',
        'src/model/**',
        'src/views/**',
        'src/charts/**',
        'src/ui/**',
      ],
      banned: [
        {
          regex: '(^|/)workers/worker/',
          allowTypeImports: true,
          message: 'Call it through src/workers/page.',
        },
      ],
    },
  ]),
);

/** ESLint blocks banning the given import patterns in the given files, and Dexie everywhere but src/store. */
function boundaries(blocks) {
  return blocks.map(({ files, ignores = [], banned }) => ({
    files,
    ignores,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: files.some((f) => f.startsWith('src/store/'))
            ? []
            : [{ name: 'dexie', message: 'Use src/store.' }],
          patterns: banned,
        },
      ],
    },
  }));
}

/** A relative import of any of these folders of src/. */
function layer(folders, message) {
  return { regex: `^(\\.\\.?/)+(${folders.join('|')})(/|$)`, message };
}

/** These folders may be imported for their types only. */
function typesOnly(folders) {
  return {
    ...layer(folders, 'Types only here: the values come through a state class or a view.'),
    allowTypeImports: true,
  };
}
