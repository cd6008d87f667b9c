// How pages name a release. Jira names a version only within its project ("3.1.0"), so where the
// name says nothing of its project, the project id goes first ("PAY 3.1.0"): lists and graphs that
// mix projects stay readable.
import type { ReleaseRef, ReleaseRow } from '../report/model-releases.ts';

type Named = Pick<ReleaseRow, 'name' | 'projectId' | 'projectName'>;

export function releaseLabel(r: Named): string {
  const { name, projectId, projectName } = r;
  if (projectId === null || name.includes(projectId) || (projectName !== null && name.includes(projectName))) return name;
  return `${projectId} ${name}`;
}

// Per list of rows: every release page asks, and there are thousands, each over all rows.
const labelled = new WeakMap<readonly ReleaseRow[], Map<string, string>>();

/** Labels for the releases that refs point at (the name itself for a release not in `rows`). */
export function releaseLabels(rows: readonly ReleaseRow[]): (ref: ReleaseRef) => string {
  let labels = labelled.get(rows);
  if (!labels) labelled.set(rows, (labels = new Map(rows.map((r) => [r.id, releaseLabel(r)]))));
  return (ref) => labels.get(ref.id) ?? ref.name;
}
