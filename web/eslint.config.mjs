import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FlatCompat } from '@eslint/eslintrc';
import jsxA11y from 'eslint-plugin-jsx-a11y';

const compat = new FlatCompat({ baseDirectory: dirname(fileURLToPath(import.meta.url)) });

const config = [
  { ignores: ['node_modules/**', '.next/**', 'out/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts'] },
  ...compat.extends('next/core-web-vitals', 'next/typescript'),
  {
    // eslint-config-next registers jsx-a11y with a few rules; turn on the whole recommended set.
    rules: {
      ...jsxA11y.configs.recommended.rules,
      // Moving focus into a just-opened dialog is expected; plain DOM autofocus is still flagged.
      'jsx-a11y/no-autofocus': ['error', { ignoreNonDOM: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Components talk to the server only through src/lib (STYLE.md point 13).
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: 'Use src/lib/api.ts' },
        { name: 'WebSocket', message: 'Use src/lib/realtime.ts' },
      ],
    },
  },
  {
    files: ['src/lib/**', 'src/test/**', 'e2e/**', '**/*.test.ts', '**/*.test.tsx'],
    rules: { 'no-restricted-globals': 'off' },
  },
];

export default config;
