// Option values shared by the commands.

export class UsageError extends Error {
  override name = 'UsageError';
}

/** `--as-of` and similar: a calendar date. */
export function dateOption(value: string | boolean | undefined, name: string): string | undefined {
  if (value === undefined || typeof value === 'boolean') return undefined;
  const d = new Date(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) {
    throw new UsageError(`--${name} ${JSON.stringify(value)}: expected a date YYYY-MM-DD`);
  }
  return value;
}

/** `--refreeze` and similar: a month `YYYY-MM`. */
export function monthOption(value: string | boolean | undefined, name: string): string | undefined {
  if (value === undefined || typeof value === 'boolean') return undefined;
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) throw new UsageError(`--${name} ${JSON.stringify(value)}: expected a month YYYY-MM`);
  return value;
}
