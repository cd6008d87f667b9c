// Grouping rows by scope: a row may belong to several scopes (a release to each of its systems).

/** Rows by key, keys sorted; null keys are skipped. */
export function groupBy<T>(rows: readonly T[], keys: (row: T) => readonly (string | null)[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const r of rows) {
    for (const k of keys(r)) {
      if (k === null) continue;
      const g = groups.get(k);
      if (g) g.push(r);
      else groups.set(k, [r]);
    }
  }
  return new Map([...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
