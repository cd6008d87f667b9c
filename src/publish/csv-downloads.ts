// The Astro integration that writes the CSV downloads the pages registered (src/components/downloads.ts)
// into the built site, beside their pages; the dev server serves them from memory instead.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { offeredCsv } from '../components/downloads.ts';

export function csvDownloads(): AstroIntegration {
  return {
    name: 'csv-downloads',
    hooks: {
      'astro:build:done': ({ dir }) => {
        const root = fileURLToPath(dir);
        for (const [file, csv] of offeredCsv()) {
          const target = path.join(root, file);
          fs.mkdirSync(path.dirname(target), { recursive: true });
          fs.writeFileSync(target, csv);
        }
      },
      'astro:server:setup': ({ server }) => {
        server.middlewares.use((req, res, next) => {
          const csv = offeredCsv().get(decodeURI(new URL(req.url ?? '/', 'http://dev').pathname).replace(/^\/+/, ''));
          if (csv === undefined) return next();
          res.setHeader('Content-Type', 'text/csv; charset=utf-8');
          res.end(csv);
        });
      },
    },
  };
}
