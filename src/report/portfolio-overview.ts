// The portfolio overview, the entry page: the status grid (portfolio → program → project), the
// portfolio timeline (each project's releases against plan, with forecasts and freezes) and counts.
import type { Status } from '../metrics/status.ts';
import type { GroupStatusRow, PortfolioOverview, ProjectStatusRow, ReleaseStatusRow, StatusChanges, StatusGridPortfolio } from './model-portfolio.ts';

export interface OverviewInputs {
  asOf: string;
  projectRows: readonly ProjectStatusRow[];
  portfolioRows: readonly GroupStatusRow[];
  programRows: readonly GroupStatusRow[];
  releaseRows: readonly ReleaseStatusRow[];
  all: Status;
  freezes: ReadonlyArray<{ name: string; start: string; end: string }>;
  changes: StatusChanges;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** Named groups by name, the unnamed one (null) last. */
const byName = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : byText(a, b));

export function overviewParts(input: OverviewInputs): PortfolioOverview {
  const portfolioStatus = new Map(input.portfolioRows.map((g) => [g.group.id, g]));
  const programStatus = new Map(input.programRows.map((g) => [g.group.id, g]));
  const portfolios = [...new Set(input.projectRows.map((p) => p.portfolio?.id ?? null))].sort(byName);
  const grid: StatusGridPortfolio[] = portfolios.map((pf) => {
    const members = input.projectRows.filter((p) => (p.portfolio?.id ?? null) === pf);
    const programs = [...new Set(members.map((p) => p.program?.id ?? null))].sort(byName);
    const g = pf === null ? null : portfolioStatus.get(pf)!;
    return {
      portfolio: g?.group ?? null,
      status: g?.status ?? null,
      programs: programs.map((pg) => {
        const row = pg === null ? null : programStatus.get(pg)!;
        return {
          program: row?.group ?? null,
          status: row?.status ?? null,
          projects: members.filter((p) => (p.program?.id ?? null) === pg).sort((a, b) => byText(a.project.name, b.project.name) || byText(a.project.id, b.project.id)),
        };
      }),
    };
  });

  const ordered = grid.flatMap((g) => g.programs.flatMap((p) => p.projects));
  const rows = ordered
    .map((p) => ({
      project: p.project,
      status: p.status,
      releases: input.releaseRows
        .filter((r) => r.project?.id === p.project.id)
        .sort((a, b) => byText(a.plannedRelease ?? a.actualRelease ?? '~', b.plannedRelease ?? b.actualRelease ?? '~') || byText(a.release.id, b.release.id))
        .map((r) => ({
          release: r.release, state: r.state, status: r.status?.status ?? null,
          plannedStart: r.plannedStart, plannedRelease: r.plannedRelease, actualRelease: r.actualRelease, forecastP85: r.forecastP85,
        })),
    }))
    .filter((r) => r.releases.length);
  const dates = rows.flatMap((r) => r.releases.flatMap((x) => [x.plannedStart, x.plannedRelease, x.actualRelease, x.forecastP85])).filter((d): d is string => d !== null).sort();
  const count = (s: string) => input.releaseRows.filter((r) => r.status?.status === s).length;
  return {
    overall: input.all,
    grid,
    portfolios: [...input.portfolioRows],
    programs: [...input.programRows],
    timeline: {
      from: dates[0] ?? input.asOf,
      to: dates[dates.length - 1] ?? input.asOf,
      freezes: input.freezes.map((f) => ({ name: f.name, start: f.start, end: f.end })),
      rows,
    },
    changes: input.changes,
    releaseCounts: {
      red: count('red'), amber: count('amber'), green: count('green'),
      released: input.releaseRows.filter((r) => r.state === 'released').length,
      cancelled: input.releaseRows.filter((r) => r.state === 'cancelled').length,
    },
  };
}
