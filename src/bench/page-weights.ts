// What a reader downloads per page: the gzipped HTML plus the gzipped CSS and JS files it loads
// (each counted for every page that loads it: a first visit pays for them).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { median } from 'd3-array';

export interface PageWeights {
  count: number;
  max_gzip_kb: number;
  median_gzip_kb: number;
  max_js_gzip_kb: number;
  heaviest: Array<{ page: string; gzip_kb: number }>;
}

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

export function pageWeights(site: string, top = 5): PageWeights {
  const cache = new Map<string, number>();
  const gz = (file: string) => {
    if (!cache.has(file)) cache.set(file, zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length);
    return cache.get(file)!;
  };
  const pages = fs.readdirSync(site, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html')).sort();
  const rows = pages.map((page) => {
    const file = path.join(site, page);
    const html = fs.readFileSync(file, 'utf8');
    const assets = [...html.matchAll(/<(?:link[^>]*href|script[^>]*src)="([^"]+\.(css|js))"/g)].map(([, url, ext]) => ({ file: path.resolve(path.dirname(file), url!), ext: ext! }));
    const local = assets.filter((a) => fs.existsSync(a.file));
    const js = local.filter((a) => a.ext === 'js').reduce((n, a) => n + gz(a.file), 0);
    return { page, total: gz(file) + local.reduce((n, a) => n + gz(a.file), 0), js };
  });
  const heaviest = [...rows].sort((a, b) => b.total - a.total).slice(0, top);
  return {
    count: rows.length,
    max_gzip_kb: kb(heaviest[0]?.total ?? 0),
    median_gzip_kb: kb(median(rows, (r) => r.total) ?? 0),
    max_js_gzip_kb: kb(Math.max(0, ...rows.map((r) => r.js))),
    heaviest: heaviest.map((r) => ({ page: r.page, gzip_kb: kb(r.total) })),
  };
}
