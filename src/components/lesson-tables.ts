// The lessons page's tables: lessons per quarter and category, each category's trend with its test,
// recurring challenges, lessons (open actions first, then all of them), and the reasons mined from
// unsuccessful changes and slipped releases. Titles, notes and actions are untrusted: cells hold text.
import type { LessonRow, LessonsPage } from '../report/model-lessons.ts';
import type { ReleaseRef } from '../report/model-releases.ts';
import { releaseCell } from './environments-table.ts';
import { formatCount, formatNumber } from './format.ts';
import type { RowLinks } from './operation-anchors.ts';
import { projectCell, projectItem } from './portfolio-links.ts';
import { stateLabel } from './release-states.ts';
import { countCell, dateCell, linkCell, listCell, textCell, type Cell, type Column } from './table.ts';

type Label = (r: ReleaseRef) => string;

export function quarterColumns(page: LessonsPage): Column[] {
  return [{ label: 'Quarter' }, { label: 'All lessons', kind: 'number' }, ...page.categories.map((c): Column => ({ label: c.category, kind: 'number' }))];
}

/** A row per quarter; quarters outside the trend test's window (the one in progress, any before its eight) say so. */
export function quarterRows(page: LessonsPage): Cell[][] {
  return page.quarters.map((q, i) => [
    { text: q, ...(page.test.window.includes(q) ? {} : { note: 'not in the trend test' }) },
    countCell(page.totals[i]!),
    ...page.categories.map((c) => countCell(c.counts[i]!)),
  ]);
}

export const TREND_COLUMNS: Column[] = [
  { label: 'Category' },
  { label: 'Lessons', kind: 'number' },
  { label: 'In the test window', kind: 'number' },
  { label: 'Trend' },
  { label: 'T (expected if steady)', kind: 'number' },
  { label: 'p-value', kind: 'number' },
];

const FOUR_DECIMALS = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });

/** p to four decimals, as the model rounds it; `< 0.0001` rather than a p of 0. */
export function pValueText(p: number): string {
  return p < 0.0001 ? '< 0.0001' : FOUR_DECIMALS.format(p);
}

export function trendCaption(page: LessonsPage): string {
  const { window, alpha } = page.test;
  const first = window[0];
  return first === undefined ? 'Trends: no quarter has ended since the first lesson' : `Trends over ${first} – ${window.at(-1)!}, tested at the ${alpha} level`;
}

export function trendRows(page: LessonsPage): Cell[][] {
  const inWindow = page.quarters.map((q) => page.test.window.includes(q));
  return page.categories.map((c) => [
    textCell(c.category),
    countCell(c.total),
    countCell(c.counts.reduce((n, k, i) => n + (inWindow[i] ? k : 0), 0)),
    c.test === null ? { text: c.trend, note: 'no lessons in the window' } : { text: c.trend },
    // Sorted by how far T lies above what a steady rate expects: rising categories last, falling first.
    c.test === null ? textCell(null) : { text: `${formatNumber(c.test.statistic)} (${formatNumber(c.test.expected)})`, sort: c.test.statistic - c.test.expected },
    c.test === null ? textCell(null) : { text: pValueText(c.test.pValue), sort: c.test.pValue, note: c.test.exact ? 'exact' : 'normal approximation' },
  ]);
}

export const RECURRING_COLUMNS: Column[] = [{ label: 'Challenge' }, { label: 'Projects', kind: 'number' }, { label: 'Which projects' }, { label: 'Lessons', kind: 'number' }];

export function recurringRows(page: LessonsPage, from: string): Cell[][] {
  return page.recurring.map((r) => [
    { text: r.text, note: r.kind === 'category' ? 'category' : 'same title' },
    countCell(r.projects.length),
    listCell(r.projects.map((p) => projectItem(from, p))),
    countCell(r.lessons),
  ]);
}

const LESSON_COLUMNS: Column[] = [
  { label: 'Lesson' },
  { label: 'Date', kind: 'date' },
  { label: 'Project' },
  { label: 'Release' },
  { label: 'Category and impact' },
  { label: 'Title' },
  { label: 'Action' },
  { label: 'Status' },
];

/** Open actions lead with their age. */
export function lessonColumns(withAge: boolean): Column[] {
  return withAge ? [LESSON_COLUMNS[0]!, { label: 'Age (days)', kind: 'number' }, ...LESSON_COLUMNS.slice(1)] : LESSON_COLUMNS;
}

export function lessonRows(rows: readonly LessonRow[], from: string, label: Label, withAge: boolean): Cell[][] {
  return rows.map((l) => [
    { text: l.id },
    ...(withAge ? [countCell(l.ageDays)] : []),
    dateCell(l.date),
    projectCell(from, l.project),
    releaseCell(l.release, null, from, label),
    { text: l.category, ...(l.impact === null ? {} : { note: `impact: ${l.impact}` }) },
    textCell(l.title),
    textCell(l.action),
    { ...textCell(l.status), ...(l.openAction && !withAge ? { note: `open action, ${formatCount(l.ageDays)} days` } : {}) },
  ]);
}

export const KEYWORD_COLUMNS: Column[] = [{ label: 'Category' }, { label: 'Close notes containing (any case)' }];

export function keywordRows(page: LessonsPage): Cell[][] {
  return page.mined.table.map((k) => [textCell(k.category), textCell(k.keywords)]);
}

export const MINED_COUNT_COLUMNS: Column[] = [{ label: 'Category' }, { label: 'Unsuccessful changes', kind: 'number' }, { label: 'Slipped releases', kind: 'number' }];

export function minedCountRows(page: LessonsPage): Cell[][] {
  return page.mined.byCategory.map((c) => [textCell(c.category), countCell(c.changes), countCell(c.releases)]);
}

export const MINED_CHANGE_COLUMNS: Column[] = [
  { label: 'Change' },
  { label: 'Closed', kind: 'date' },
  { label: 'Release' },
  { label: 'Project' },
  { label: 'Close notes' },
  { label: 'Category' },
];

export function minedChangeRows(page: LessonsPage, from: string, label: Label, links: RowLinks): Cell[][] {
  return page.mined.changes.map((c) => [
    linkCell(c.number, c.change ? links.change(c.change) : undefined),
    dateCell(c.closedAt),
    releaseCell(c.release, null, from, label),
    projectCell(from, c.project),
    textCell(c.notes),
    { text: c.reason.category, note: c.reason.text },
  ]);
}

export const MINED_RELEASE_COLUMNS: Column[] = [
  { label: 'Release' },
  { label: 'Project' },
  { label: 'State' },
  { label: 'Late (days)', kind: 'number' },
  { label: 'Reasons (category: what shows it)' },
];

/** The most days late first: what a reader looks into first, and what a long table shows. */
export function minedReleaseRows(page: LessonsPage, from: string, label: Label): Cell[][] {
  return [...page.mined.releases].sort((a, b) => (b.slipDays ?? -1) - (a.slipDays ?? -1)).map((r) => [
    releaseCell(r.release, null, from, label),
    projectCell(from, r.project),
    { text: stateLabel(r.state), sort: r.state },
    countCell(r.slipDays),
    textCell(r.reasons.map((x) => `${x.category}: ${x.text}`).join('; ') || null),
  ]);
}
