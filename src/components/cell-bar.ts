// A small bar inside a table cell (CellBar.astro): the cell's text and columns say the numbers, the
// bar shows them at a glance. Shares are of the cell's whole, 0 to 1.
export interface CellBar {
  /** Drawn left to right, one after the other; the class sets the colour (site.css). */
  parts: Array<{ share: number; className: string }>;
  /** A thin rule across the bar, e.g. what the plan expects by today. */
  marker?: number;
}

/** The parts laid out in percent of the bar's width, clamped so that they never overflow it; empty parts left out. */
export function barLayout(bar: CellBar): Array<{ x: number; width: number; className: string }> {
  let x = 0;
  const parts: Array<{ x: number; width: number; className: string }> = [];
  for (const p of bar.parts) {
    const width = Math.max(0, Math.min(100 - x, p.share * 100));
    if (width > 0) parts.push({ x: round(x), width: round(width), className: p.className });
    x += width;
  }
  return parts;
}

export const markerX = (share: number) => round(Math.max(0, Math.min(100, share * 100)));

const round = (n: number) => Math.round(n * 100) / 100;
