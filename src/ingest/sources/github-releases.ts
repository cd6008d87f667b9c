// GitHub releases (`GET /repos/{owner}/{repo}/releases`, or its pages from `gh api --paginate --slurp`)
// → releases. A release's id is `<owner>/<repo>@<tag>`: the tag is what deployments name, and the
// owner keeps two organisations' repositories of the same name apart.
import type { Adapter, JsonProbe } from '../adapter.ts';
import type { FileContext } from '../context.ts';
import type { RawRecord } from '../stage/records.ts';
import { forgeTarget, listItems, mapReleases, releaseTypeOf, type Located } from './github-gitlab-common.ts';
import { obj, pointer, str, type Json } from './json-values.ts';

const looksLikeRelease = (v: unknown) => {
  const o = obj(v);
  return typeof o?.tag_name === 'string' && (typeof o.draft === 'boolean' || typeof o.prerelease === 'boolean');
};

/**
 * The repository a release belongs to, from its page (`https://github.com/<owner>/<repo>/releases/…`,
 * any host for GitHub Enterprise) or its API url (`…/repos/<owner>/<repo>/releases/<id>`). Every
 * release the API returns carries both, so no configuration is needed to tell.
 */
export function repositoryOf(release: Json): { owner: string; name: string } | undefined {
  const page = /^https?:\/\/[^/]+\/([^/]+)\/([^/]+)\/releases(?:\/|$)/.exec(str(release.html_url) ?? '');
  const api = /\/repos\/([^/]+)\/([^/]+)\/releases(?:\/|$)/.exec(str(release.url) ?? '');
  const m = page ?? api;
  return m ? { owner: m[1]!, name: m[2]! } : undefined;
}

function releaseRecord(ctx: FileContext, item: Located): RawRecord {
  const r = obj(item.value) ?? {};
  const tag = str(r.tag_name)?.trim() || undefined;
  const repo = repositoryOf(r);
  const full = repo && `${repo.owner}/${repo.name}`;
  const target = forgeTarget(ctx.config.github.repositories, [full], repo?.name);
  const name = str(r.name)?.trim() || tag;
  // A draft is not out yet; a prerelease is out for testing, not yet the release.
  const status = r.draft === true ? 'draft' : r.prerelease === true ? 'prerelease' : 'published';
  return {
    pointer: pointer(...item.at),
    values: {
      id: full && tag ? `${full}@${tag}` : undefined,
      name,
      project_id: target.project,
      system_ids: target.system ? [target.system] : [],
      type: releaseTypeOf(tag, name),
      status,
      // GitHub keeps no plan: a release calendar (releases.csv) with the same id fills it in.
      planned_release: undefined,
      actual_release: status === 'published' ? str(r.published_at) : undefined,
    },
  };
}

const LABELS = {
  id: 'tag_name (with the repository from html_url)',
  name: 'name (else tag_name)',
  type: 'tag_name (release type)',
  status: 'draft / prerelease',
  actual_release: 'published_at',
};

export const githubReleases: Adapter = {
  id: 'github-releases',
  title: 'GitHub releases (REST /repos/{owner}/{repo}/releases)',
  kind: 'json',
  signature: 'an array of releases [{tag_name, draft, prerelease, published_at, html_url}] (or its pages)',
  detect(_file, probe) {
    if (probe.kind !== 'json') return 0;
    const items = listItems(probe.json);
    return items && items.length > 0 && looksLikeRelease(items[0]!.value) ? 0.95 : 0;
  },
  async load(ctx, probe) {
    const items = listItems((probe as JsonProbe).json) ?? [];
    const result = await mapReleases(ctx, items.map((item) => releaseRecord(ctx, item)), LABELS, {
      draft: 'planned',
      prerelease: 'in_progress',
      published: 'released',
    });
    return { records: items.length, results: [result] };
  },
};
