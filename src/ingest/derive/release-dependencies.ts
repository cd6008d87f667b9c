// Release dependencies the issue links imply: when an item of release P must be done before an item of
// release D (Jira "blocks" / "depends on"), release D depends on release P (finish-to-start). Runs
// after dedupe, on the final tables; set-based SQL.
import type { Db } from '../../db/duckdb.ts';
import { lit } from '../../db/duckdb.ts';
import type { Warning } from '../context.ts';

/** The provenance `source` of a derived dependency. */
const DERIVED_SOURCE = 'jira-issue-links';

/** Pairs named in a warning, at most. */
const EXAMPLES = 3;

/**
 * Every (dependent release, prerequisite release) pair the links support, with the number of links
 * and the provenance of the first link by key; `declared` when an export already states the pair,
 * `reversed` when an export states, or other links imply, the opposite pair.
 */
const PAIRS = `
  WITH item_release AS (SELECT DISTINCT "key", unnest(release_ids) AS release_id FROM work_item),
  supported AS (
    SELECT d.release_id, p.release_id AS depends_on_id, {'key': l."key", 'dependent_key': l.dependent_key} AS link,
           l.source_file, l.source_line, l.source_pointer
    FROM work_item_link l
    JOIN item_release p ON p."key" = l."key"
    JOIN item_release d ON d."key" = l.dependent_key
    WHERE p.release_id <> d.release_id),
  pairs AS (
    SELECT release_id, depends_on_id, count(*)::INTEGER AS links, list(link) AS link_keys,
           arg_min(source_file, link) AS source_file, arg_min(source_line, link) AS source_line, arg_min(source_pointer, link) AS source_pointer
    FROM supported GROUP BY ALL)
  SELECT p.*,
         EXISTS (SELECT 1 FROM release_dependency r WHERE r.release_id = p.release_id AND r.depends_on_id = p.depends_on_id) AS declared,
         EXISTS (SELECT 1 FROM release_dependency r WHERE r.release_id = p.depends_on_id AND r.depends_on_id = p.release_id)
           OR EXISTS (SELECT 1 FROM pairs q WHERE q.release_id = p.depends_on_id AND q.depends_on_id = p.release_id) AS reversed
  FROM pairs p`;

interface Pair {
  release_id: string;
  depends_on_id: string;
  links: number;
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const examples = (pairs: readonly Pair[]) =>
  pairs.slice(0, EXAMPLES).map((p) => `${p.release_id} on ${p.depends_on_id}, ${count(p.links, 'link')}`).join('; ');

/**
 * Adds the release dependencies the links imply and no export states. A pair whose opposite is also
 * stated or implied is left out and reported: the links contradict the plan, or each other, and a
 * cycle would have no finish-to-start order.
 */
export async function deriveReleaseDependencies(db: Db, warnings: Warning[]): Promise<void> {
  const table = 'derived_release_dependency';
  await db.run(`CREATE OR REPLACE TEMP TABLE ${table} AS ${PAIRS}`);
  const isAdded = 'NOT declared AND NOT reversed';
  const pairs = (where: string) => db.all<Pair>(`SELECT release_id, depends_on_id, links FROM ${table} WHERE ${where} ORDER BY links DESC, release_id, depends_on_id`);
  // A link between items of several releases supports several pairs: links are counted once.
  const links = async (where: string) =>
    (await db.all<{ n: number }>(`SELECT count(DISTINCT k)::INTEGER AS n FROM ${table}, unnest(link_keys) AS u(k) WHERE ${where}`))[0]?.n ?? 0;
  const added = await pairs(isAdded);
  const agreeing = await pairs('declared');
  const contradicting = await pairs('NOT declared AND reversed');
  const [addedLinks, agreeingLinks] = [await links(isAdded), await links('declared')];
  await db.run(
    `INSERT INTO release_dependency (release_id, depends_on_id, source, source_file, source_line, source_pointer)
     SELECT release_id, depends_on_id, ${lit(DERIVED_SOURCE)}, source_file, source_line, source_pointer FROM ${table}
     WHERE ${isAdded} ORDER BY release_id, depends_on_id`,
  );
  await db.run(`DROP TABLE ${table}`);

  if (added.length || agreeing.length) {
    const agree = agreeing.length ? `; ${count(agreeingLinks, 'link')} confirm${agreeingLinks === 1 ? 's' : ''} ${count(agreeing.length, 'stated one', 'stated ones')}` : '';
    const eg = added.length ? ` (e.g. ${examples(added)})` : '';
    warnings.push({
      path: '',
      code: 'derived-dependencies',
      message: `${count(added.length, 'release dependency', 'release dependencies')} derived from ${count(addedLinks, 'Jira issue link')} between items of different releases${eg}${agree}`,
      count: added.length,
    });
  }
  if (contradicting.length) {
    warnings.push({
      path: '',
      code: 'contradicting-links',
      message: `${count(contradicting.length, 'release dependency', 'release dependencies')} implied by Jira issue links not derived, as the opposite dependency is stated or implied too (${examples(contradicting)}): check those links and fix versions`,
      count: contradicting.length,
    });
  }
}
