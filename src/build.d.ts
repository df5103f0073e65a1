/** This build's id, set by vite.config.ts ('dev' under `npm run dev` and in tests). */
declare const __BUILD_ID__: string;
