// The tool's own error type: every problem with an export names where it is and what was expected.

export interface Location {
  /** The export file. */
  file?: string;
  /** 1-based line in a CSV file. */
  line?: number;
  /** JSON pointer in a JSON file. */
  pointer?: string;
  /** Column (CSV header name) or JSON field. */
  field?: string;
  /** The offending value, as found. */
  value?: string;
  /** What the tool expected instead. */
  expected?: string;
  /** Anything else the user should know. */
  message?: string;
}

const MAX_VALUE = 80;

export function showValue(value: string): string {
  const v = value.length > MAX_VALUE ? `${value.slice(0, MAX_VALUE)}…` : value;
  return JSON.stringify(v);
}

/** `file:line field "x": value "v" — expected …` */
export function formatLocation(loc: Location): string {
  const where = [loc.file ?? '', loc.line !== undefined ? `:${loc.line}` : '', loc.pointer !== undefined ? ` at ${loc.pointer || '/'}` : ''].join('');
  const parts: string[] = [];
  if (loc.field !== undefined) parts.push(`field ${JSON.stringify(loc.field)}`);
  if (loc.value !== undefined) parts.push(`value ${showValue(loc.value)}`);
  let text = [where, parts.join(' ')].filter(Boolean).join(': ');
  if (loc.message) text += `${text ? ': ' : ''}${loc.message}`;
  if (loc.expected) text += ` (expected ${loc.expected})`;
  return text;
}

export class IngestError extends Error {
  readonly location: Location;
  constructor(location: Location) {
    super(formatLocation(location));
    this.name = 'IngestError';
    this.location = location;
  }
}
