// Lint: typescript-eslint's recommended rules, React hooks rules for web/, module boundaries,
// and one rule of our own: no user-facing text written straight into a component (it belongs in the catalogs).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const noLiteralUiText = {
  meta: { type: 'problem', messages: { literal: 'User-facing text belongs in shared/i18n/messages: use a message id, not "{{text}}".' } },
  create(context) {
    const textAttributes = new Set(['alt', 'title', 'placeholder', 'aria-label', 'aria-description', 'label']);
    return {
      JSXText(node) {
        const text = node.value.trim();
        if (/[\p{L}]/u.test(text)) context.report({ node, messageId: 'literal', data: { text } });
      },
      JSXAttribute(node) {
        if (!textAttributes.has(node.name.name)) return;
        const v = node.value;
        if (v && v.type === 'Literal' && typeof v.value === 'string' && /[\p{L}]/u.test(v.value)) {
          context.report({ node, messageId: 'literal', data: { text: v.value } });
        }
      },
    };
  },
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.tmp/**', 'data/**', 'bench/scheduling/instances/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks, tillit: { rules: { 'no-literal-ui-text': noLiteralUiText } } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'tillit/no-literal-ui-text': 'error',
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/server/**'], message: 'The web app talks to the server over HTTP; share contracts through shared/.' }] }],
    },
  },
  {
    files: ['web/public/sw.js'],
    languageOptions: { globals: { ...globals.serviceworker } },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/server/**', '**/web/**'], message: 'shared/ depends on nothing of the server or web.' }] }],
    },
  },
  {
    files: ['server/**/*.ts'],
    ignores: ['server/**/*.repo.ts', 'server/db/**', 'server/seed/**', 'server/test/**', 'server/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'pg', message: 'Only repositories (and db/) speak SQL.' }], patterns: [{ group: ['kysely'], importNamePattern: '^sql$', message: 'Only repositories (and db/) speak SQL.' }] }],
    },
  },
);
