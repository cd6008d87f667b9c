// Every link of a built site, checked against the files on disk: each `href` and `src` must be a
// relative URL (the site works from any base path and from file://) naming a file that exists, and a
// `#fragment` must name an element id in its target page.
import fs from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';

function idsOf(file: string, cache: Map<string, Set<string>>): Set<string> {
  let ids = cache.get(file);
  if (!ids) {
    const { document } = parseHTML(fs.readFileSync(file, 'utf8'));
    ids = new Set([...document.querySelectorAll('[id]')].map((el) => el.getAttribute('id')!));
    cache.set(file, ids);
  }
  return ids;
}

/** The links of every `.html` file under `root` that do not resolve, as readable lines (empty when all do). */
export function brokenLinks(root: string): { pages: number; links: number; broken: string[] } {
  const pages = fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html')).sort();
  const cache = new Map<string, Set<string>>();
  const broken: string[] = [];
  let links = 0;
  for (const page of pages) {
    const file = path.join(root, page);
    const { document } = parseHTML(fs.readFileSync(file, 'utf8'));
    for (const el of document.querySelectorAll('[href], [src]')) {
      for (const attr of ['href', 'src']) {
        const url = el.getAttribute(attr);
        if (url === null || url.startsWith('data:')) continue;
        links++;
        const problem = check(root, file, url, cache);
        if (problem) broken.push(`${page}: ${attr}="${url}": ${problem}`);
      }
    }
  }
  return { pages: pages.length, links, broken };
}

function check(root: string, from: string, url: string, cache: Map<string, Set<string>>): string | null {
  if (/^([a-z][a-z0-9+.-]*:|\/)/i.test(url)) return 'not a relative URL';
  const [pathPart, fragment] = url.split('#', 2) as [string, string | undefined];
  const target = pathPart === '' ? from : path.resolve(path.dirname(from), decodeURIComponent(pathPart));
  if (target !== path.resolve(root) && !target.startsWith(path.resolve(root) + path.sep)) return 'leaves the site';
  if (!fs.existsSync(target)) return 'no such file';
  if (!fs.statSync(target).isFile()) return 'a folder, not a file (from disk it would not open its index.html)';
  if (fragment !== undefined && fragment !== '') {
    if (!target.endsWith('.html')) return 'a fragment into a file that is not a page';
    if (!idsOf(target, cache).has(decodeURIComponent(fragment))) return `no element with id "${fragment}" in ${path.relative(root, target)}`;
  }
  return null;
}
