// Reading values out of REST API responses, which nest fields in objects and may hold anything
// where a field was misconfigured: every reader returns undefined (or []) rather than throwing.

export type Json = Record<string, unknown>;

export function obj(v: unknown): Json | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
}

export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** A scalar as text; objects and arrays are not text (the mapper then reports the field as missing or wrong). */
export function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** A JSON pointer (RFC 6901) from its path segments. */
export function pointer(...segments: Array<string | number>): string {
  return segments.map((s) => `/${String(s).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

/** Items of a JSON document that is either a bare array or a paginated `{<key>: […]}` object. */
export function listIn(json: unknown, key: string): { items: unknown[]; base: string[] } | null {
  if (Array.isArray(json)) return { items: json, base: [] };
  const o = obj(json);
  return o && Array.isArray(o[key]) ? { items: o[key] as unknown[], base: [key] } : null;
}
