/**
 * Readers of numeric environment settings that note what is wrong instead of throwing, so that every
 * bad setting is reported at once (server/env.ts, server/limits.ts). Unset or blank reads as undefined.
 */
export function envNumbers(env: NodeJS.ProcessEnv, errors: string[]) {
  const read = (name: string, min: number, max: number, integer: boolean): number | undefined => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') return undefined;
    const value = Number(raw);
    const ok = integer ? Number.isInteger(value) : Number.isFinite(value);
    if (!ok || value < min || value > max) {
      errors.push(`${name}=${raw}: expected ${integer ? 'an integer' : 'a number'} from ${min} to ${max}`);
      return undefined;
    }
    return value;
  };
  return {
    int: (name: string, min: number, max: number) => read(name, min, max, true),
    num: (name: string, min: number, max: number) => read(name, min, max, false),
  };
}
