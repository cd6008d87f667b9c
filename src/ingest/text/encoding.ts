// Text encodings: exports arrive as UTF-8 (with or without BOM), UTF-16 (Excel) or Windows-1252.
// DuckDB reads UTF-8 with LF or CRLF line ends; anything else is rewritten once to a UTF-8 temp file.
import fs from 'node:fs';
import path from 'node:path';
import { isUtf8 } from 'node:buffer';
import { IngestError } from '../errors.ts';

export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface PreparedText {
  /** The export as the user named it. */
  path: string;
  /** A UTF-8 file with LF or CRLF line ends that DuckDB can read: the export itself, or a temp copy. */
  readPath: string;
  encoding: Encoding;
  /** Line ends were mixed or CR-only and have been normalised to LF in the temp copy. */
  newlinesNormalised: boolean;
  bytes: number;
}

const CHUNK = 1 << 22;

function bomEncoding(head: Buffer): Encoding | null {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8-bom';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return null;
}

/** UTF-16 without a BOM shows as a NUL in every other byte of mostly-ASCII text. */
function bomlessUtf16(head: Buffer): Encoding | null {
  const n = Math.min(head.length, 4096) & ~1;
  if (n < 8) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenNul++;
    if (head[i + 1] === 0) oddNul++;
  }
  const half = n / 2;
  if (oddNul > half * 0.6 && evenNul < half * 0.1) return 'utf-16le';
  if (evenNul > half * 0.6 && oddNul < half * 0.1) return 'utf-16be';
  return evenNul + oddNul > 0 ? utf16ByContent(head.subarray(0, n)) : null;
}

/**
 * Text that is mostly outside Latin (CJK, Hebrew, emoji…) has few NUL bytes even in UTF-16, so the
 * ratio above misses it. Such a head must then decode as well-formed UTF-16 without control
 * characters, and its ASCII (a CSV header, delimiters, line ends) must read as ASCII in one byte
 * order only: a binary file, or ASCII text with a stray NUL, fails one of these.
 */
function utf16ByContent(head: Buffer): Encoding | null {
  const ascii = (label: 'utf-16le' | 'utf-16be'): number => {
    let text: string;
    try {
      // `stream` lets the 4 KB cut fall inside a surrogate pair.
      text = new TextDecoder(label, { fatal: true }).decode(head, { stream: true });
    } catch {
      return -1;
    }
    if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(text)) return -1;
    let count = 0;
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) < 0x80) count++;
    return count >= 8 && count >= text.length * 0.1 ? count : -1;
  };
  const [le, be] = [ascii('utf-16le'), ascii('utf-16be')];
  if (le > be) return 'utf-16le';
  if (be > le) return 'utf-16be';
  return null;
}

interface ByteStats {
  utf8: boolean;
  crlf: number;
  lf: number;
  cr: number;
  nul: boolean;
  /** Byte sequences of double-encoded UTF-8 ("Ã©" for "é", "â€™" for "’"). */
  mojibake: number;
}

/** UTF-8 of "Ã" or "Â" then of U+0080–U+00BF, or of "â€": what UTF-8 read as Windows-1252 and saved again looks like. */
function isMojibake(buf: Buffer, i: number, end: number): boolean {
  if (i + 3 >= end) return false;
  const b1 = buf[i + 1]!;
  if ((b1 === 0x83 || b1 === 0x82) && buf[i + 2] === 0xc2 && (buf[i + 3]! & 0xc0) === 0x80) return true;
  return b1 === 0xa2 && buf[i + 2] === 0xe2 && buf[i + 3] === 0x82 && i + 4 < end && buf[i + 4] === 0xac;
}

/** One pass over the bytes: is it valid UTF-8, which line ends does it use, does it hold NUL bytes. */
function scanBytes(file: string, onBytes?: (done: number, total: number) => void): ByteStats {
  const total = fs.statSync(file).size;
  let done = 0;
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.allocUnsafe(CHUNK + 4);
  const stats: ByteStats = { utf8: true, crlf: 0, lf: 0, cr: 0, nul: false, mojibake: 0 };
  let carry = 0;
  let prevCr = false;
  try {
    for (;;) {
      const n = fs.readSync(fd, buf, carry, CHUNK, null);
      const end = carry + n;
      if (end === 0) break;
      done += n;
      onBytes?.(done, total);
      // Keep an incomplete trailing UTF-8 sequence for the next chunk.
      let cut = end;
      if (n > 0) {
        let i = end - 1;
        while (i > 0 && i >= end - 3 && (buf[i]! & 0xc0) === 0x80) i--;
        const lead = buf[i]!;
        const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
        if (i + need > end) cut = i;
      }
      if (stats.utf8 && !isUtf8(buf.subarray(0, cut))) stats.utf8 = false;
      // Native searches (memchr) rather than a JavaScript loop over every byte: files run to gigabytes.
      const view = buf.subarray(0, cut);
      if (view.indexOf(0) !== -1) {
        // A NUL makes the file an error whatever follows: stop here rather than read on through a
        // large binary (or a sparse file that claims a gigabyte of zeros).
        stats.nul = true;
        break;
      }
      if (cut > 0 && prevCr && view[0] !== 0x0a) stats.cr++;
      for (let i = view.indexOf(0x0a); i !== -1; i = view.indexOf(0x0a, i + 1)) {
        if (i === 0 ? prevCr : view[i - 1] === 0x0d) stats.crlf++;
        else stats.lf++;
      }
      // A CR ending the chunk is settled by the next one's first byte.
      for (let i = view.indexOf(0x0d); i !== -1 && i + 1 < cut; i = view.indexOf(0x0d, i + 1)) if (view[i + 1] !== 0x0a) stats.cr++;
      if (cut > 0) prevCr = view[cut - 1] === 0x0d;
      for (let i = view.indexOf(0xc3); i !== -1; i = view.indexOf(0xc3, i + 1)) if (isMojibake(view, i, cut)) stats.mojibake++;
      buf.copy(buf, 0, cut, end);
      carry = end - cut;
      if (n === 0) {
        if (carry > 0) stats.utf8 = false;
        break;
      }
    }
    if (prevCr) stats.cr++;
  } finally {
    fs.closeSync(fd);
  }
  return stats;
}

/** Decodes `file` with `encoding` and writes it as UTF-8 with LF line ends. */
function rewrite(file: string, encoding: Encoding, out: string): void {
  const label = encoding === 'utf-8-bom' ? 'utf-8' : encoding;
  const decoder = new TextDecoder(label, { ignoreBOM: false });
  const fd = fs.openSync(file, 'r');
  const outFd = fs.openSync(out, 'w');
  const buf = Buffer.allocUnsafe(CHUNK);
  let pendingCr = false;
  try {
    for (;;) {
      const n = fs.readSync(fd, buf, 0, CHUNK, null);
      let text = decoder.decode(buf.subarray(0, n), { stream: n > 0 });
      if (pendingCr) text = '\r' + text;
      pendingCr = n > 0 && text.endsWith('\r');
      if (pendingCr) text = text.slice(0, -1);
      fs.writeSync(outFd, text.replace(/\r\n?/g, '\n'));
      if (n === 0) break;
    }
  } finally {
    fs.closeSync(fd);
    fs.closeSync(outFd);
  }
}

/**
 * Detects the encoding and line ends of a text export and returns a path DuckDB can read.
 * `warn` receives what the user should know (a guessed encoding, normalised line ends).
 */
export function prepareText(
  file: string,
  tmpDir: string,
  warn: (code: string, message: string) => void,
  onBytes?: (done: number, total: number) => void,
  shown = file,
): PreparedText {
  const bytes = fs.statSync(file).size;
  const head = Buffer.alloc(Math.min(bytes, 4096));
  const fd = fs.openSync(file, 'r');
  fs.readSync(fd, head, 0, head.length, 0);
  fs.closeSync(fd);

  const tmp = () => path.join(tmpDir, `${path.basename(file)}.${process.pid}.${Math.random().toString(36).slice(2)}.utf8`);
  const bom = bomEncoding(head) ?? bomlessUtf16(head);
  if (bom === 'utf-16le' || bom === 'utf-16be') {
    const out = tmp();
    rewrite(file, bom, out);
    if (!bomEncoding(head)) warn('encoding', `read as ${bom.toUpperCase()} (no byte order mark; detected from its NUL bytes)`);
    return { path: file, readPath: out, encoding: bom, newlinesNormalised: true, bytes };
  }
  const stats = scanBytes(file, onBytes);
  if (stats.nul) {
    throw new IngestError({ file: shown, expected: 'a text file (CSV or JSON)', message: 'it contains NUL bytes: a binary file, or text in an encoding this tool cannot detect' });
  }
  const encoding: Encoding = !stats.utf8 ? 'windows-1252' : bom ?? 'utf-8';
  const mixed = stats.cr > 0 || (stats.crlf > 0 && stats.lf > 0);
  if (encoding === 'windows-1252') {
    warn('encoding', 'not valid UTF-8: read as Windows-1252 (save exports as UTF-8 to avoid the guess)');
  }
  if (stats.utf8 && stats.mojibake > 0) {
    warn('mojibake', `${stats.mojibake} place(s) look like UTF-8 text that was read as Windows-1252 and saved again ("Ã©" for "é", "â€™" for "’"): kept as found; export the file again as UTF-8`);
  }
  if (encoding !== 'windows-1252' && !mixed) {
    return { path: file, readPath: file, encoding, newlinesNormalised: false, bytes };
  }
  const out = tmp();
  rewrite(file, encoding, out);
  return { path: file, readPath: out, encoding, newlinesNormalised: mixed, bytes };
}
