// The overview's timeline and the status tables of the overview, project and group pages, on small
// hand-made inputs.
import { describe, expect, it } from 'vitest';
import { portfolioTimeline, TIMELINE_PROJECTS } from '../../src/components/charts/portfolio-timeline.ts';
import { releaseStatusTable, riskTable, statusChangeRows } from '../../src/components/portfolio-tables.ts';
import { shortReason, statusCell } from '../../src/components/table.ts';
import type { ReleaseStatusRow, TimelineRow } from '../../src/report/model-portfolio.ts';
import { HOSTILE, svgOf, titles } from './helpers.ts';

const project = { id: 'PAY', slug: 'pay', name: 'Payments' };
const ref = (id: string) => ({ id, slug: id.toLowerCase(), name: id });
const release = (id: string, over: Partial<TimelineRow['releases'][number]> = {}): TimelineRow['releases'][number] => ({
  release: ref(id), state: 'in_progress', status: 'green', plannedStart: '2026-03-01', plannedRelease: '2026-04-10', actualRelease: null, forecastP85: '2026-04-08', ...over,
});
const amber = { status: 'amber' as const, reason: 'amber: 2 open blockers', signals: [{ severity: 'amber' as const, rule: 'blockers', text: '2 open blockers' }] };
const VIEW = { id: 'tl', title: (projects: string) => `Releases of ${projects}`, from: '2026-01-01', to: '2026-06-30' };

describe('portfolio timeline', () => {
  const rows: TimelineRow[] = [
    {
      project, status: amber,
      releases: [
        release('R1', { status: 'red', forecastP85: '2026-05-20' }),
        release('R2'),
        release('R0', { state: 'released', status: null, plannedStart: '2026-01-05', plannedRelease: '2026-02-01', actualRelease: '2026-02-03', forecastP85: null }),
        release('RX', { state: 'cancelled', status: null }),
        release('OLD', { state: 'released', status: null, plannedStart: '2025-01-01', plannedRelease: '2025-02-01', actualRelease: '2025-02-01', forecastP85: null }),
      ],
    },
    { project: { id: 'H', slug: 'h', name: HOSTILE }, status: amber, releases: [release('H1', { status: 'amber' })] },
  ];
  const chart = portfolioTimeline(rows, [{ name: 'Easter', firstDay: '2026-04-02', lastDay: '2026-04-06', scope: null }], '2026-03-31', VIEW);
  const svg = svgOf(chart.svg);

  it('colours open releases by status, shipped ones as released, and leaves out cancelled and out-of-view ones', () => {
    expect(titles(svg, 'tl-red')).toEqual(['R1 (Payments): planned 2026-03-01 → 2026-04-10; red, P85 forecast 2026-05-20']);
    expect(titles(svg, 'tl-green')).toEqual(['R2 (Payments): planned 2026-03-01 → 2026-04-10; green, P85 forecast 2026-04-08']);
    expect(titles(svg, 'tl-released')).toEqual(['R0 (Payments): planned 2026-01-05 → 2026-02-01; released 2026-02-03']);
    expect(chart.svg).not.toContain('RX');
    expect(chart.svg).not.toContain('OLD');
  });

  it('draws a dashed line from the plan to a later P85 forecast, and a tick at every open forecast', () => {
    expect(svg.querySelectorAll('g.tl-forecast[stroke-dasharray] line').length).toBe(1);
    expect(svg.querySelectorAll('g.tl-forecast line').length).toBe(4);
    expect(titles(svg, 'tl-forecast')).toEqual(['R1: P85 forecast 2026-05-20', 'R2: P85 forecast 2026-04-08', 'H1: P85 forecast 2026-04-08']);
    expect(titles(svg, 'cal-freeze')).toEqual(['Freeze: Easter, 2026-04-02 to 2026-04-06 (all systems)']);
  });

  it('reads in words, keeps hostile names as text and labels only what it shows', () => {
    expect(chart.reading).toBe(
      '4 releases of 2 of 2 projects in Jan 2026 – Jun 2026: 1 red, 1 amber, 1 green open releases; 1 with a P85 forecast past plan; 1 freeze window shaded. Through 2026-06-30.',
    );
    expect(chart.svg).not.toContain('<script>');
    expect(chart.legend.map((l) => l.label)).toEqual([
      'Red (open release)', 'Amber (open release)', 'Green (open release)', 'Released (plan; dot: actual release)',
      'P85 forecast (tick; dashed when past plan)', 'Freeze window (all systems)',
    ]);
  });
});

describe('status tables', () => {
  const row = (id: string, over: Partial<ReleaseStatusRow>): ReleaseStatusRow => ({
    release: ref(id), project, state: 'in_progress', plannedStart: null, plannedRelease: '2026-04-10', actualRelease: null,
    forecastP85: '2026-04-20', onTimeProbability: 0.25, status: amber, stateReason: 'in progress', ...over,
  });

  it('shows a rated release with its colour and reason, an unrated one with its state in words', () => {
    const table = releaseStatusTable('projects/pay/', [row('R1', {}), row('R0', { state: 'released', status: null, stateReason: 'released 2026-02-03, 2 days late' })], true);
    expect(table.columns.map((c) => c.label)).toContain('Project');
    expect(table.rows[0]!.map((c) => c.text)).toEqual(['R1', 'Payments', 'In progress', '2026-04-10', '—', '2026-04-20', '25%', 'amber']);
    expect(table.rows[0]![0]!.href).toBe('../../releases/r1/index.html');
    expect(table.rows[0]![7]).toMatchObject({ rag: 'amber', note: '2 open blockers', sort: 1 });
    expect(table.rows[1]![7]).toEqual({ text: 'released 2026-02-03, 2 days late', sort: null });
    // One project's page leaves its project column out.
    const own = releaseStatusTable('projects/pay/', [row('R1', {})], false);
    expect(own.columns.map((c) => c.label)).not.toContain('Project');
    expect(own.rows[0]!.length).toBe(own.columns.length);
  });

  it('keeps the project column of risks only where they span projects', () => {
    const risk = { severity: 'red' as const, rule: 'overdue', text: 'overdue', release: ref('R1') };
    expect(riskTable('', [risk]).columns.map((c) => c.label)).toEqual(['Severity', 'Release', 'Signal']);
    expect(riskTable('', [{ ...risk, project }]).rows[0]!.map((c) => c.text)).toEqual(['red', 'R1', 'Payments', 'overdue']);
  });

  it('says what changed: new and gone entries, state for unrated ones', () => {
    const entry = (status: 'red' | null, state = 'in_progress') => ({ name: 'R1', status, state, reason: status ? `${status}: overdue` : 'released' });
    const rows = statusChangeRows('', [
      { kind: 'release', id: 'R1', name: 'R1', slug: 'r1', before: entry(null), after: entry('red') },
      { kind: 'project', id: 'P', name: 'P', slug: null, before: entry('red', 'project'), after: null },
    ]);
    expect(rows[0]!.map((c) => c.text)).toEqual(['release', 'R1', 'in progress', 'red', 'overdue']);
    expect(rows[1]!.map((c) => c.text)).toEqual(['project', 'P', 'red', 'gone', 'no longer in the exports']);
    expect(rows[1]![1]!.href).toBeUndefined();
  });

  it('shortens a reason to its first signals', () => {
    const many = { ...amber, signals: [1, 2, 3, 4].map((n) => ({ severity: 'amber' as const, rule: 'x', text: `s${n}` })) };
    expect(shortReason(many)).toBe('s1; s2; and 2 more');
    expect(shortReason({ reason: 'green: nothing flags it', signals: [] })).toBe('nothing flags it');
    expect(statusCell(null, 'not rated')).toEqual({ text: 'not rated', sort: null });
  });
});

describe('portfolio timeline of a large portfolio', () => {
  it(`draws the first ${TIMELINE_PROJECTS} projects with releases in view, in the grid's order, and says so; the CSV has them all`, () => {
    const rows: TimelineRow[] = Array.from({ length: TIMELINE_PROJECTS + 5 }, (_, k) => ({
      project: { id: `P${k}`, slug: `p${k}`, name: `Project ${k}` }, status: amber, releases: [release(`R${k}`)],
    }));
    const chart = portfolioTimeline(rows, [], '2026-03-31', VIEW);
    const labels = [...svgOf(chart.svg).querySelectorAll('text')].map((t) => t.textContent);
    expect(labels).toContain(`Project ${TIMELINE_PROJECTS - 1}`);
    expect(labels).not.toContain(`Project ${TIMELINE_PROJECTS}`);
    expect(chart.reading).toContain(`Drawn: the first ${TIMELINE_PROJECTS} of the ${TIMELINE_PROJECTS + 5} projects with releases in view, in the status grid's order; the CSV download has them all.`);
    expect(chart.data!.rows).toHaveLength(TIMELINE_PROJECTS + 5);
    expect(chart.title).toBe(`Releases of the first ${TIMELINE_PROJECTS} projects`);
  });

  it('says it draws every project when no more than the cap have releases in view, however many projects there are', () => {
    const rows: TimelineRow[] = Array.from({ length: TIMELINE_PROJECTS + 5 }, (_, k) => ({
      project: { id: `P${k}`, slug: `p${k}`, name: `Project ${k}` }, status: amber,
      // Only the first 3 have a release in view; the rest only one long shipped.
      releases: [k < 3 ? release(`R${k}`) : release(`OLD${k}`, { state: 'released', status: null, plannedStart: '2025-01-01', plannedRelease: '2025-02-01', actualRelease: '2025-02-01', forecastP85: null })],
    }));
    const chart = portfolioTimeline(rows, [], '2026-03-31', VIEW);
    expect(chart.title).toBe('Releases of every project');
    expect(chart.reading).not.toContain('Drawn: the first');
  });
});
