/**
 * Reading a YAML text by indentation alone, for completion while the document is half typed (and
 * may not parse): the mapping path of a line, and the keys beside it.
 */
import type { PathSegment } from './yaml';

const KEY_LINE = /^(\s*)(- +)?([^\s#:'"][^:#]*?)\s*:\s*(#.*)?$/;

/** The mapping path of a line from indentation alone, so it works while the YAML is half typed. */
export function pathFromIndentation(lines: readonly string[], lineNo: number, column: number): PathSegment[] {
  const path: PathSegment[] = [];
  let indent = column;
  for (let i = lineNo - 1; i >= 0 && indent > 0; i--) {
    const line = lines[i];
    if (/^---/.test(line)) break;
    if (/^\s*(#.*)?$/.test(line)) continue;
    const m = /^(\s*)(- +)?(.*)$/.exec(line)!;
    const dashCol = m[1].length;
    const contentCol = dashCol + (m[2]?.length ?? 0);
    if (m[2] && dashCol < indent && contentCol <= indent) {
      path.push(0);
      indent = dashCol;
      // The item's own key (`- host:` with nested block) is a parent only when we are deeper than it.
      continue;
    }
    if (contentCol < indent) {
      const k = KEY_LINE.exec(line);
      if (k && !k[2]) { path.push(k[3].trim().replace(/^["']|["']$/g, '')); indent = contentCol; }
    }
  }
  return path.reverse();
}

export function siblingKeys(lines: readonly string[], lineNo: number, indent: number): Set<string> {
  const keys = new Set<string>();
  const scan = (from: number, step: number) => {
    for (let i = from; i >= 0 && i < lines.length; i += step) {
      const line = lines[i];
      if (/^\s*(#.*)?$/.test(line)) continue;
      const col = /^\s*/.exec(line)![0].length;
      if (col < indent || /^---/.test(line)) break;
      const k = col === indent ? /^\s*([^\s#:'"][^:#]*?)\s*:/.exec(line) : null;
      if (k) keys.add(k[1]);
    }
  };
  scan(lineNo - 1, -1);
  scan(lineNo + 1, 1);
  return keys;
}

