/**
 * PEM (RFC 7468) block finder. Works on any text: a .pem file, an `openssl x509 -text` dump with
 * blocks in it, or a YAML block scalar (lines may be indented). Offsets are into the given text.
 */

import type { Span } from '../core/types';

export interface PemBlock {
  /** Label as written after BEGIN, e.g. CERTIFICATE, RSA PRIVATE KEY. */
  readonly label: string;
  /** From the first dash of BEGIN to the last dash of END (or the end of the last body line when END is missing). */
  readonly span: Span;
  /** The BEGIN marker itself. */
  readonly beginSpan: Span;
  /** RFC 1421 headers (legacy encrypted keys: Proc-Type, DEK-Info). */
  readonly headers: Readonly<Record<string, string>>;
  /** Base64 body with whitespace removed. */
  readonly base64: string;
  /** Blocks separated only by whitespace (or anything, in a whole PEM file) share a bundle number. */
  readonly bundle: number;
  /** Present when the armour or the base64 is broken; der is then undefined. */
  readonly error?: string;
  readonly der?: Uint8Array;
}

export interface PemParseResult {
  readonly blocks: PemBlock[];
  /** END markers without a BEGIN. */
  readonly strayEnds: { span: Span; label: string }[];
}

const BEGIN = /^([ \t]*)-----BEGIN ([A-Z0-9][A-Z0-9 ]*)-----[ \t]*\r?$/;
const END = /^([ \t]*)-----END ([A-Z0-9][A-Z0-9 ]*)-----[ \t]*\r?$/;
const HEADER = /^[ \t]*([A-Za-z][A-Za-z0-9-]*):[ \t]*(.*?)\r?$/;
const B64_LINE = /^[A-Za-z0-9+/=]*$/;

export function hasPemMarker(text: string): boolean {
  return text.includes('-----BEGIN ');
}

/**
 * Decodes strict base64 (RFC 4648 §4, no URL alphabet); returns an error message instead of guessing.
 */
export function decodeBase64(b64: string): { der?: Uint8Array; error?: string } {
  if (b64.length === 0) return { error: 'the block is empty' };
  const bad = b64.search(/[^A-Za-z0-9+/=]/);
  if (bad >= 0) return { error: `invalid base64 character '${b64[bad]}'` };
  const pad = b64.indexOf('=');
  if (pad >= 0 && !/^=={0,1}$/.test(b64.slice(pad))) return { error: "base64 padding '=' in the middle of the data" };
  if (b64.length % 4 !== 0) return { error: `base64 length ${b64.length} is not a multiple of 4 (truncated?)` };
  const buf = Buffer.from(b64, 'base64');
  return { der: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength) };
}

export function parsePem(text: string, options: { singleBundle?: boolean } = {}): PemParseResult {
  const blocks: PemBlock[] = [];
  const strayEnds: { span: Span; label: string }[] = [];
  if (!hasPemMarker(text) && !text.includes('-----END ')) return { blocks, strayEnds };
  let bundle = 0;
  let lastEnd = -1;
  let lineStart = 0;
  // Open block state.
  let open: {
    label: string; start: number; beginEnd: number; indent: number; headers: Record<string, string>; body: string[]; inHeaders: boolean;
    bodyEnd: number; error?: string;
  } | undefined;

  const close = (endSpanEnd: number, error?: string) => {
    if (!open) return;
    if (!options.singleBundle && lastEnd >= 0 && /\S/.test(text.slice(lastEnd, open.start))) bundle++;
    const base64 = open.body.join('');
    let der: Uint8Array | undefined;
    let err = error ?? open.error;
    if (!err) {
      const decoded = decodeBase64(base64);
      der = decoded.der;
      err = decoded.error;
    }
    blocks.push({
      label: open.label,
      span: { start: open.start, end: endSpanEnd },
      beginSpan: { start: open.start, end: open.beginEnd },
      headers: open.headers,
      base64,
      bundle,
      ...(err ? { error: err } : { der }),
    });
    lastEnd = endSpanEnd;
    open = undefined;
  };

  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd);
    const begin = line.includes('-----BEGIN ') ? BEGIN.exec(line) : null;
    const end = !begin && line.includes('-----END ') ? END.exec(line) : null;
    if (begin) {
      if (open) close(open.bodyEnd, `no END line for this ${open.label} block`);
      const start = lineStart + begin[1].length;
      open = {
        label: begin[2], start, beginEnd: start + 11 + begin[2].length + 5, indent: begin[1].length, headers: {}, body: [], inHeaders: true,
        bodyEnd: start + 11 + begin[2].length + 5,
      };
    } else if (end) {
      const start = lineStart + end[1].length;
      const markerEnd = start + 9 + end[2].length + 5;
      if (!open) {
        strayEnds.push({ span: { start, end: markerEnd }, label: end[2] });
      } else if (end[2] !== open.label) {
        close(markerEnd, `BEGIN ${open.label} ends with END ${end[2]}`);
      } else {
        close(markerEnd);
      }
    } else if (open) {
      const trimmed = line.trim();
      if (trimmed === '') {
        // A blank line ends the RFC 1421 headers; elsewhere it is tolerated whitespace.
        if (Object.keys(open.headers).length > 0) open.inHeaders = false;
      } else if (open.inHeaders && open.body.length === 0 && HEADER.test(line) && !B64_LINE.test(trimmed)) {
        const h = HEADER.exec(line)!;
        open.headers[h[1]] = h[2];
        open.bodyEnd = lineStart + line.replace(/\r$/, '').length;
      } else {
        open.inHeaders = false;
        if (!B64_LINE.test(trimmed) && !open.error) {
          const bad = trimmed.search(/[^A-Za-z0-9+/=]/);
          const lineNo = countLines(text, lineStart);
          open.error = `invalid base64 character '${trimmed[bad]}' on line ${lineNo + 1}`;
        }
        open.body.push(trimmed);
        open.bodyEnd = lineStart + line.replace(/\s+$/, '').length;
      }
    }
    lineStart = lineEnd + 1;
  }
  if (open) close(open.bodyEnd, `no END line for this ${open.label} block`);
  return { blocks, strayEnds };
}

function countLines(text: string, offset: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
