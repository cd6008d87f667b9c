// Page URLs for ids: lower-case ASCII letters, digits, dots and dashes — safe on every file system
// (a release id like `PAY:3.1.0` has a colon, which Windows file shares refuse). Stable for an id; when
// two ids would share a slug, each gets a short hash of its id, so adding a release never renames another.
import crypto from 'node:crypto';

function base(id: string): string {
  const s = id
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .replace(/\.{2,}/g, '.');
  return s.slice(0, 80) || 'x';
}

const hash = (id: string) => crypto.createHash('sha256').update(id).digest('hex').slice(0, 8);

/** Slugs for `ids`, unique among them. */
export function slugs(ids: Iterable<string>): Map<string, string> {
  const bases = new Map([...new Set(ids)].map((id) => [id, base(id)]));
  const counts = new Map<string, number>();
  for (const b of bases.values()) counts.set(b, (counts.get(b) ?? 0) + 1);
  return new Map([...bases].map(([id, b]) => [id, counts.get(b)! > 1 ? `${b}-${hash(id)}` : b]));
}
