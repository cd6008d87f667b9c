// Where things go when no option says otherwise (CONTRACT.md).
export const DEFAULTS = { exports: 'data/exports', db: 'data/almanac.duckdb', out: 'dist' } as const;
