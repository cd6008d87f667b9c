// Pages read the report model from the JSON file the build step wrote; Astro never opens DuckDB.
import fs from 'node:fs';
import type { SiteModel } from './model.ts';

let cached: { file: string; model: SiteModel } | null = null;

/** The report model of this build (path in ALMANAC_REPORT), read once and shared by every page. */
export function loadReport(): SiteModel {
  const file = process.env.ALMANAC_REPORT;
  if (!file) throw new Error('ALMANAC_REPORT is not set: build the site with `almanac build`, not `astro build`');
  if (cached?.file !== file) cached = { file, model: JSON.parse(fs.readFileSync(file, 'utf8')) as SiteModel };
  return cached.model;
}
