// The sample's files follow the real formats: canonical CSV columns of the model, Jira Cloud and
// Server issue CSV layouts, Jira versions JSON, ServiceNow change CSV and incident JSON.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTITIES, ENTITY_NAMES, entityColumns } from '../../src/model/catalog.ts';
import type { SampleResult } from '../../src/sample/generate.ts';
import { instant, readCsv, readJson, removeSamples, sample } from './read-sample.ts';

let s: SampleResult;
beforeAll(() => {
  s = sample();
});
afterAll(removeSamples);

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const CLOUD_TIME = /^\d{2}\/[A-Z][a-z]{2}\/\d{2} \d{1,2}:\d{2} [AP]M$/;
const SERVER_TIME = /^\d{1,2}\/[A-Z][a-z]{2}\/\d{2} \d{2}:\d{2}$/;
const SNOW_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

describe('sample formats', () => {
  it('writes canonical CSV files with the model\'s columns and value spellings', () => {
    const canonical = ENTITY_NAMES.filter((n) => ENTITIES[n].csvFile && fs.existsSync(path.join(s.out, ENTITIES[n].csvFile!)));
    expect(canonical.length).toBeGreaterThanOrEqual(13);
    for (const n of canonical) {
      const t = readCsv(s.out, ENTITIES[n].csvFile!);
      const cols = new Map(entityColumns(n).map((c) => [c.name, c]));
      expect(t.header.filter((h) => !cols.has(h)), ENTITIES[n].csvFile!).toEqual([]);
      for (const r of ENTITIES[n].csvRequired) expect(t.header, ENTITIES[n].csvFile!).toContain(r);
      for (const row of t.rows) {
        expect(row.length).toBe(t.header.length);
        t.header.forEach((h, i) => {
          const v = row[i]!;
          const c = cols.get(h)!;
          if (v === '') return expect(c.required, `${ENTITIES[n].csvFile} ${h} is required`).toBe(false);
          if (c.kind === 'date') expect(v, `${ENTITIES[n].csvFile} ${h}`).toMatch(n === 'cost' ? /^\d{4}-\d{2}$/ : ISO_DATE);
          if (c.kind === 'instant') expect(v, `${ENTITIES[n].csvFile} ${h}`).toMatch(n === 'booking' || n === 'freeze_window' ? ISO_DATE : ISO_INSTANT);
          if (c.kind === 'bool') expect(['true', 'false']).toContain(v);
          if (c.kind === 'int' || c.kind === 'num') expect(Number.isFinite(Number(v)), `${h}=${v}`).toBe(true);
          if (c.kind === 'enum') expect(c.values, `${ENTITIES[n].csvFile} ${h}`).toContain(v);
        });
      }
    }
  });

  it('writes the Jira Cloud issue export with repeated columns and Cloud dates', () => {
    const t = readCsv(s.out, 'jira-cloud-issues.csv');
    expect(t.header.slice(0, 7)).toEqual(['Summary', 'Issue key', 'Issue id', 'Issue Type', 'Status', 'Project key', 'Project name']);
    for (const [name, n] of [['Fix versions', 2], ['Components', 2], ['Labels', 3], ['Sprint', 3], ['Comment', 2]] as const) {
      expect(t.header.filter((h) => h === name), name).toHaveLength(n);
    }
    for (const h of ['Custom field (Story Points)', 'Custom field (Team)', 'Custom field (Found In)', 'Parent key', 'Status Category']) expect(t.header).toContain(h);
    const multi = { fix: 0, labels: 0, sprints: 0 };
    for (const row of t.rows) {
      expect(['Epic', 'Story', 'Task', 'Sub-task', 'Bug']).toContain(t.get(row, 'Issue Type'));
      expect(['To Do', 'In Progress', 'In Review', 'Done']).toContain(t.get(row, 'Status'));
      for (const h of ['Created', 'Updated', 'Resolved', 'Status Category Changed']) if (t.get(row, h)) expect(t.get(row, h)).toMatch(CLOUD_TIME);
      for (const c of t.all(row, 'Comment')) expect(c.split(';')[0]).toMatch(CLOUD_TIME);
      expect(t.get(row, 'Custom field (Found In)') !== '').toBe(t.get(row, 'Issue Type') === 'Bug');
      if (t.all(row, 'Fix versions').length > 1) multi.fix++;
      if (t.all(row, 'Labels').length > 2) multi.labels++;
      if (t.all(row, 'Sprint').length > 1) multi.sprints++;
    }
    expect(Math.min(multi.fix, multi.labels, multi.sprints)).toBeGreaterThan(0);
  });

  it('writes the Jira Server/Data Center export with its own spellings and 24-hour dates', () => {
    const t = readCsv(s.out, 'jira-server-issues.csv');
    for (const h of ['Fix Version/s', 'Component/s', 'Affects Version/s', 'Parent id', 'Custom field (Epic Link)']) expect(t.header).toContain(h);
    expect(t.header).not.toContain('Fix versions');
    for (const row of t.rows) for (const h of ['Created', 'Updated']) expect(t.get(row, h)).toMatch(SERVER_TIME);
    const subtasks = t.rows.filter((r) => t.get(r, 'Issue Type') === 'Sub-task');
    expect(subtasks.length).toBeGreaterThan(0);
    const ids = new Set(t.rows.map((r) => t.get(r, 'Issue id')));
    for (const r of subtasks) expect(ids.has(t.get(r, 'Parent id'))).toBe(true);
  });

  it('writes Jira project versions as the REST API returns them', () => {
    const files = s.files.filter((f) => /^[A-Z]+-versions\.json$/.test(f.file));
    expect(files).toHaveLength(8);
    const order = ['self', 'id', 'description', 'name', 'archived', 'released', 'startDate', 'releaseDate', 'overdue', 'userStartDate', 'userReleaseDate', 'projectId'];
    let undated = 0;
    for (const f of files) {
      const versions = readJson(s.out, f.file) as Array<Record<string, unknown>>;
      for (const v of versions) {
        const keys = Object.keys(v);
        expect(keys).toEqual(order.filter((k) => keys.includes(k)));
        expect(typeof v.id).toBe('string');
        expect(typeof v.projectId).toBe('number');
        if (v.releaseDate === undefined) undated++;
        else {
          expect(v.releaseDate).toMatch(ISO_DATE);
          expect(v.userReleaseDate).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{2}$/);
        }
        if (v.released) expect(v.overdue).toBeUndefined();
      }
    }
    expect(undated).toBeGreaterThan(0);
  });

  it('writes ServiceNow changes as a quoted list export with display values', () => {
    const first = fs.readFileSync(path.join(s.out, 'change_request.csv'), 'utf8').split('\r\n')[0];
    expect(first).toBe('"number","short_description","type","state","risk","impact","priority","category","assignment_group","assigned_to","cmdb_ci","u_release","start_date","end_date","work_start","work_end","cab_required","approval","close_code","close_notes","opened_at","closed_at","sys_created_on","sys_updated_on","unauthorized"');
    for (const file of ['change_request.csv', 'change_request-2025-06-30.csv']) {
      const t = readCsv(s.out, file);
      for (const row of t.rows) {
        expect(t.get(row, 'number')).toMatch(/^CHG\d{7}$/);
        expect(['Standard', 'Normal', 'Emergency']).toContain(t.get(row, 'type'));
        expect(['New', 'Assess', 'Authorize', 'Scheduled', 'Implement', 'Review', 'Closed', 'Canceled']).toContain(t.get(row, 'state'));
        expect(['', 'Successful', 'Successful with issues', 'Unsuccessful']).toContain(t.get(row, 'close_code'));
        for (const h of ['opened_at', 'start_date', 'end_date', 'sys_updated_on']) expect(t.get(row, h)).toMatch(SNOW_TIME);
      }
    }
  });

  it('writes ServiceNow incidents as a classic JSON export of display strings', () => {
    const doc = readJson(s.out, 'incident.json');
    expect(Object.keys(doc)).toEqual(['records']);
    for (const r of doc.records as Array<Record<string, unknown>>) {
      for (const v of Object.values(r)) expect(typeof v).toBe('string');
      expect(r.priority).toMatch(/^[1-4] - (Critical|High|Moderate|Low)$/);
      expect(r.opened_at).toMatch(SNOW_TIME);
      expect(() => instant(String(r.sys_updated_on))).not.toThrow();
    }
  });

  it('keeps hostile-looking texts intact through CSV quoting', () => {
    const t = readCsv(s.out, 'jira-cloud-issues.csv');
    const server = readCsv(s.out, 'jira-server-issues.csv');
    const summaries = new Set([...t.rows.map((r) => t.get(r, 'Summary')), ...server.rows.map((r) => server.get(r, 'Summary'))]);
    expect(summaries).toContain('Payee name with <script>alert("pwned")</script> breaks the confirmation page');
    expect([...summaries].some((x) => x.startsWith('=HYPERLINK("'))).toBe(true);
    expect(t.rows.some((r) => t.get(r, 'Description').includes('\n') && t.get(r, 'Description').includes('"'))).toBe(true);
  });
});
