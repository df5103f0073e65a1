import { z } from 'zod';

// The page's one door to zod: every schema module imports `z` from here, so this runs before any
// schema is built, whatever chunk the bundler puts it in. zod 4 compiles object parsers with
// `new Function` and probes for it when a schema is made; under the page's Content-Security-Policy
// (no 'unsafe-eval', see server/security.ts) that probe is a reported violation. Jitless mode skips
// both: the page's schemas parse a few messages a second, where compiled parsers gain nothing.
z.config({ jitless: true });

export { z };
