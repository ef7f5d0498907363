import nx from '@nx/eslint-plugin';

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/out-tsc'],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'],
          depConstraints: [
            // Contracts depend on nothing, so every side can import them.
            { sourceTag: 'type:types', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            // Backend building blocks: used by services, never by the console.
            {
              sourceTag: 'scope:backend',
              onlyDependOnLibsWithTags: ['scope:backend', 'scope:shared'],
            },
            {
              sourceTag: 'scope:console',
              onlyDependOnLibsWithTags: ['scope:console', 'scope:shared'],
            },
            {
              sourceTag: 'scope:camera-registry',
              onlyDependOnLibsWithTags: ['scope:camera-registry', 'scope:backend', 'scope:shared'],
            },
            {
              sourceTag: 'scope:ingest',
              onlyDependOnLibsWithTags: ['scope:ingest', 'scope:backend', 'scope:shared'],
            },
            {
              sourceTag: 'scope:frame-extraction',
              onlyDependOnLibsWithTags: ['scope:frame-extraction', 'scope:backend', 'scope:shared'],
            },
            {
              sourceTag: 'scope:lpr-engine',
              onlyDependOnLibsWithTags: ['scope:lpr-engine', 'scope:backend', 'scope:shared'],
            },
            {
              sourceTag: 'scope:analytics',
              onlyDependOnLibsWithTags: ['scope:analytics', 'scope:backend', 'scope:shared'],
            },
            { sourceTag: 'scope:demo', onlyDependOnLibsWithTags: ['scope:demo', 'scope:shared'] },
            { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['scope:shared'] },
            // Apps are deployables: nothing imports them.
            { sourceTag: '*', notDependOnLibsWithTags: ['type:app'] },
          ],
        },
      ],
    },
  },
  {
    files: [
      '**/*.ts',
      '**/*.tsx',
      '**/*.cts',
      '**/*.mts',
      '**/*.js',
      '**/*.jsx',
      '**/*.cjs',
      '**/*.mjs',
    ],
    rules: {
      // A parameter kept for its decorator (e.g. a validated, empty NATS payload) is named `_x`.
      '@typescript-eslint/no-unused-vars': ['warn', { argsIgnorePattern: '^_' }],
    },
  },
];
