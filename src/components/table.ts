// Cells for DataTable: the text people read and the value the sort script orders by.
import type { CellBar } from './cell-bar.ts';
import type { Rag } from '../metrics/status.ts';
import { formatCount, formatDate, formatPercent, MISSING } from './format.ts';

/**
 * The most rows a table shows. Pages give rows in a meaningful order (newest or worst first), so the
 * first ones are what a reader looks for; the CSV download keeps every row, and at enterprise scale a
 * page listing thousands would weigh hundreds of kilobytes (budget: 60 kB gzipped per page).
 */
export const TABLE_ROW_CAP = 150;

/** The rows a table shows: the first `cap`. */
export const shownRows = <T>(rows: readonly T[], cap = TABLE_ROW_CAP): T[] => rows.slice(0, cap);

/** The note under a cut table's caption; null when every row shows. */
export function capNote(total: number, cap = TABLE_ROW_CAP): string | null {
  return total > cap ? `Showing the first ${formatCount(cap)} of ${formatCount(total)} rows; the CSV download has all ${formatCount(total)}.` : null;
}

export interface Column {
  label: string;
  /** `number`: right-aligned, sorted as a number; `date`: kept on one line. */
  kind?: 'number' | 'date';
}

export interface Cell {
  text: string;
  /** What the sort script orders by when it differs from the text; null sorts last. */
  sort?: string | number | null;
  /** Makes the text a link (a relative URL, see links.ts). */
  href?: string;
  /** A small bar under the text (CellBar.astro). */
  bar?: CellBar;
  /** A second line under the text, in smaller type: where a row came from, a tier. */
  note?: string;
  /** The cell's element id, for links to its row (`page#id`). */
  id?: string;
  /** A consolidated status shown as a coloured dot before the text (site.css `.rag`). */
  rag?: Rag;
  /** Several items, each a link where it has an `href`, shown comma-separated instead of `text` (which joins them). */
  list?: ListItem[];
}

export interface ListItem {
  text: string;
  href?: string;
}

export function textCell(value: string | null): Cell {
  return value === null ? { text: MISSING, sort: null } : { text: value };
}

/** The text as a link to `href`; plain text without one, and a plain dash without a text. */
export function linkCell(value: string | null, href: string | undefined): Cell {
  return value === null || href === undefined ? textCell(value) : { text: value, href };
}

/** The items comma-separated, each linking where it has an `href`; a dash when there are none. */
export function listCell(items: readonly ListItem[]): Cell {
  return items.length === 0 ? textCell(null) : { text: items.map((i) => i.text).join(', '), list: [...items] };
}

export function countCell(n: number | null): Cell {
  return { text: formatCount(n), sort: n };
}

export function percentCell(ratio: number | null): Cell {
  return { text: formatPercent(ratio), sort: ratio };
}

export function dateCell(iso: string | null): Cell {
  return { text: formatDate(iso), sort: iso };
}

/** The `data-sort` attribute of a cell: absent when the text sorts right, `''` (last) for null. */
export function sortAttribute(cell: Cell): string | undefined {
  if (cell.sort === undefined) return undefined;
  return cell.sort === null ? '' : String(cell.sort);
}

const RAG_ORDER: Record<Rag, number> = { red: 0, amber: 1, green: 2 };

/** A status cell: the colour word with its dot, the reason under it; sorts red first. Unrated: the `unrated` text. */
export function statusCell(status: { status: Rag; reason: string } | null, unrated = MISSING, withReason = true): Cell {
  if (status === null) return { text: unrated, sort: null };
  const reason = reasonWords(status.reason);
  return { text: status.status, rag: status.status, sort: RAG_ORDER[status.status], ...(withReason && reason ? { note: reason } : {}) };
}

/** A status reason without its leading colour word ("amber: 2 open blockers" → "2 open blockers"), for where the colour shows already. */
export const reasonWords = (reason: string): string => reason.replace(/^(green|amber|red)(: |$)/, '');

/** The first `most` signals of a status in words, and how many more there are: for places too small for the whole reason. */
export function shortReason(status: { reason: string; signals: ReadonlyArray<{ text: string }> }, most = 2): string {
  if (status.signals.length === 0) return reasonWords(status.reason);
  const rest = status.signals.length - most;
  return status.signals.slice(0, most).map((s) => s.text).join('; ') + (rest > 0 ? `; and ${rest} more` : '');
}
