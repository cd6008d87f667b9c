// Lessons learned and project costs. Lesson counts per category and quarter follow fixed shapes:
// environment availability rises quarter over quarter, requirements clarity and deployment automation
// fall, the rest hold steady. CBM overspends more each month; LOAN a little; the others wobble.
import { byText } from './order.ts';
import type { Rng } from './random.ts';
import { isWeekend, monthStart, type Day } from './time.ts';
import { LESSONS, type LessonCategory } from './vocabulary.ts';
import type { Project, Release, World } from './world.ts';

/** Lessons per category in each quarter from 2024-Q4 to 2026-Q4 (the last one is two weeks old). */
const SHAPES: Record<LessonCategory, number[]> = {
  'environment availability': [1, 2, 3, 4, 5, 6, 7, 9, 2],
  'requirements clarity': [6, 5, 5, 4, 3, 3, 2, 2, 0],
  'test data': [2, 2, 2, 2, 2, 2, 2, 2, 1],
  'third-party dependency': [1, 2, 1, 2, 1, 2, 1, 2, 0],
  'deployment automation': [4, 3, 3, 3, 2, 2, 1, 1, 0],
  'release coordination': [1, 1, 2, 2, 2, 3, 3, 3, 1],
  resourcing: [1, 1, 1, 1, 2, 1, 2, 2, 0],
  communication: [1, 0, 1, 0, 1, 0, 1, 0, 0],
};

export interface Lesson {
  id: string;
  date: Day;
  project: Project;
  release: Release | null;
  category: LessonCategory;
  title: string;
  impact: 'High' | 'Medium' | 'Low';
  action: string;
  status: 'open' | 'in_progress' | 'done';
}

function lessonStatus(rng: Rng, age: number): Lesson['status'] {
  if (age > 270) return rng.weighted([['done', 85], ['in_progress', 10], ['open', 5]]);
  if (age > 90) return rng.weighted([['done', 55], ['in_progress', 25], ['open', 20]]);
  return rng.weighted([['done', 10], ['in_progress', 30], ['open', 60]]);
}

export function generateLessons(rng: Rng, world: World): Lesson[] {
  const { today } = world.timeline;
  const firstQuarter = monthStart(world.timeline.start);
  const out: Omit<Lesson, 'id'>[] = [];
  for (const region of world.regions) {
    const projects = world.projects.filter((p) => p.region === region);
    for (const [category, counts] of Object.entries(SHAPES) as Array<[LessonCategory, number[]]>) {
      counts.forEach((n, q) => {
        const from = monthStart(firstQuarter, q * 3);
        const to = Math.min(monthStart(firstQuarter, q * 3 + 3) - 1, today);
        for (let i = 0; i < n; i++) {
          let date = rng.int(from, to);
          while (isWeekend(date) && date > from) date--;
          const project = rng.pick(projects);
          // A lesson comes from the retrospective of a release that ended in the two months before.
          const recent = world.releases.filter((r) => r.project === project && r.status !== 'planned' && Math.min(r.finish, r.cancelled ?? r.finish) <= date && Math.min(r.finish, r.cancelled ?? r.finish) > date - 60);
          const text = LESSONS[category];
          out.push({
            date, project, release: recent.length ? rng.pick(recent) : null, category,
            title: rng.pick(text.titles), impact: rng.weighted([['High', 3], ['Medium', 5], ['Low', 2]]),
            action: rng.pick(text.actions), status: lessonStatus(rng, today - date),
          });
        }
      });
    }
  }
  out.sort((a, b) => a.date - b.date || byText(a.project.id, b.project.id) || byText(a.category, b.category));
  return out.map((l, i) => ({ id: `LL-${String(i + 1).padStart(4, '0')}`, ...l }));
}

export interface Cost {
  project: Project;
  month: Day;
  planned: number;
  /** Null for months not closed yet. */
  actual: number | null;
}

export function generateCosts(rng: Rng, world: World): Cost[] {
  const closed = monthStart(world.timeline.today);
  const out: Cost[] = [];
  for (const p of world.projects) {
    const months: Day[] = [];
    for (let m = monthStart(p.start); m <= p.end; m = monthStart(m, 1)) months.push(m);
    // Spend ramps up over the first quarter and tails off over the last.
    const weights = months.map((_, i) => Math.min(1, (i + 1) / 3, (months.length - i) / 3));
    const total = weights.reduce((a, b) => a + b, 0);
    const overrun = p.slip.lateMode > 15 ? (p.tier === 0 ? 0.22 : 0.08) : 0;
    months.forEach((m, i) => {
      const planned = Math.round((p.budget * weights[i]!) / total / 100) * 100;
      const drift = 1 + overrun * (i / months.length) * 2 + rng.float(-0.08, 0.08);
      out.push({ project: p, month: m, planned, actual: m < closed ? Math.round((planned * drift) / 10) * 10 : null });
    });
  }
  return out;
}
