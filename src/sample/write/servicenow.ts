// ServiceNow exports with display values: change_request as a list CSV export (field-name headers,
// every cell quoted, `yyyy-MM-dd HH:mm:ss`), written twice — the current export, and one taken
// mid-history whose records the current one supersedes (same number, later sys_updated_on) — and
// incident as a classic JSON export `{"records":[…]}`. Configuration items are named, not keyed.
import path from 'node:path';
import { at, day, isoDate, snowTime, type Minute } from '../time.ts';
import { changeAt, incidentAt, INCIDENT_PRIORITY, type Change, type Incident } from '../itsm.ts';
import { CsvSink, TextSink } from './sink.ts';
import type { FileReport } from './canonical.ts';

const CHANGE_COLUMNS = [
  'number', 'short_description', 'type', 'state', 'risk', 'impact', 'priority', 'category', 'assignment_group', 'assigned_to',
  'cmdb_ci', 'u_release', 'start_date', 'end_date', 'work_start', 'work_end', 'cab_required', 'approval', 'close_code',
  'close_notes', 'opened_at', 'closed_at', 'sys_created_on', 'sys_updated_on', 'unauthorized',
];

/** When the older change export was taken. */
export const EARLIER_EXPORT = at(day('2025-06-30'), 17, 0);

const CHANGE_PRIORITY: Record<Change['risk'], string> = { High: '2 - High', Moderate: '3 - Moderate', Low: '4 - Low' };
const URGENCY = ['', '1 - High', '2 - Medium', '2 - Medium', '3 - Low'];
const IMPACT = ['', '1 - High', '1 - High', '2 - Medium', '3 - Low'];

const time = (m: Minute | null) => (m === null ? '' : snowTime(m));

export class ServiceNowFiles {
  #dir: string;
  #current: CsvSink;
  #earlier: CsvSink;
  #incidents: TextSink;
  #incidentCount = 0;
  readonly earlierFile = `change_request-${isoDate(Math.floor(EARLIER_EXPORT / 1440))}.csv`;
  readonly now: Minute;

  constructor(dir: string, now: Minute) {
    this.#dir = dir;
    if (EARLIER_EXPORT >= now) throw new Error('sample: the earlier change export must precede the reference time');
    this.#current = new CsvSink(path.join(dir, 'change_request.csv'), CHANGE_COLUMNS, { quoteAll: true, eol: '\r\n' });
    this.#earlier = new CsvSink(path.join(dir, this.earlierFile), CHANGE_COLUMNS, { quoteAll: true, eol: '\r\n' });
    this.#incidents = new TextSink(path.join(dir, 'incident.json'));
    this.#incidents.write('{"records":[');
    this.now = now;
  }

  #changeRow(c: Change, asOf: Minute): string[] {
    const s = changeAt(c, asOf);
    return [
      c.number, c.shortDescription, c.type, s.state, c.risk, c.impact, c.type === 'Emergency' ? '1 - Critical' : CHANGE_PRIORITY[c.risk],
      c.category, c.group, c.assignee, c.system.name, c.release?.id ?? '', time(c.plannedStart), time(c.plannedEnd),
      time(s.workStart), time(s.workEnd), String(c.cab), s.approval, s.closeCode ?? '', s.closeNotes, time(c.opened), time(s.closed),
      time(c.opened), time(s.updated), String(c.unauthorized),
    ];
  }

  change(c: Change): void {
    this.#current.row(this.#changeRow(c, this.now));
    if (c.opened <= EARLIER_EXPORT) this.#earlier.row(this.#changeRow(c, EARLIER_EXPORT));
  }

  incident(i: Incident): void {
    const s = incidentAt(i, this.now);
    const record = {
      number: i.number, short_description: i.shortDescription, state: s.state, impact: IMPACT[i.priority], urgency: URGENCY[i.priority],
      priority: INCIDENT_PRIORITY[i.priority], category: i.category, assignment_group: i.group, assigned_to: i.assignee,
      cmdb_ci: i.system.name, opened_at: time(i.opened), resolved_at: time(s.resolved), closed_at: time(s.closed),
      close_code: s.resolved === null ? '' : i.closeCode, caused_by: i.causedBy?.number ?? '', sys_created_on: time(i.opened),
      sys_updated_on: time(s.updated),
    };
    this.#incidents.write(`${this.#incidentCount++ ? ',' : ''}\n${JSON.stringify(record)}`);
  }

  close(): FileReport[] {
    this.#incidents.write('\n]}\n');
    const reports = [this.#current, this.#earlier].map((sink) => {
      const rows = sink.rows;
      return { file: path.relative(this.#dir, sink.path), rows, bytes: sink.close() };
    });
    this.#incidents.close();
    return [...reports, { file: 'incident.json', rows: this.#incidentCount, bytes: this.#incidents.bytes }];
  }
}
