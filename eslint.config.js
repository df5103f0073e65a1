import js from '@eslint/js';
import importPlugin from 'eslint-plugin-import';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const features = [
  'incidents',
  'cameras',
  'lights',
  'kpis',
  'map',
  'wall',
  'wards',
  'alarms',
  'briefing',
  'systems',
  'freshness',
];

/**
 * The architecture as rules (DESIGN.md): features meet in src/app, or through another feature's public
 * file (index.ts: its selectors and actions); features see the stream only as the actions src/realtime
 * dispatches; src/shared depends on nothing above it; the SPA never reaches into the server or, outside
 * its tests, the mocks. Tests may drive a feature through the real pipeline and the mocks' scenarios.
 */
function architecture({ tests }) {
  return [
    ...features.flatMap((f) =>
      features
        .filter((other) => other !== f)
        .map((other) => ({
          target: `./src/features/${f}`,
          from: `./src/features/${other}`,
          except: ['./index.ts'],
          message:
            "Features meet in src/app, or through another feature's public index.ts (selectors and actions).",
        })),
    ),
    ...(tests
      ? []
      : [
          {
            target: './src/features',
            from: './src/realtime',
            except: ['./streamActions.ts'],
            message:
              'Features see the stream as its actions (src/realtime/streamActions.ts), the rest through src/app.',
          },
          { target: './src', from: './mocks', message: 'The SPA never imports the mocks.' },
        ]),
    { target: './src', from: './server', message: 'The SPA never imports the server.' },
    {
      target: './src/shared',
      from: ['./src/features', './src/app', './src/realtime'],
      message: 'src/shared depends on nothing above it.',
    },
  ];
}

// The page builds its schemas with the `z` of src/shared/zod.ts, which sets zod up for the page's CSP first.
const ZOD_DOOR = {
  name: 'zod',
  message: 'Import z from src/shared/zod.ts: it configures zod before any schema is built.',
};

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'bench-results', 'public'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks, import: importPlugin },
    settings: {
      'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.json'] } },
      'import/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      // Cycles are ours to find: the dependencies' bundles are not parsed for them.
      'import/ignore': ['node_modules'],
    },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'import/no-cycle': ['error', { ignoreExternal: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import/no-restricted-paths': ['error', { zones: architecture({ tests: false }) }],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'react-redux',
              importNames: ['useDispatch', 'useSelector'],
              message: 'Use the typed hooks from src/app/hooks.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/realtime/**', 'src/shared/zod.ts', '**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'socket.io-client', message: 'Only src/realtime talks socket.io.' },
            ZOD_DOOR,
            {
              name: 'react-redux',
              importNames: ['useDispatch', 'useSelector'],
              message: 'Use the typed hooks from src/app/hooks.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/realtime/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ZOD_DOOR,
            {
              name: 'react-redux',
              importNames: ['useDispatch', 'useSelector'],
              message: 'Use the typed hooks from src/app/hooks.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.test.{ts,tsx}'],
    rules: { 'import/no-restricted-paths': ['error', { zones: architecture({ tests: true }) }] },
  },
);
