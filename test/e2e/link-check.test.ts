// The link check itself must catch each kind of broken link, or the site tests that use it prove nothing.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/ingest.ts';
import { brokenLinks } from './link-check.ts';

const root = tempDir('almanac-links-');
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function page(file: string, body: string): void {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), `<!doctype html><html><head></head><body>${body}</body></html>`);
}

describe('link check', () => {
  it('passes links to files, pages and ids that exist, and reports every other', () => {
    page('index.html', `<main id="main"><a href="#main">skip</a> <a href="releases/a/index.html#deps">a</a> <img src="data:image/png;base64,AA"></main>
      <a href="releases/b/index.html">missing page</a> <a href="releases/a/index.html#nope">missing id</a> <a href="releases/">folder</a>
      <a href="/releases/a/index.html">absolute</a> <a href="https://example.com/">remote</a> <script src="../outside.js"></script>`);
    page('releases/a/index.html', '<h2 id="deps">Deps</h2><a href="../../index.html">home</a><link rel="stylesheet" href="../../assets/site.css">');
    fs.mkdirSync(path.join(root, 'assets'));
    fs.writeFileSync(path.join(root, 'assets/site.css'), '');
    const result = brokenLinks(root);
    expect(result.pages).toBe(2);
    expect(result.links).toBe(10);
    expect(result.broken).toEqual([
      'index.html: href="releases/b/index.html": no such file',
      'index.html: href="releases/a/index.html#nope": no element with id "nope" in releases/a/index.html',
      'index.html: href="releases/": a folder, not a file (from disk it would not open its index.html)',
      'index.html: href="/releases/a/index.html": not a relative URL',
      'index.html: href="https://example.com/": not a relative URL',
      'index.html: src="../outside.js": leaves the site',
    ]);
  });
});
