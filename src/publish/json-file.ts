// Writes a big value as JSON to a file piece by piece: the same bytes as `JSON.stringify(value, null,
// indent)`, without the whole text in memory at once. The enterprise model's JSON is ~115 MB and its
// metric rows' ~90 MB; as single strings they, and the pieces V8 joins them from, sat on top of the
// model step's heap at its end.
import fs from 'node:fs';

/**
 * `split`: arrays and objects nested less deep than this are written member by member, deeper ones
 * stringified whole (a member per write would be slower for a million small values). `end`: text
 * written after the value (a final newline). `ascii`: characters beyond ASCII written as `\uXXXX`
 * escapes (the same JSON value, in other bytes): see readReport (report/read-model.ts).
 */
export function writeJsonFile(file: string, value: unknown, { indent = 0, split = 3, end = '', ascii = false } = {}): void {
  const fd = fs.openSync(file, 'w');
  try {
    const out = new Output(fd, split, ascii);
    write(out, value, indent, '', 0);
    out.add(end);
    out.flush();
  } finally {
    fs.closeSync(fd);
  }
}

export interface JsonObjectFile {
  /** Writes one member now (a member whose value is undefined is left out, as JSON.stringify does). */
  member(key: string, value: unknown): void;
  /** Ends the object and the file. */
  close(): void;
  /** Closes and removes the unfinished file (a failure). */
  abandon(): void;
}

/**
 * An object written to `file` member by member, as the caller has them: the text `writeJsonFile`
 * writes for an object with the same members in the same order (without indentation).
 */
export function openJsonObject(file: string, { split = 3, ascii = false } = {}): JsonObjectFile {
  const fd = fs.openSync(file, 'w');
  const out = new Output(fd, split, ascii);
  let members = 0;
  out.add('{');
  return {
    member(key, value) {
      if (!included(value)) return;
      out.add(`${members++ ? ',' : ''}${JSON.stringify(key)}:`);
      write(out, value, 0, '', 1);
    },
    close() {
      try {
        out.add('}');
        out.flush();
      } finally {
        fs.closeSync(fd);
      }
    },
    abandon() {
      fs.closeSync(fd);
      fs.rmSync(file, { force: true });
    },
  };
}

/** What JSON.stringify writes of an object's member. */
const included = (v: unknown) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol';

/** Buffers small pieces into writes of ~1 MB. */
class Output {
  #parts: string[] = [];
  #size = 0;
  readonly fd: number;
  readonly split: number;
  readonly ascii: boolean;
  constructor(fd: number, split: number, ascii: boolean) {
    this.fd = fd;
    this.split = split;
    this.ascii = ascii;
  }

  add(text: string): void {
    this.#parts.push(text);
    this.#size += text.length;
    if (this.#size > 1 << 20) this.flush();
  }

  flush(): void {
    if (this.#parts.length) fs.writeSync(this.fd, this.ascii ? asciiOnly(this.#parts.join('')) : this.#parts.join(''));
    this.#parts = [];
    this.#size = 0;
  }
}

/** Outside its strings JSON is ASCII: each other character is one in a string, and can be escaped. */
function asciiOnly(json: string): string {
  return /[^\0-\x7f]/.test(json) ? json.replace(/[^\0-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : json;
}

/** Plain arrays and objects: JSON.stringify's own rules (toJSON, undefined, functions) apply to the rest. */
function splittable(value: unknown): value is Record<string, unknown> | unknown[] {
  if (Array.isArray(value)) return true;
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}

/** Writes `value` as it stands at `pad` (its own line's indentation), like JSON.stringify would. */
function write(out: Output, value: unknown, indent: number, pad: string, depth: number): void {
  if (depth >= out.split || !splittable(value)) {
    const text = JSON.stringify(value, null, indent);
    out.add(indent && pad ? text.replaceAll('\n', `\n${pad}`) : text);
    return;
  }
  const inner = pad + ' '.repeat(indent);
  const open = indent ? `\n${inner}` : '';
  const [start, end] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  const entries: Array<[string | null, unknown]> = Array.isArray(value)
    ? value.map((v) => [null, v])
    : Object.entries(value).filter(([, v]) => included(v));
  if (!entries.length) return out.add(start + end);
  out.add(start);
  entries.forEach(([key, v], i) => {
    out.add((i ? ',' : '') + open + (key === null ? '' : JSON.stringify(key) + (indent ? ': ' : ':')));
    // In arrays, what JSON.stringify writes as null.
    write(out, key === null && !included(v) ? null : v, indent, inner, depth + 1);
  });
  out.add((indent ? `\n${pad}` : '') + end);
}
