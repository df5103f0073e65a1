import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The id of the SPA build this hub serves, from dist/version.json (written by vite.config.ts), or null
 * when it serves none or the file is missing or malformed. Read again when the file changes: a
 * `npm run build` under a running hub changes what the walls load on their next reload, so it is
 * the build they must compare themselves with.
 */
export class BuildVersion {
  private cached: { mtimeMs: number; build: string | null } | null = null;

  constructor(private readonly staticDir: string | false) {}

  get build(): string | null {
    if (!this.staticDir) return null;
    const file = join(this.staticDir, 'version.json');
    let mtimeMs: number;
    try {
      mtimeMs = statSync(file).mtimeMs;
    } catch {
      return null;
    }
    if (this.cached?.mtimeMs !== mtimeMs) this.cached = { mtimeMs, build: parseBuild(file) };
    return this.cached.build;
  }
}

function parseBuild(file: string): string | null {
  try {
    const build = (JSON.parse(readFileSync(file, 'utf8')) as { build?: unknown }).build;
    return typeof build === 'string' && build.length > 0 && build.length <= 100 ? build : null;
  } catch {
    return null;
  }
}
