// What a slip moves: the impact table (each release with releases downstream, and how far each of
// them moves if it slips 7, 14 or 30 days) and the data of the page's what-if control.
import type { DependenciesPage, ReleaseRef } from '../report/model-releases.ts';
import { rel } from './links.ts';
import { releasePath } from './releases-table.ts';
import { countCell, linkCell, type Cell, type Column } from './table.ts';

export const SLIPS = [7, 14, 30] as const;

/** Finish-to-start: a slip of `days` moves a release `pathSlack` days downstream by what the slack does not absorb. */
export function moveOf(days: number, pathSlack: number): number {
  return Math.max(0, days - pathSlack);
}

export const IMPACT_COLUMNS: Column[] = [
  { label: 'Release' },
  { label: 'Slack (days)', kind: 'number' },
  { label: 'Downstream release' },
  { label: 'Path slack (days)', kind: 'number' },
  ...SLIPS.map((d): Column => ({ label: `Moves if ${d} days late`, kind: 'number' })),
];

/** A row per release and release downstream, the least path slack first: what moves most when it slips, and what a long table shows. */
export function impactRows(impact: DependenciesPage['impact'], page: string, label: (r: ReleaseRef) => string): Cell[][] {
  const link = (r: ReleaseRef) => linkCell(label(r), rel(page, releasePath(r.slug)));
  return impact
    .flatMap((i) => i.downstream.map((d) => ({ i, d })))
    .sort((a, b) => a.d.pathSlack - b.d.pathSlack)
    .map(({ i, d }) => [link(i.release), countCell(i.slackDays), link(d.release), countCell(d.pathSlack), ...SLIPS.map((s) => countCell(moveOf(s, d.pathSlack)))]);
}

/** One entry per release the control offers, in the order of its options. */
export interface WhatIfRelease {
  name: string;
  downstream: Array<{ name: string; href: string; pathSlack: number }>;
}

/** By name, the order a reader looks for a release in a list. */
export function whatIfReleases(impact: DependenciesPage['impact'], page: string, label: (r: ReleaseRef) => string): WhatIfRelease[] {
  return impact
    .map((i) => ({
      name: label(i.release),
      downstream: i.downstream.map((d) => ({ name: label(d.release), href: rel(page, releasePath(d.release.slug)), pathSlack: d.pathSlack })),
    }))
    .sort((a, b) => byName.compare(a.name, b.name));
}

const byName = new Intl.Collator('en', { numeric: true });

/**
 * JSON for a `<script type="application/json">` data block. `<` is written as `\u003c` so no release
 * name can close the element (`</script>`) or open a comment; JSON.parse reads it back unchanged.
 */
export function dataBlock(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}
