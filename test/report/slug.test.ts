import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { slugs } from '../../src/report/slug.ts';

/** The slug rule written out step by step, the oracle for slugs(). */
function rule(id: string): string {
  const s = id.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9.]+/g, '-').replace(/^[-.]+|[-.]+$/g, '').replace(/\.{2,}/g, '.');
  return s.slice(0, 80) || 'x';
}

describe('slugs', () => {
  it('gives hand-checked slugs', () => {
    const s = slugs(['CHG0001234', 'PAY:3.1.0', 'pay-3.1.0', 'Café déjà', '--a..b--', '???']);
    expect(s.get('CHG0001234')).toBe('chg0001234');
    expect(s.get('Café déjà')).toBe('cafe-deja');
    expect(s.get('--a..b--')).toBe('a.b');
    expect(s.get('???')).toBe('x');
    // PAY:3.1.0 and pay-3.1.0 share a base: each gets its id's hash.
    expect(s.get('PAY:3.1.0')).toMatch(/^pay-3\.1\.0-[0-9a-f]{8}$/);
    expect(s.get('pay-3.1.0')).toMatch(/^pay-3\.1\.0-[0-9a-f]{8}$/);
    expect(s.get('PAY:3.1.0')).not.toBe(s.get('pay-3.1.0'));
  });

  it('follows the rule for any id', () => {
    const id = fc.oneof(
      fc.stringMatching(/^[A-Za-z0-9.\-]{1,90}$/),
      fc.string({ unit: fc.constantFrom('a', 'Z', '7', '-', '.', ':', ' ', 'é', '_'), maxLength: 90 }),
    );
    fc.assert(fc.property(id, (x) => {
      expect(slugs([x]).get(x)).toBe(rule(x));
    }));
  });
});
