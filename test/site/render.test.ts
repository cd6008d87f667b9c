import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { renderChart } from '../../src/components/charts/render.ts';

const HOSTILE = '<script>alert(1)</script> "><img src=x onerror=alert(1)>';
const data = [
  { x: 1, y: 2, name: HOSTILE },
  { x: 2, y: 3, name: 'plain' },
];

function parse(svg: string) {
  return parseHTML(`<!doctype html><html><body>${svg}</body></html>`).document;
}

describe('renderChart', () => {
  it('makes an accessible SVG without styles that the CSP would block', () => {
    const svg = renderChart(
      { x: { label: 'Month' }, y: { label: 'Releases' }, marks: [Plot.dot(data, { x: 'x', y: 'y', title: 'name' })] },
      { id: 'c', label: 'Releases', description: 'Two dots.' },
    );
    const doc = parse(svg);
    const root = doc.querySelector('svg')!;
    expect(root.getAttribute('role')).toBe('img');
    expect(root.getAttribute('aria-label')).toBe('Releases');
    expect(root.getAttribute('class')).toBe('chart-svg');
    expect(root.querySelector('desc')?.textContent).toBe('Two dots.');
    expect(doc.querySelectorAll('style, [style]').length).toBe(0);
    expect(root.querySelectorAll('title').length).toBe(2);
    expect(svg).toContain('Month');
    expect(svg).toContain('Releases');
  });

  it('keeps hostile text as text in titles, labels and descriptions', () => {
    const svg = renderChart(
      { x: { label: HOSTILE }, marks: [Plot.dot(data, { x: 'x', y: 'y', title: 'name' })] },
      { id: 'c', label: HOSTILE, description: HOSTILE },
    );
    // `<` may stay raw inside a quoted attribute value (harmless there); `"` may not, nor may any
    // `<` outside attribute values.
    const outsideAttributes = svg.replace(/="[^"]*"/g, '=""');
    expect(outsideAttributes).not.toContain('<script');
    expect(outsideAttributes).not.toContain('<img');
    const doc = parse(svg);
    expect(doc.querySelectorAll('script, img').length).toBe(0);
    const root = doc.querySelector('svg')!;
    expect(root.getAttribute('aria-label')).toBe(HOSTILE);
    expect(root.querySelector('desc')?.textContent).toBe(HOSTILE);
    expect(root.querySelector('title')?.textContent).toBe(HOSTILE);
    expect([...root.querySelectorAll('text')].some((t) => t.textContent?.startsWith(HOSTILE))).toBe(true);
  });

  it('gives the same bytes for the same chart, whatever was rendered before', () => {
    // Markers and clip paths get ids from counters inside Plot.
    const options = { marks: [Plot.lineY(data, { x: 'x', y: 'y', marker: 'circle', clip: true })] };
    const text = { id: 'line', label: 'Line', description: 'A line.' };
    const first = renderChart(options, text);
    renderChart(options, { ...text, id: 'other' });
    const again = renderChart(options, text);
    expect(again).toBe(first);
    const doc = parse(first);
    const ids = [...doc.querySelectorAll('[id]')].map((el) => el.getAttribute('id'));
    expect(ids).toEqual(['line-1', 'line-2']);
    expect(first).toContain('clip-path="url(#line-1)"');
    expect(first).toContain('marker-start="url(#line-2)"');
    expect(first).not.toMatch(/plot-(clip|marker)-/);
  });

  it('refuses options that make Plot wrap the SVG in a figure', () => {
    expect(() =>
      renderChart({ color: { legend: true }, marks: [Plot.dot(data, { x: 'x', y: 'y', fill: 'name' })] }, { id: 'l', label: 'L', description: 'd' }),
    ).toThrow(/chart l: Plot made a <figure>/);
  });
});
