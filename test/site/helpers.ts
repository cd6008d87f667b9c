// Reading rendered chart SVG back in tests, and a release row and a change row to vary.
import { parseHTML } from 'linkedom';
import type { ChangeRow } from '../../src/report/model-changes.ts';
import type { ReleaseRow } from '../../src/report/model-releases.ts';

export function svgOf(markup: string): SVGSVGElement {
  return parseHTML(`<!doctype html><html><body>${markup}</body></html>`).document.querySelector('svg') as unknown as SVGSVGElement;
}

/** The tooltips of the shapes inside the mark groups with `className`. */
export function titles(svg: SVGSVGElement, className: string): string[] {
  return [...svg.querySelectorAll(`g.${className} title`)].map((t) => t.textContent ?? '');
}

export const HOSTILE = '<script>alert(1)</script> "><img src=x onerror=alert(1)>';

export function releaseRow(id: string, over: Partial<ReleaseRow> = {}): ReleaseRow {
  return {
    id, slug: id.toLowerCase(), name: `${id} name`, projectId: 'P', projectName: 'Payments', systemIds: ['core'], type: 'minor', status: null,
    state: 'planned', stateReason: 'planned', plannedStart: null, plannedRelease: null, actualRelease: null, slipDays: null,
    workItems: 0, doneWorkItems: 0, upstream: 0, downstream: 0, slackDays: null, ...over,
  };
}

export function changeRow(number: string, over: Partial<ChangeRow> = {}): ChangeRow {
  return {
    number, slug: number.toLowerCase(), description: `${number} work`, type: 'normal', state: 'closed', risk: null, system: { id: 'pay', name: 'Payments' },
    team: 'Team', release: null, releaseId: null, plannedStart: null, plannedEnd: null, openedAt: '2026-01-02T09:00:00Z', approvedAt: null,
    closedAt: null, closeCode: 'successful', unauthorized: false, cancelled: false, leadTimeDays: null, approvalDays: null, freezes: [], inFreeze: false,
    collidesWith: [], incidents: [], source: { file: 'changes.csv', line: 2, pointer: null }, ...over,
  };
}
