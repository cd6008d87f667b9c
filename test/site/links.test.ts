import { describe, expect, it } from 'vitest';
import { rel } from '../../src/components/links.ts';

describe('rel', () => {
  it('links pages to their index.html, relative to the linking page', () => {
    expect(rel('', '')).toBe('index.html');
    expect(rel('', 'data/')).toBe('data/index.html');
    expect(rel('data/', '')).toBe('../index.html');
    expect(rel('data/', 'data/')).toBe('index.html');
    expect(rel('projects/pay/', 'projects/')).toBe('../index.html');
    expect(rel('projects/pay/', 'monthly/2026-03/')).toBe('../../monthly/2026-03/index.html');
  });

  it('links files as they are', () => {
    expect(rel('', 'assets/site.css')).toBe('assets/site.css');
    expect(rel('data/', 'assets/site.css')).toBe('../assets/site.css');
    expect(rel('data/', 'data/metrics.csv')).toBe('metrics.csv');
    expect(rel('projects/pay/', 'projects/pay/chart.csv')).toBe('chart.csv');
    expect(rel('projects/pay/', 'projects/other.csv')).toBe('../other.csv');
  });

  it('refuses what is not a site-relative path', () => {
    expect(() => rel('data', 'assets/site.css')).toThrow(/trailing slash/);
    expect(() => rel('', '/assets/site.css')).toThrow(/site-relative/);
    expect(() => rel('', 'https://example.com/x.css')).toThrow(/site-relative/);
    expect(() => rel('', '../x.css')).toThrow(/site-relative/);
  });
});
