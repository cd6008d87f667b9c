// Observable Plot rendered to SVG markup at build time, made safe for the site's strict CSP and
// deterministic: the same options give the same bytes.
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';

// One small DOM for every chart of the build: creating a document costs more than a chart.
const { document } = parseHTML('<!doctype html><html><head></head><body></body></html>');

export interface ChartText {
  /** A stable id, unique on the page: prefixes the SVG's own element ids. */
  id: string;
  /** The accessible name (usually the visible title). */
  label: string;
  /** A short text summary of what the chart shows, for screen readers. */
  description: string;
}

/** A chart ready for `Chart.astro`. */
export interface RenderedChart {
  id: string;
  title: string;
  /** The one-line plain-language reading shown under the title. */
  reading: string;
  /** Series drawn with a CSS class (`fill-1`…), for the HTML legend; empty when there is one series. */
  legend: Array<{ label: string; className: string }>;
  svg: string;
  /** What the chart draws, a row per bar, point or span, for its "Download data (CSV)" link (csv.ts). */
  data?: ChartData;
}

/** A chart's rows as a table: values in the model's units (ratios as 0.25, dates as `YYYY-MM-DD`), null when unknown. */
export interface ChartData {
  columns: string[];
  rows: Array<Array<string | number | null>>;
}

/**
 * Renders Plot options to an `<svg>` string (class `chart-svg`), never a `<figure>`: the page wraps it
 * with its visible title. It is one image to assistive technology (`role="img"`, the label, a `<desc>`).
 * Plot's `<style>` element and `style` attributes are removed (the CSP forbids them; `site.css` has
 * the same rules), and its counter-based ids (markers, clip paths, patterns) are renamed after the
 * chart so they don't depend on what was rendered before.
 */
export function renderChart(options: Omit<Plot.PlotOptions, 'document'>, text: ChartText): string {
  const rendered = Plot.plot({ ...options, document: document as unknown as Document });
  if (rendered.tagName.toLowerCase() !== 'svg') {
    throw new Error(`chart ${text.id}: Plot made a <${rendered.tagName.toLowerCase()}> (a legend, title or caption option?); pages add those around the SVG`);
  }
  const svg = rendered as SVGSVGElement;
  for (const style of svg.querySelectorAll('style')) style.remove();
  for (const el of svg.querySelectorAll('[style]')) el.removeAttribute('style');
  svg.removeAttribute('style');
  // Plot names its groups ("rule", "line") with aria-label; inside an image they are never read, and
  // on a group without a role the attribute is invalid ARIA.
  for (const el of svg.querySelectorAll('[aria-label]')) el.removeAttribute('aria-label');
  renameIds(svg, text.id);
  svg.removeAttribute('aria-description');
  svg.setAttribute('class', 'chart-svg');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', text.label);
  const desc = document.createElementNS('http://www.w3.org/2000/svg', 'desc');
  desc.textContent = text.description;
  svg.insertBefore(desc, svg.firstChild);
  return svg.outerHTML;
}

const REFERENCING = ['clip-path', 'mask', 'fill', 'stroke', 'marker-start', 'marker-mid', 'marker-end', 'filter', 'href', 'xlink:href'];

function renameIds(svg: SVGSVGElement, prefix: string): void {
  const renamed = new Map<string, string>();
  for (const el of svg.querySelectorAll('[id]')) {
    const next = `${prefix}-${renamed.size + 1}`;
    renamed.set(el.getAttribute('id')!, next);
    el.setAttribute('id', next);
  }
  if (renamed.size === 0) return;
  for (const el of svg.querySelectorAll('*')) {
    for (const name of REFERENCING) {
      const value = el.getAttribute(name);
      if (value === null) continue;
      const updated = value.replace(/url\(#([^)]+)\)|^#(.+)$/g, (whole, inUrl?: string, inHref?: string) => {
        const to = renamed.get((inUrl ?? inHref)!);
        return to === undefined ? whole : inUrl !== undefined ? `url(#${to})` : `#${to}`;
      });
      if (updated !== value) el.setAttribute(name, updated);
    }
  }
}
