// The benches' options arrive as strings (node:util parseArgs); a bad one stops the bench with its name.

/** An integer of at least `min` (1 unless given), or an error that names the option. */
export function intOption(name: string, raw: string | undefined, min = 1): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) {
    const what =
      min === 1 ? 'a positive integer' : min === 0 ? 'a non-negative integer' : `an integer >= ${min}`;
    throw new Error(`--${name} must be ${what}, got ${raw}`);
  }
  return n;
}

/** A number above zero (a duration, a scale), or an error that names the option. */
export function positiveOption(name: string, raw: string | undefined): number {
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, got ${raw}`);
  return n;
}
