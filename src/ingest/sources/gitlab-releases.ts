// GitLab releases (`GET /projects/:id/releases`) → releases, with the id `<project path>@<tag>`.
import { IngestError } from '../errors.ts';
import type { Adapter, JsonProbe } from '../adapter.ts';
import type { FileContext } from '../context.ts';
import type { RawRecord } from '../stage/records.ts';
import { forgeTarget, listItems, mapReleases, releaseTypeOf, type Located } from './github-gitlab-common.ts';
import { obj, pointer, str, type Json } from './json-values.ts';

const looksLikeRelease = (v: unknown) => {
  const o = obj(v);
  return typeof o?.tag_name === 'string' && ('released_at' in o || 'upcoming_release' in o) && !('draft' in o);
};

/**
 * The project's path (`group/subgroup/project`), from the release's page (`_links.self`,
 * `…/<path>/-/releases/<tag>`), else from `tag_path` or `commit_path` (`/<path>/-/tags/<tag>`).
 */
export function projectPathOf(release: Json): string | undefined {
  const self = /^https?:\/\/[^/]+\/(.+?)\/-\/releases(?:\/|$)/.exec(str(obj(release._links)?.self) ?? '')?.[1];
  return self ?? /^\/(.+?)\/-\/(?:tags|commit)\//.exec(str(release.tag_path) ?? str(release.commit_path) ?? '')?.[1];
}

function releaseRecord(ctx: FileContext, item: Located): RawRecord {
  const r = obj(item.value) ?? {};
  const tag = str(r.tag_name)?.trim() || undefined;
  const project = projectPathOf(r);
  if (project === undefined && obj(item.value)) {
    throw new IngestError({
      file: ctx.path, pointer: pointer(...item.at, '_links'), field: '_links.self', value: str(obj(r._links)?.self) ?? '(none)',
      message: 'cannot tell which project this release belongs to',
      expected: 'the release as GitLab\'s API returns it, with _links.self (https://<host>/<group>/<project>/-/releases/<tag>) or tag_path',
    });
  }
  const target = forgeTarget(ctx.config.gitlab.projects, [project], project);
  const name = str(r.name)?.trim() || tag;
  // An upcoming release's released_at is its plan; any other's is when it went out.
  const upcoming = r.upcoming_release === true;
  return {
    pointer: pointer(...item.at),
    values: {
      id: project && tag ? `${project}@${tag}` : undefined,
      name,
      project_id: target.project,
      system_ids: target.system ? [target.system] : [],
      type: releaseTypeOf(tag, name),
      status: upcoming ? 'upcoming' : 'released',
      planned_release: upcoming ? str(r.released_at) : undefined,
      actual_release: upcoming ? undefined : str(r.released_at),
    },
  };
}

const LABELS = {
  id: 'tag_name (with the project from _links.self)',
  name: 'name (else tag_name)',
  type: 'tag_name (release type)',
  status: 'upcoming_release',
  planned_release: 'released_at (of an upcoming release)',
  actual_release: 'released_at',
};

export const gitlabReleases: Adapter = {
  id: 'gitlab-releases',
  title: 'GitLab releases (REST /projects/:id/releases)',
  kind: 'json',
  signature: 'an array of releases [{tag_name, released_at, upcoming_release, _links}]',
  detect(_file, probe) {
    if (probe.kind !== 'json') return 0;
    const items = listItems(probe.json);
    return items && items.length > 0 && looksLikeRelease(items[0]!.value) ? 0.95 : 0;
  },
  async load(ctx, probe) {
    const items = listItems((probe as JsonProbe).json) ?? [];
    const result = await mapReleases(ctx, items.map((item) => releaseRecord(ctx, item)), LABELS, { upcoming: 'planned', released: 'released' });
    return { records: items.length, results: [result] };
  },
};
