// The overview's projects table: one row per project.
import type { ProjectSummary } from '../report/model.ts';
import { countCell, dateCell, linkCell, percentCell, textCell, type Cell, type Column } from './table.ts';

export const PROJECT_COLUMNS: Column[] = [
  { label: 'Project' },
  { label: 'Portfolio' },
  { label: 'Program' },
  { label: 'Releases', kind: 'number' },
  { label: 'Released', kind: 'number' },
  { label: 'On time', kind: 'number' },
  { label: 'Next release' },
  { label: 'Planned for', kind: 'date' },
  { label: 'Open work items', kind: 'number' },
  { label: 'Work items', kind: 'number' },
];

type Href = (id: string) => string | undefined;

/** `releaseHref` links a next release to its page, `projectHref` the project to its own, when they have one. */
export function projectRows(projects: ProjectSummary[], releaseHref: Href = () => undefined, projectHref: Href = () => undefined): Cell[][] {
  return projects.map((p) => [
    linkCell(p.name, projectHref(p.id)),
    textCell(p.portfolio),
    textCell(p.program),
    countCell(p.releases),
    countCell(p.released),
    percentCell(p.onTimeRate),
    linkCell(p.nextRelease?.name ?? null, p.nextRelease ? releaseHref(p.nextRelease.id) : undefined),
    dateCell(p.nextRelease?.planned ?? null),
    countCell(p.openWorkItems),
    countCell(p.workItems),
  ]);
}
