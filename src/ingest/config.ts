// The optional configuration file (almanac.config.json): how to read exports the defaults get wrong.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { STATUS_CATEGORIES, WORK_ITEM_TYPES } from '../model/entities.ts';
import { IngestError } from './errors.ts';
import { LATEST_REPORT_YEAR, REPORT_YEARS } from '../metrics/dora-tiers.ts';
import { FORECAST_DEFAULTS } from '../metrics/forecast.ts';
import { MONTHLY_DEFAULTS } from '../report/model-monthly.ts';

const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'an IANA time zone such as "Europe/Paris" or "UTC"');

/** What a GitHub repository or GitLab project is in the canonical model: a system id, or a system and the project of its releases. */
const forgeTarget = z.union([
  z.string().min(1).describe('System id.'),
  z
    .object({
      system: z.string().min(1).optional().describe('System id (default: the repository or project, resolved by name through systems.csv).'),
      project: z.string().min(1).optional().describe('Project id of the releases (default: none).'),
    })
    .strict(),
]);

/** What a CI job or pipeline deploys: a system id, or the system, environment and whether it is production. */
const ciTarget = z.union([
  z.string().min(1).describe('System id.'),
  z
    .object({
      system: z.string().min(1).optional().describe('System id (default: the job or pipeline name, resolved by name through systems.csv).'),
      environment: z.string().min(1).optional().describe('Environment id it deploys to (default: the build\'s ENVIRONMENT parameter, or the release stage).'),
      production: z.boolean().optional().describe('Whether it deploys to production (default: "prod" in the environment\'s name, else in the job\'s).'),
    })
    .strict(),
]);

export const SourceRuleSchema = z
  .object({
    match: z
      .string()
      .min(1)
      // A rule names files inside the input folders only: an absolute or `..` path (say
      // "../../etc/passwd") could never match, and reads as an attempt to reach outside; refuse it.
      .refine((g) => !path.isAbsolute(g) && !/^[A-Za-z]:[\\/]/.test(g) && !g.split(/[\\/]/).includes('..'), {
        error: (issue) => `${JSON.stringify(issue.input)} points outside the input folder (expected a glob relative to it: no absolute path, no "..")`,
      })
      .describe('Glob matched against the file\'s path relative to the input folder, or its name.'),
    adapter: z.string().optional().describe('Force an adapter (see `almanac ingest --help` for the list).'),
    delimiter: z.string().length(1).optional().describe('CSV delimiter, when detection gets it wrong.'),
    columns: z.record(z.string(), z.string()).optional().describe('Renames: export column → canonical column.'),
    values: z
      .record(z.string(), z.record(z.string(), z.string()))
      .optional()
      .describe('Value mappings per canonical field, e.g. {"status": {"Pending": "requested"}}.'),
    dateFormat: z.string().optional().describe('strptime format of the file\'s dates, e.g. "%d.%m.%Y %H:%M".'),
    dayFirst: z.boolean().optional().describe('Settles dd/mm vs mm/dd for this file.'),
    timeZone: timeZone.optional().describe('Time zone of the file\'s times that carry no offset.'),
  })
  .strict();

export const ConfigSchema = z
  .object({
    $schema: z.string().optional(),
    timeZone: timeZone.default('UTC').describe('Time zone of times without an offset, and of calendar days.'),
    dayFirst: z.boolean().optional().describe('Settles ambiguous numeric dates: true for dd/mm, false for mm/dd (default).'),
    maxRejectRatio: z.number().min(0).max(1).default(0.05).describe('Largest share of a file\'s rows that may be rejected.'),
    sources: z.array(SourceRuleSchema).default([]),
    jira: z
      .object({
        storyPointsField: z.string().optional().describe('Custom field holding story points, e.g. "Story point estimate".'),
        teamField: z.string().default('Team').describe('Custom field holding the team.'),
        foundInField: z.string().default('Found In').describe('Custom field saying where a bug was found (test/production).'),
        statusCategories: z.record(z.string(), z.enum(STATUS_CATEGORIES)).default({}).describe('Status name → category, beyond the defaults.'),
        issueTypes: z.record(z.string(), z.enum(WORK_ITEM_TYPES)).default({}).describe('Issue type name → canonical type, beyond the defaults.'),
        projectKeys: z.record(z.string(), z.string()).default({}).describe('Jira project id → key, for version exports that carry only the id.'),
        dependencyLinkTypes: z
          .record(z.string(), z.enum(['outward', 'inward']))
          .default({})
          .describe(
            'Issue link types that mean a dependency, beyond Blocks, Dependency and Depends: link type name → the side of the issue that must be done first, '
              + '"outward" when the outward description says it (A "precedes" B: A first), "inward" when the inward one does (A "is required by" B: A first).',
          ),
      })
      .strict()
      .prefault({}),
    servicenow: z
      .object({
        releaseField: z.string().optional().describe('Change field holding the release id (default: u_release, release).'),
      })
      .strict()
      .prefault({}),
    github: z
      .object({
        repositories: z
          .record(z.string(), forgeTarget)
          .default({})
          .describe('GitHub repository "owner/repo" → the system it holds (default: a system named like the repository).'),
      })
      .strict()
      .prefault({}),
    gitlab: z
      .object({
        projects: z
          .record(z.string(), forgeTarget)
          .default({})
          .describe('GitLab project path "group/project" (or numeric project id) → the system it holds (default: a system named like the path).'),
      })
      .strict()
      .prefault({}),
    jenkins: z
      .object({
        jobs: z
          .record(z.string(), ciTarget)
          .default({})
          .describe('Jenkins job (full path "folder/job", or its name) → what it deploys; every build of a job in the export is a deployment.'),
      })
      .strict()
      .prefault({}),
    azure: z
      .object({
        pipelines: z
          .record(z.string(), ciTarget)
          .default({})
          .describe('Azure DevOps pipeline or release definition ("project/name", "name", or "release definition/stage") → what it deploys.'),
        workItemTypes: z.record(z.string(), z.enum(WORK_ITEM_TYPES)).default({}).describe('Work item type → canonical type, beyond the defaults.'),
        workItemStates: z.record(z.string(), z.enum(STATUS_CATEGORIES)).default({}).describe('Work item state → status category, beyond the defaults.'),
        releaseField: z.string().optional().describe('Column of the work item export holding release ids (";"-separated), e.g. a custom "Target Release".'),
      })
      .strict()
      .prefault({}),
    delivery: z
      .object({
        reportYear: z
          .number()
          .int()
          .refine((y) => REPORT_YEARS.includes(y), `a DORA report year with tier thresholds: ${REPORT_YEARS.join(', ')}`)
          .default(LATEST_REPORT_YEAR)
          .describe('DORA report year whose performance tiers the delivery page applies (default: the latest known).'),
      })
      .strict()
      .prefault({}),
    forecast: z
      .object({
        seed: z
          .number()
          .int()
          .min(0)
          .default(FORECAST_DEFAULTS.seed)
          .describe('Seed of the Monte Carlo forecasts: the same exports and seed give the same forecasts (default 1); the forecasts page shows it.'),
        windowDays: z
          .number()
          .int()
          .min(7)
          .max(730)
          .default(FORECAST_DEFAULTS.windowDays)
          .describe('Days of throughput history (ending on the as-of date) that each forecast samples (default 90).'),
      })
      .strict()
      .prefault({}),
    privacy: z
      .object({
        salt: z
          .string()
          .min(16)
          .optional()
          .describe('Secret key of the pseudonyms made by `ingest --pseudonymize people` (default: a random salt kept in almanac.salt beside the database). Keep it secret and keep it: another salt gives other pseudonyms.'),
      })
      .strict()
      .prefault({}),
    monthly: z
      .object({
        graceDays: z
          .number()
          .int()
          .min(0)
          .max(60)
          .default(MONTHLY_DEFAULTS.graceDays)
          .describe('Days after a month ends before its status page is frozen into data/snapshots/YYYY-MM.json (default 5): time for late exports.'),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type Config = z.infer<typeof ConfigSchema>;
export type SourceRule = z.infer<typeof SourceRuleSchema>;

export const DEFAULT_CONFIG_FILE = 'almanac.config.json';

/** Reads and validates the config; a missing default file means defaults. */
export function loadConfig(file: string | undefined): { config: Config; path: string | null } {
  const chosen = file ?? (fs.existsSync(DEFAULT_CONFIG_FILE) ? DEFAULT_CONFIG_FILE : null);
  if (!chosen) return { config: ConfigSchema.parse({}), path: null };
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(chosen, 'utf8'));
  } catch (err) {
    throw new IngestError({ file: chosen, expected: 'a JSON object', message: `cannot read the config: ${(err as Error).message}` });
  }
  const parsed = ConfigSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new IngestError({
      file: chosen,
      pointer: '/' + issue.path.map(String).join('/'),
      message: issue.message,
    });
  }
  return { config: parsed.data, path: path.resolve(chosen) };
}

/** The first rule whose glob matches the file (relative path, or name alone). */
export function ruleFor(config: Config, relPath: string): SourceRule | null {
  const posix = relPath.split(path.sep).join('/');
  return config.sources.find((r) => path.matchesGlob(posix, r.match) || path.matchesGlob(path.basename(posix), r.match)) ?? null;
}
