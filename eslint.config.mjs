// @ts-check
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/out/**',
      '**/dist/**',
      '.tools/**',
      '.e2e/**',
      'grammars/tree-sitter-alloy/src/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ['server/src/**/*.ts'],
    rules: {
      // stdout is the protocol stream of a stdio server: log through the connection.
      'no-console': 'error',
    },
  },
  {
    // Plain CommonJS entry points.
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);
