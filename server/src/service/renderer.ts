/**
 * Rendering in the language server's engine worker: the releases the workspace declares are
 * rendered (server/src/rendered.ts, helm run as a child process: the worker answers meanwhile)
 * once the scan is done and again on file events (a save), debounced, one run at a time. A
 * keystroke never waits for it: a document's diagnostics take what the last render landed on it,
 * as long as its text is still the one rendered.
 */
import type { Engine, Finding } from '../engine';
import { LandedFinding, RenderedSnippet, renderWorkspaceAsync, RenderOptions, withLanded } from '../rendered';
import { uriToPath } from '../model/document';
import { RenderCache } from '../render/cache';

/** Files events come in bursts (a branch switch, a formatter): rendering waits for them to settle. */
const RENDER_DEBOUNCE_MS = 500;

export class ReleaseRenderer {
  /** Per file: the findings renders land on it, and its text when it was rendered (undefined: unreadable). */
  private landed = new Map<string, { readonly findings: readonly LandedFinding[]; readonly text: string | undefined }>();
  private relate: (f: Finding) => Finding = (f) => f;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private again = false;
  /** helm's answers by their inputs: a save of an unrelated file renders nothing again. */
  readonly cache = new RenderCache();

  constructor(
    private readonly engine: Engine,
    private readonly options: () => RenderOptions | undefined,
    /** After each render that found releases: a line for the log (the open documents are checked again). */
    private readonly rendered: (summary: string) => void,
    private readonly failed: (e: unknown) => void,
  ) {}

  /** Renders again after `delay` ms (later calls move it). */
  schedule(delay = RENDER_DEBOUNCE_MS): void {
    const o = this.options();
    if (!o?.enabled) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.run(), delay);
  }

  dispose(): void {
    clearTimeout(this.timer);
  }

  private async run(): Promise<void> {
    const o = this.options();
    if (!o?.enabled) return;
    if (this.running) { this.again = true; return; }
    this.running = true;
    try {
      const outcome = await renderWorkspaceAsync(this.engine, { ...o, cache: this.cache });
      const by = new Map<string, LandedFinding[]>();
      for (const landed of outcome.findings) {
        const list = by.get(landed.path);
        if (list) list.push(landed);
        else by.set(landed.path, [landed]);
      }
      const host = this.engine.workspace!.host;
      this.landed = new Map([...by].map(([p, findings]) => [p, { findings, text: host.readFile(p, { purpose: 'workspace' }) }]));
      this.relate = outcome.relate;
      if (outcome.releases > 0) this.rendered(`TLS Lens: rendered ${outcome.rendered} of ${outcome.releases} Helm release(s)`);
    } catch (e) {
      this.failed(e);
    } finally {
      this.running = false;
      if (this.again) { this.again = false; this.schedule(0); }
    }
  }

  /**
   * A document's findings with what renders land on it: related locations in rendered objects moved
   * to their templates; the landed ones only while the document's text is the one rendered, and
   * not where its own check says the same.
   */
  findingsFor(uri: string, text: string, own: readonly Finding[]): Finding[] {
    const out = own.map(this.relate);
    const landed = this.landed.get(uriToPath(uri));
    return landed && landed.text === text ? withLanded(out, landed.findings.map((l) => l.finding)) : out;
  }

  /** The rendered objects the findings landed at an offset of a document are about (its text still the one rendered). */
  renderedAt(uri: string, text: string, offset: number): RenderedSnippet[] {
    const landed = this.landed.get(uriToPath(uri));
    if (!landed || landed.text !== text) return [];
    const out: RenderedSnippet[] = [];
    for (const l of landed.findings) {
      const s = l.finding.span;
      if (s.start <= offset && offset <= s.end && !out.some((o) => o.what === l.rendered.what)) out.push(l.rendered);
    }
    return out;
  }
}
