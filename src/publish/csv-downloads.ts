// The Astro integration that writes the CSV downloads the pages registered (src/components/downloads.ts)
// into the built site, beside their pages, while the pages render: written all at the end, the
// enterprise site's 30,000 files took 1–8 s on their own, as the disk was still taking in the pages.
// The dev server serves them from memory instead.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import pLimit from 'p-limit';
import { offeredCsv, writeCsvAsOffered } from '../components/downloads.ts';

export function csvDownloads(): AstroIntegration {
  let outDir = '';
  const writing: Promise<void>[] = [];
  // Each folder made once: a release page offers six files, and a recursive mkdir per file took ~5 s
  // of the enterprise build's main thread.
  const folders = new Map<string, Promise<unknown>>();
  // A few files open at once: pages render faster than a slow disk takes files in, and the writes
  // would pile up until the build ran out of file descriptors (a macOS shell allows 256).
  const limit = pLimit(16);
  const write = (target: string, csv: string) =>
    limit(async () => {
      const folder = path.dirname(target);
      let made = folders.get(folder);
      if (!made) folders.set(folder, (made = fs.promises.mkdir(folder, { recursive: true })));
      await made;
      await fs.promises.writeFile(target, csv);
    });
  return {
    name: 'csv-downloads',
    hooks: {
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir);
      },
      // Static pages render into the configured folder, after Astro has emptied it.
      'astro:build:start': () => {
        writeCsvAsOffered((file, csv) => {
          const written = write(path.join(outDir, file), csv);
          written.catch(() => {}); // reported by build:done, which fails the build
          writing.push(written);
        });
      },
      'astro:build:done': async () => {
        writeCsvAsOffered(undefined);
        await Promise.all(writing);
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
