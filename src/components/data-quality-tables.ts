// The data page's tables, built from the last ingest's data-quality report.
import type { DataQuality } from '../report/model.ts';
import { countCell, textCell, type Cell, type Column } from './table.ts';

export const FILE_COLUMNS: Column[] = [
  { label: 'File' },
  { label: 'Adapter' },
  { label: 'Format' },
  { label: 'Entities' },
  { label: 'Records', kind: 'number' },
  { label: 'Rows loaded', kind: 'number' },
  { label: 'Rejected', kind: 'number' },
  { label: 'Encoding' },
];

export function fileRows(files: DataQuality['files']): Cell[][] {
  return files.map((f) => [
    textCell(f.path),
    textCell(f.adapter),
    textCell(f.format),
    textCell(f.entities.length === 0 ? null : f.entities.join(', ')),
    countCell(f.records),
    countCell(f.rows),
    countCell(f.rejected),
    textCell(f.encoding),
  ]);
}

export const TABLE_COLUMNS: Column[] = [{ label: 'Table' }, { label: 'Name in the database' }, { label: 'Rows', kind: 'number' }];

export function tableRows(tables: DataQuality['tables']): Cell[][] {
  return tables.map((t) => [textCell(t.label), textCell(t.table), countCell(t.rows)]);
}

export const WARNING_COLUMNS: Column[] = [{ label: 'File' }, { label: 'Code' }, { label: 'Warning' }, { label: 'Times', kind: 'number' }];

export function warningRows(warnings: DataQuality['warnings']): Cell[][] {
  return warnings.map((w) => [textCell(w.path), textCell(w.code), textCell(w.message), countCell(w.count)]);
}

export const REJECT_COLUMNS: Column[] = [
  { label: 'File' },
  { label: 'Where' },
  { label: 'Entity' },
  { label: 'Field' },
  { label: 'Value' },
  { label: 'Expected' },
];

export function rejectRows(rejects: DataQuality['rejects']): Cell[][] {
  return rejects.map((r) => [
    textCell(r.path),
    textCell(r.line !== null ? `line ${r.line}` : r.pointer),
    textCell(r.entity),
    textCell(r.field),
    textCell(r.value),
    textCell(r.expected),
  ]);
}
