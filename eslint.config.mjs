import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', 'dist/', 'coverage/', '**/*.js', '**/*.mjs'] },
  eslint.configs.recommended,
  ...tseslint.configs.strict,
  {
    plugins: { 'import-x': importX },
    // The examples import the package by its own name; it is internal whether or not the build
    // output it resolves to exists yet (the lint runs beside the build).
    settings: { 'import-x/internal-regex': '^cdk-dpp(/.*)?$' },
    rules: {
      'import-x/order': [
        'error',
        {
          groups: ['builtin', 'external', 'internal', 'parent', 'sibling', 'index'],
          'newlines-between': 'never',
          alphabetize: { order: 'asc', caseInsensitive: true },
        },
      ],
      'import-x/no-duplicates': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/consistent-type-imports': 'off',
    },
  },
  {
    // Shipped code loads only what an install brings. The function sources are exempt: the build
    // bundles them into assets (scripts/bundle-functions.ts) and the Lambda runtime provides the
    // AWS SDK they leave outside the bundle, so nothing of theirs is loaded from the package.
    files: ['bin/**/*.ts', 'lib/**/*.ts', 'constructs/**/*.ts'],
    ignores: ['lib/functions/**'],
    rules: {
      'import-x/no-extraneous-dependencies': [
        'error',
        { devDependencies: false, optionalDependencies: true, peerDependencies: true },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: { 'import-x/no-extraneous-dependencies': ['error', { devDependencies: true }] },
  },
  prettier,
);
