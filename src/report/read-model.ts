// Pages read the report model from the JSON file the build step wrote; Astro never opens DuckDB.
import fs from 'node:fs';
import type { SiteModel } from './model.ts';

/**
 * A report model file. The model step writes it in ASCII (\u escapes for the rest), so that its text
 * is a one-byte string: any other character made V8 hold all ~140 MB of the enterprise model's text as
 * two bytes a character, in both threads of the pages step. Read whole and decoded, it took 1.2–1.5 s
 * where readFileSync(file, 'utf8') took 2.5–3 s.
 */
export function readReport(file: string): SiteModel {
  return JSON.parse(fs.readFileSync(file).toString()) as SiteModel;
}

let cached: { file: string; model: SiteModel } | null = null;

/** The report model of this build (path in ALMANAC_REPORT), read once and shared by every page. */
export function loadReport(): SiteModel {
  const file = process.env.ALMANAC_REPORT;
  if (!file) throw new Error('ALMANAC_REPORT is not set: build the site with `almanac build`, not `astro build`');
  if (cached?.file !== file) cached = { file, model: readReport(file) };
  return cached.model;
}
