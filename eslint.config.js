// Lint is a guard for the few rules that protect money and secrets; tsc does the rest.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '.types/**', '**/dist/**', '.turbo/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Tests, benchmarks and CLI printing may write to the console.
    files: ['**/*.test.ts', 'bench/**', '**/test/**'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['domain/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-globals': ['error', { name: 'parseFloat', message: 'Money is exact: use bigint minor units.' }],
      'no-restricted-properties': ['error', { object: 'Math', property: 'round', message: 'Money is exact: use bigint minor units.' }],
    },
  },
);
