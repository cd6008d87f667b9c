// Deployments name what they deployed by version (a tag, a branch, a commit); releases are named by
// tag in GitHub and GitLab (`<repo>@<tag>`) and by name elsewhere. A deployment without a release id
// whose version is the tag or the name of a release of the same system is that release's deployment.
import type { Db } from '../../db/duckdb.ts';
import type { Warning } from '../context.ts';

/**
 * Sets `deployment.release_id` where exactly one release of the deployment's system has the version
 * as its tag (its id ends in `@<version>`) or as its name. A version that matches several releases
 * is left unlinked, with a warning: guessing would attribute the deployment to the wrong release.
 */
export async function linkDeploymentReleases(db: Db, warnings: Warning[]): Promise<void> {
  // Joined on the system first (an equality DuckDB hashes), the version compared only within it.
  await db.run(`
    CREATE OR REPLACE TEMP TABLE deployment_release_candidates AS
    SELECT d.id, min(r.id) AS release_id, count(DISTINCT r.id)::INTEGER AS n
    FROM deployment d JOIN (SELECT id, name, unnest(system_ids) AS system_id FROM release) r
      ON r.system_id = d.system_id AND (ends_with(r.id, '@' || d.version) OR r.name = d.version)
    WHERE d.release_id IS NULL AND d.version IS NOT NULL
    GROUP BY d.id`);
  await db.run(`UPDATE deployment SET release_id = c.release_id FROM deployment_release_candidates c WHERE deployment.id = c.id AND c.n = 1`);
  const [ambiguous] = await db.all<{ n: number; sample: string | null }>(
    `SELECT count(*)::INTEGER AS n, string_agg(id, ', ' ORDER BY id) FILTER (WHERE k <= 5) AS sample
     FROM (SELECT id, row_number() OVER (ORDER BY id) AS k FROM deployment_release_candidates WHERE n > 1)`,
  );
  await db.run('DROP TABLE deployment_release_candidates');
  if (ambiguous && ambiguous.n > 0) {
    warnings.push({
      path: '',
      code: 'ambiguous-release',
      message: `deployment: ${ambiguous.n} deployment(s) name a version that several releases of their system carry (e.g. ${ambiguous.sample}); they are left without a release`,
      count: ambiguous.n,
    });
  }
}
