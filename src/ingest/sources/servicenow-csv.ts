// ServiceNow change_request and incident CSV exports (list exports with field-name headers, Excel
// exports with label headers; display or raw values; audit logs with one row per update).
import { IngestError } from '../errors.ts';
import { stageCsv, col } from '../stage/csv.ts';
import type { Adapter, CsvProbe } from '../adapter.ts';
import { looksLikeServiceNow, resolveColumns } from './servicenow-fields.ts';
import { mapServiceNow, warnColumns, type SnColumn } from './servicenow-map.ts';

export const servicenowCsv: Adapter = {
  id: 'servicenow-csv',
  title: 'ServiceNow change_request / incident CSV export',
  kind: 'csv',
  signature: 'a header with number and ServiceNow fields or labels (short_description or "Short description", cmdb_ci, opened_at, sys_updated_on…)',
  detect(_file, probe) {
    return probe.kind === 'csv' && looksLikeServiceNow(probe.header) ? 0.95 : 0;
  },
  async load(ctx, probe) {
    const p = probe as CsvProbe;
    const releaseField = ctx.config.servicenow.releaseField;
    const cols = resolveColumns(p.header, releaseField ? [releaseField] : []);
    if (!cols.fields.has('number')) {
      throw new IngestError({
        file: ctx.path,
        line: 1,
        field: 'number',
        message: `no number column; found: ${p.header.join(', ')}`,
        expected: 'a ServiceNow export with a number (or "Number") column',
      });
    }
    warnColumns(ctx, cols, 'columns');
    const staged = await stageCsv(ctx, p, cols.fields.values());
    const columns = new Map<string, SnColumn>([...cols.fields].map(([field, i]) => [field, { sql: col(i), column: p.header[i]! }]));
    const result = await mapServiceNow(ctx, { from: staged.relation, values: staged.values, line: '_line', seq: '_row', columns });
    return { records: staged.records, results: [result] };
  },
};
