// Where the changes and delivery pages put the row of a change or an incident, and the links to them.
// An anchor is the model's slug behind a prefix per kind: change and incident numbers are separate
// namespaces (a canonical CSV may number both from 1), and a bare slug could also take an id the page
// itself uses ("main", "calendar"). Only rows a page shows get an anchor (the model caps its lists, and
// a table shows its first TABLE_ROW_CAP rows), so a link is offered only to those.
import type { ChangeRef, IncidentRef } from '../report/model-changes.ts';
import type { ReportModel } from '../report/model.ts';
import { rel } from './links.ts';
import { shownRows } from './table.ts';

export const CHANGES_PAGE = 'changes/';
export const DELIVERY_PAGE = 'delivery/';
/** The stylesheet only these two pages load. */
export const OPERATIONS_CSS = 'assets/operations.css';

export const changeAnchor = (c: ChangeRef): string => `change-${c.slug}`;
export const incidentAnchor = (i: IncidentRef): string => `incident-${i.slug}`;

/** Links from `page` to the rows of changes and incidents, undefined for a row not listed. */
export interface RowLinks {
  /** The change's row in the changes page's table of changes. */
  change(c: ChangeRef): string | undefined;
  /** The same, for a change known by its number only (a release page's changes). */
  changeNumber(number: string): string | undefined;
  /** The incident's row in the changes page's incidents caused by changes. */
  causedIncident(i: IncidentRef): string | undefined;
  /** The incident's attribution on the delivery page. */
  attribution(i: IncidentRef): string | undefined;
}

/** The order the two pages list changes and incidents in: the model holds them oldest first. */
export const newestFirst = <T>(rows: readonly T[]): T[] => [...rows].reverse();

/** The rows of such a list that its table shows, and so the ones with an anchor. */
const shown = <T>(rows: readonly T[]): T[] => shownRows(newestFirst(rows));

function anchorHref(from: string, to: string, anchor: string): string {
  return from === to ? `#${anchor}` : `${rel(from, to)}#${anchor}`;
}

export function rowLinks(page: string, model: Pick<ReportModel, 'changes' | 'delivery'>): RowLinks {
  const listed = shown(model.changes.rows);
  const changes = new Set(listed.map((c) => c.slug));
  const byNumber = new Map(listed.map((c) => [c.number, c]));
  const caused = new Set(shown(model.changes.causedIncidents).map((i) => i.slug));
  const attributed = new Set(shown(model.delivery.attributions).map((a) => a.incident.slug));
  return {
    change: (c) => (changes.has(c.slug) ? anchorHref(page, CHANGES_PAGE, changeAnchor(c)) : undefined),
    changeNumber: (number) => {
      const c = byNumber.get(number);
      return c ? anchorHref(page, CHANGES_PAGE, changeAnchor(c)) : undefined;
    },
    causedIncident: (i) => (caused.has(i.slug) ? anchorHref(page, CHANGES_PAGE, incidentAnchor(i)) : undefined),
    attribution: (i) => (attributed.has(i.slug) ? anchorHref(page, DELIVERY_PAGE, incidentAnchor(i)) : undefined),
  };
}
