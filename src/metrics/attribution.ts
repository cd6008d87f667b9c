// Incident attribution (docs/metrics.md#incident-attribution): which deployment or change caused each
// incident. Explicit links come first, the same-system fallback last, and every result names its rule
// and says in words how it applied. Pure: incident, change and deployment rows in, attributions out.
import type { Row } from '../model/catalog.ts';

export const ATTRIBUTION_RULES = ['deployment-link', 'change-release-link', 'change-link', 'same-system-fallback'] as const;
export type AttributionRule = (typeof ATTRIBUTION_RULES)[number];

/** The fallback looks this far back from the incident's opening for a deployment of its system. */
export const FALLBACK_HOURS = 168;
const HOUR_MS = 3_600_000;

export type IncidentFacts = Pick<Row<'incident'>, 'number' | 'system_id' | 'opened_at' | 'caused_by_change' | 'caused_by_deployment'>;
export type ChangeLinkFacts = Pick<Row<'change'>, 'number' | 'system_id' | 'release_id'>;
/** A deployment as the delivery metrics read it, with `production` settled (see delivery.ts). */
export type DeploymentFacts = Pick<Row<'deployment'>, 'id' | 'system_id' | 'release_id' | 'started_at' | 'finished_at' | 'status'> & { production: boolean };

export interface Attribution {
  incident: string;
  /** null: unattributed. */
  rule: AttributionRule | null;
  deploymentId: string | null;
  changeNumber: string | null;
  releaseId: string | null;
  /** The system the incident counts for: the deployment's, else the change's, else the incident's own. */
  systemId: string | null;
  reason: string;
}

interface Timed {
  d: DeploymentFacts;
  t: number;
}

/** The last of `list` (sorted by start) that started before `before` and not before `from`. */
function lastBefore(list: readonly Timed[] | undefined, before: number, from = -Infinity): DeploymentFacts | null {
  if (!list) return null;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.t < before) lo = mid + 1;
    else hi = mid;
  }
  const hit = list[lo - 1];
  return hit && hit.t >= from ? hit.d : null;
}

function index(deployments: readonly DeploymentFacts[], key: (d: DeploymentFacts) => string | null): Map<string, Timed[]> {
  const out = new Map<string, Timed[]>();
  for (const d of deployments) {
    const k = key(d);
    if (k === null) continue;
    const list = out.get(k) ?? out.set(k, []).get(k)!;
    list.push({ d, t: Date.parse(d.started_at) });
  }
  for (const list of out.values()) list.sort((a, b) => a.t - b.t || (a.d.id < b.d.id ? -1 : a.d.id > b.d.id ? 1 : 0));
  return out;
}

const started = (d: DeploymentFacts) => `${d.id} (started ${d.started_at})`;

/**
 * Attributes each incident to a deployment, trying in order (the contract's chain): `deployment-link`
 * (caused_by_deployment names a known deployment); `change-release-link` (caused_by_change names a known
 * change with a release: the last successful production deployment of that release that started before
 * the incident opened); `same-system-fallback` (the last successful production deployment of the
 * incident's system that started in the 168 hours before it opened, the 168th hour included). When none
 * applies but caused_by_change names a known change, the incident is attributed to that change alone
 * (`change-link`). Links naming rows no export holds are passed over, and the reason says so.
 */
export function attributeIncidents(
  incidents: readonly IncidentFacts[],
  changes: readonly ChangeLinkFacts[],
  deployments: readonly DeploymentFacts[],
): Attribution[] {
  const byId = new Map(deployments.map((d) => [d.id, d]));
  const changeByNumber = new Map(changes.map((c) => [c.number, c]));
  const good = deployments.filter((d) => d.production && d.status === 'success');
  const byRelease = index(good, (d) => d.release_id);
  const bySystem = index(good, (d) => d.system_id);

  return incidents.map((i): Attribution => {
    const opened = Date.parse(i.opened_at);
    const notes: string[] = [];
    const base = { incident: i.number, deploymentId: null, changeNumber: null, releaseId: null };

    if (i.caused_by_deployment) {
      const d = byId.get(i.caused_by_deployment);
      if (d) {
        return {
          ...base, rule: 'deployment-link', deploymentId: d.id, releaseId: d.release_id, systemId: d.system_id ?? i.system_id,
          reason: `caused_by_deployment names deployment ${started(d)}`,
        };
      }
      notes.push(`caused_by_deployment names ${i.caused_by_deployment}, which no export holds`);
    }

    let change: ChangeLinkFacts | undefined;
    if (i.caused_by_change) {
      change = changeByNumber.get(i.caused_by_change);
      if (!change) notes.push(`caused_by_change names ${i.caused_by_change}, which no export holds`);
      else if (!change.release_id) notes.push(`${change.number} names no release`);
      else {
        const d = lastBefore(byRelease.get(change.release_id), opened);
        if (d) {
          return {
            ...base, rule: 'change-release-link', deploymentId: d.id, changeNumber: change.number, releaseId: change.release_id, systemId: d.system_id ?? change.system_id ?? i.system_id,
            reason: `caused_by_change names ${change.number} of release ${change.release_id}; its last successful production deployment before the incident opened: ${started(d)}`,
          };
        }
        notes.push(`release ${change.release_id} of ${change.number} has no successful production deployment before the incident opened`);
      }
    }

    const prefix = notes.length ? `${notes.join('; ')}; ` : 'no cause recorded; ';
    const d = i.system_id ? lastBefore(bySystem.get(i.system_id), opened, opened - FALLBACK_HOURS * HOUR_MS) : null;
    if (d) {
      const hours = Math.round(((opened - Date.parse(d.started_at)) / HOUR_MS) * 100) / 100;
      return {
        ...base, rule: 'same-system-fallback', deploymentId: d.id, changeNumber: change?.number ?? null, releaseId: d.release_id, systemId: i.system_id,
        reason: `${prefix}the last successful production deployment of ${i.system_id} in the ${FALLBACK_HOURS} hours before the incident opened: ${started(d)}, ${hours} hours before`,
      };
    }
    const noDeployment = i.system_id
      ? `no successful production deployment of ${i.system_id} started in the ${FALLBACK_HOURS} hours before the incident opened`
      : 'no system to look for a deployment on';
    if (change) {
      // No deployment to blame, but the change is known: the incident is attributed to the change (it
      // counts for recovery time, and for the change's system), not to a deployment.
      const systemId = change.system_id ?? i.system_id;
      return {
        ...base, rule: 'change-link', changeNumber: change.number, releaseId: change.release_id, systemId,
        reason: `${prefix}${noDeployment}: the incident is attributed to ${change.number}${systemId ? ` (system ${systemId})` : ''}`,
      };
    }
    return { ...base, rule: null, systemId: i.system_id, reason: `${prefix}${noDeployment}` };
  });
}
