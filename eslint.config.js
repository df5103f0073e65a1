import js from '@eslint/js';
import importPlugin from 'eslint-plugin-import';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const features = ['incidents', 'cameras', 'lights', 'kpis', 'map', 'wall', 'tour', 'alarms'];

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'bench-results', 'public'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks, import: importPlugin },
    settings: { 'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.json'] } } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // The architecture as rules (DESIGN.md): features meet only in src/app and through the store's
      // public selectors; only src/realtime talks socket.io; the SPA never reaches into mocks/.
      'import/no-restricted-paths': [
        'error',
        {
          zones: [
            ...features.flatMap((f) =>
              features
                .filter((other) => other !== f)
                .map((other) => ({
                  target: `./src/features/${f}`,
                  from: `./src/features/${other}`,
                  // A feature's slice file is its public face: its selectors may be read elsewhere.
                  except: [`./${other}Slice.ts`],
                  message:
                    "Features meet in src/app or through the store: import only another feature's *Slice.ts.",
                })),
            ),
            // Tests beside the code may stand the city up from mocks/ (scenarios, MSW); the SPA never does.
            {
              target: './src/**/!(*.test).{ts,tsx}',
              from: './mocks',
              message: 'The SPA never imports the mocks.',
            },
            { target: './src', from: './server', message: 'The SPA never imports the server.' },
            {
              target: './src/shared',
              from: ['./src/features', './src/app', './src/realtime'],
              message: 'src/shared depends on nothing above it.',
            },
          ],
        },
      ],
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
    ignores: ['src/realtime/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'socket.io-client', message: 'Only src/realtime talks socket.io.' },
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
);
