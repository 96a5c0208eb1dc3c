/**
 * A hover on a value a rendered object's finding landed on: the object as helm rendered it (the
 * render layer computed it; this presents it), after whatever else the hover says there.
 */
import type { Hover, MarkupContent } from 'vscode-languageserver-types';
import type { RenderedSnippet } from '../../rendered';

/** A fence that the snippet cannot close. */
function fence(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(longest + 1);
}

export function withRendered(hover: Hover | null, rendered: readonly RenderedSnippet[]): Hover | null {
  if (rendered.length === 0) return hover;
  const sections = rendered.map((r) => {
    const f = fence(r.snippet);
    return `**Rendered:** ${r.what.replace(/[\\`*_[\]<>]/g, (c) => `\\${c}`)}\n\n${f}yaml\n${r.snippet}\n${f}`;
  });
  const before = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? `${(hover.contents as MarkupContent).value}\n\n---\n\n` : '';
  return { ...(hover ?? {}), contents: { kind: 'markdown', value: before + sections.join('\n\n---\n\n') } };
}
