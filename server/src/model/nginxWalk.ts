/**
 * The directives of an nginx document as rules and hover ask for them: each with the context
 * nginx reads it in, by name, and at an offset. The model walks the tree once, on first use
 * (model/nginx.ts); nothing above it walks the parse tree.
 */
import { walk } from '../parse/nginx';
import type { NginxDirective } from '../parse/nginx';

/** Where nginx reads a directive: the block it stands in. */
export type Context = 'main' | 'events' | 'http' | 'server' | 'location' | 'if' | 'upstream' | 'limit_except' | 'stream' | 'mail';

/** A directive of this document where it stands: its context (undefined at a snippet's unknown top level) and the blocks around it. */
export interface PlacedDirective {
  readonly directive: NginxDirective;
  readonly context: Context | undefined;
  readonly parents: readonly NginxDirective[];
}

/** The document's directives outside mail {} and stream {}, in document order, and by name. */
export interface DirectiveIndex {
  readonly all: readonly PlacedDirective[];
  readonly byName: ReadonlyMap<string, readonly NginxDirective[]>;
}

const BLOCK_CONTEXTS: Record<string, Context> = {
  http: 'http', server: 'server', location: 'location', if: 'if', events: 'events',
  upstream: 'upstream', limit_except: 'limit_except', stream: 'stream', mail: 'mail',
};

/** The context a directive sits in, or undefined when it cannot be known (a snippet's top level). */
export function contextOf(parents: readonly NginxDirective[], root: Context | undefined): Context | undefined {
  if (parents.length === 0) return root;
  const p = parents[parents.length - 1];
  if (p.name === 'server' && parents.length >= 2 && ['stream', 'mail'].includes(parents[parents.length - 2].name)) {
    return parents[parents.length - 2].name as Context;
  }
  return BLOCK_CONTEXTS[p.name];
}

/** Walks a document's directives once. The mail and stream modules have their own ssl_* directives: TLS Lens checks http's only. */
export function indexDirectives(directives: readonly NginxDirective[], root: Context | undefined): DirectiveIndex {
  const all: PlacedDirective[] = [];
  const byName = new Map<string, NginxDirective[]>();
  walk(directives, (d, parents) => {
    if (parents.some((p) => p.name === 'mail' || p.name === 'stream')) return;
    all.push({ directive: d, context: contextOf(parents, root), parents });
    const l = byName.get(d.name);
    if (l) l.push(d);
    else byName.set(d.name, [d]);
  });
  return { all, byName };
}

/** The directive whose name holds an offset (in any block, mail and stream included); the innermost. */
export function directiveNamedAt(directives: readonly NginxDirective[], offset: number): NginxDirective | undefined {
  let hit: NginxDirective | undefined;
  walk(directives, (d) => { if (offset >= d.nameSpan.start && offset <= d.nameSpan.end) hit = d; });
  return hit;
}
