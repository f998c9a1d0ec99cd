// @ts-check
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'reports/',
      'coverage/',
      'bin/',
      'scripts/',
      'package-test/consumer/*.mjs',
    ],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Production code never imports test support (*.testkit.ts, fixtures/) or vitest itself
    // (only the vitest helper in src/vitest/ does).
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.test.ts', 'src/**/*.testkit.ts', 'src/**/fixtures/**', 'src/vitest/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/*.testkit.ts', '**/fixtures/**'],
              message: 'test support: only tests and testkits import it',
            },
            { group: ['vitest', 'vitest/*'], message: 'only src/vitest/ and tests import vitest' },
          ],
        },
      ],
    },
  },
  {
    files: ['eslint.config.js'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
