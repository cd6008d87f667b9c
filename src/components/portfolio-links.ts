// Where the portfolio pages live: a page per project (`projects/<slug>/`), per portfolio
// (`portfolios/<slug>/`) and per program (`programs/<slug>/`), with the cells that link to them.
import type { GroupLink, ProjectLink } from '../report/model-portfolio.ts';
import { rel } from './links.ts';
import { linkCell, type Cell, type ListItem } from './table.ts';

export const projectPath = (p: Pick<ProjectLink, 'slug'>): string => `projects/${p.slug}/`;
export const groupPath = (g: Pick<GroupLink, 'kind' | 'slug'>): string => `${g.kind}s/${g.slug}/`;

export const projectCell = (from: string, p: ProjectLink | null): Cell => linkCell(p?.name ?? null, p ? rel(from, projectPath(p)) : undefined);
export const groupCell = (from: string, g: GroupLink | null): Cell => linkCell(g?.name ?? null, g ? rel(from, groupPath(g)) : undefined);
export const projectItem = (from: string, p: ProjectLink): ListItem => ({ text: p.name, href: rel(from, projectPath(p)) });
