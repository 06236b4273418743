import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const PURE_CORE = {
  patterns: [
    { group: ['react', 'react-dom', 'react/*', 'react-dom/*'], message: 'src/core is pure: no React.' },
    { group: ['echarts', 'echarts/*'], message: 'src/core is pure: no ECharts.' },
    { group: ['@duckdb/*', 'apache-arrow'], message: 'src/core is pure: SQL text only, the engine lives in src/db.' },
    { group: ['**/db/*', '**/state/*', '**/ui/*', '**/cli/*'], message: 'src/core depends on nothing above it.' },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'dist-bench/**', 'node_modules/**', 'artifacts/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.property.name='skip'][callee.object.name=/^(it|test|describe)$/]", message: 'No skipped tests.' }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', PURE_CORE],
      // The DOM is not the core's: only platform APIs that exist in Node too (TextDecoder, crypto.subtle).
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'HTMLElement', 'fetch'],
    },
  },
  {
    files: ['src/db/**/*.ts'],
    ignores: ['src/db/node-engine.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*'], message: 'src/db runs in the browser too; Node-only code goes in node-engine.ts.' }, { group: ['react', 'echarts', '**/ui/*', '**/state/*'], message: 'src/db is below the UI.' }] }],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}', 'src/state/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/db/node-engine*', 'node:*'], message: 'The Node engine never enters the browser bundle.' }] }],
    },
  },
);
