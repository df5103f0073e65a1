import { z } from 'zod';

// Imported first by main.tsx, before any schema runs. zod 4 compiles object parsers with
// `new Function` and probes for it on first use; under the page's Content-Security-Policy (no
// 'unsafe-eval', see server/security.ts) that probe is a reported violation. Jitless mode skips
// both: the page's schemas parse a few messages a second, where the compiled parsers gain nothing.
z.config({ jitless: true });
