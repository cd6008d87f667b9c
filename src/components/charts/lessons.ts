// The lessons page's chart: lessons per quarter, a small bar chart per category on one scale (a colour
// per category would not stay distinguishable for the eight or more categories teams use).
import type { LessonsPage } from '../../report/model-lessons.ts';
import { formatCount } from '../format.ts';
import type { RenderedChart } from './render.ts';
import { multiplesChart } from './staffing.ts';

const lessons = (n: number) => `${formatCount(n)} ${n === 1 ? 'lesson' : 'lessons'}`;

export function lessonsChart(id: string, page: LessonsPage): RenderedChart {
  const { quarters } = page;
  return multiplesChart({
    id,
    title: 'Lessons per quarter, by category',
    reading: lessonsReading(page),
    columns: quarters,
    columnLabel: 'Quarter',
    rowLabel: 'Category',
    every: Math.ceil(quarters.length / 12),
    y: { label: 'Lessons' },
    rows: page.categories.map((c) => ({
      label: c.category,
      values: c.counts,
      tip: (i) => `${quarters[i]!}: ${lessons(c.counts[i]!)}`,
    })),
  });
}

/** E.g. "40 lessons in 4 quarters (2025-Q2 – 2026-Q1), most of them environment availability (14); rising: environment availability; falling: none." */
export function lessonsReading(page: LessonsPage): string {
  const { quarters, categories } = page;
  const total = page.totals.reduce((n, t) => n + t, 0);
  const top = categories[0];
  if (total === 0 || !top) return 'No lessons in the exports.';
  const span = quarters.length === 1 ? quarters[0]! : `${quarters[0]!} – ${quarters.at(-1)!}`;
  const which = (trend: string) => categories.filter((c) => c.trend === trend).map((c) => c.category).join(', ') || 'none';
  return (
    `${lessons(total)} in ${formatCount(quarters.length)} ${quarters.length === 1 ? 'quarter' : 'quarters'} (${span}), ` +
    `most of them ${top.category} (${formatCount(top.total)}); rising: ${which('rising')}; falling: ${which('falling')}.`
  );
}
