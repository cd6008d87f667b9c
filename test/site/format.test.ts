import { describe, expect, it } from 'vitest';
import { formatCount, formatDate, formatDays, formatMonth, formatNumber, formatPercent, monthEnd, monthStart } from '../../src/components/format.ts';

describe('formatting for people', () => {
  it('writes numbers with thousands separators and null as a dash', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(0)).toBe('0');
    expect(formatCount(null)).toBe('—');
    expect(formatNumber(4.25)).toBe('4.3');
    expect(formatNumber(-1.5)).toBe('-1.5');
    expect(formatNumber(null)).toBe('—');
  });

  it('writes ratios as whole percentages', () => {
    expect(formatPercent(0.8333)).toBe('83%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(null)).toBe('—');
  });

  it('reads months and dates', () => {
    expect(formatMonth('2026-03')).toBe('Mar 2026');
    expect(formatMonth('2025-12')).toBe('Dec 2025');
    expect(monthStart('2026-03').toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(monthEnd('2025-12').toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(() => formatMonth('2026-13')).toThrow(/not a month/);
    expect(() => formatMonth('March')).toThrow(/not a month/);
    expect(formatDate('2026-03-31T22:00:00Z')).toBe('2026-03-31');
    expect(formatDate(null)).toBe('—');
  });
});

describe('formatDays', () => {
  it('counts days with the right noun, keeping the sign and one decimal', () => {
    expect([1, -1, 0, -3, 2.5, 12.345].map(formatDays)).toEqual(['1 day', '-1 day', '0 days', '-3 days', '2.5 days', '12.3 days']);
    expect(formatDays(null)).toBe('—');
  });
});
