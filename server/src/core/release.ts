/**
 * The vocabulary of Helm releases a repository declares (a helmfile release, an Argo CD
 * Application, a Flux HelmRelease, a values file's modeline): the product modules state them as
 * facts, the render layer (server/src/render/) renders them, and the rules read what rendering
 * could not do. Types only, at the bottom of the flow.
 */
import type { Span } from './types';

/** Where a path is relative to: the declaring file's folder, the chart's, or the repository root. */
export type RelativeTo = 'file' | 'chart' | 'root';

/** A path as a declaration writes it, with where it is written. */
export interface DeclaredPath {
  readonly path: string;
  readonly relativeTo: RelativeTo;
  readonly span: Span;
}

/**
 * Values written in the declaration itself: a map (helmfile's inline values, Argo CD's
 * `valuesObject`, Flux's `spec.values`) or a YAML text (Argo CD's `helm.values`), with the span
 * that holds them in the declaring file.
 */
export interface InlineValues {
  readonly json?: unknown;
  readonly text?: string;
  readonly span: Span;
}

/** One `--set` (helmfile `set:`, Argo CD `parameters`): a string value unless `string` is false. */
export interface SetValue {
  readonly key: string;
  readonly value: string;
  /** `--set-string` (Argo CD's forceString); else helm types the value as `--set` does. */
  readonly string?: boolean;
  readonly span: Span;
}

/** Flux's `valuesFrom`: a ConfigMap's or Secret's key that holds values. */
export interface ValuesFrom {
  readonly kind: 'ConfigMap' | 'Secret';
  readonly name: string;
  readonly key: string;
  readonly optional: boolean;
  readonly span: Span;
}

/** The values of a release, in helm's order: later sources win. */
export type ValuesSource =
  | { readonly kind: 'file'; readonly file: DeclaredPath }
  | { readonly kind: 'inline'; readonly inline: InlineValues }
  | { readonly kind: 'from'; readonly from: ValuesFrom };

/** A Helm release a document declares. */
export interface ReleaseFact {
  readonly kind: 'helm-release';
  /** The declaration (the release entry, the Application's name, the modeline). */
  readonly span: Span;
  /** What declares it, for messages: "helmfile release shop", "Argo CD Application shop". */
  readonly via: string;
  readonly release: string;
  readonly namespace?: string;
  /** The chart: a local folder; `maybe` when the folder may not be a chart (then no Chart.yaml is no problem). */
  readonly chart: DeclaredPath & { readonly maybe?: boolean };
  readonly values: readonly ValuesSource[];
  readonly set: readonly SetValue[];
  /** Why it cannot be rendered as declared (a templated helmfile field, a remote chart): said at information. */
  readonly unsupported?: string;
}

/** The fact kind (structurally a FactKind<ReleaseFact> of model/refs). */
export const RELEASE: { readonly kind: 'helm-release'; readonly fact?: ReleaseFact } = { kind: 'helm-release' };

/**
 * What rendering a release came to, when it did not render (helm missing, a failed template, a
 * missing dependency): stated by the render layer for the declaring file, reported by rules/render/.
 */
export interface RenderProblemFact {
  readonly kind: 'render-problem';
  /** The declaring file, and where in it. */
  readonly file: string;
  readonly span: Span;
  readonly release: string;
  readonly problem: 'no-helm' | 'no-program' | 'untrusted' | 'unsupported' | 'failed' | 'dependencies' | 'chart' | 'timeout';
  /** helm's own message (first lines), or what is missing. */
  readonly detail: string;
}

export const RENDER_PROBLEM: { readonly kind: 'render-problem'; readonly fact?: RenderProblemFact } = { kind: 'render-problem' };

/**
 * A folder of manifests a tool builds (a kustomization: `kubectl kustomize DIR`), as its product
 * module states it: the program (by its setting), the arguments before the folder, and how helm
 * is handed over when the build inflates charts.
 */
export interface BuildFact {
  readonly kind: 'manifest-build';
  /** The document's first key (what findings about the build land on). */
  readonly span: Span;
  /** For messages: "kustomization prod/". */
  readonly via: string;
  /** The program, by the setting that names it (`tlsLens.kubectl.path`, `--kubectl`). */
  readonly program: 'kubectl';
  readonly args: readonly string[];
  /** Arguments that hand helm over (`--enable-helm --helm-command`), the helm's path after them; when charts are inflated. */
  readonly helmArgs: readonly string[];
  /** Charts it inflates, each expected in its chart home already: the folders (relative to the build) it may be in. */
  readonly charts: readonly { readonly name: string; readonly span: Span; readonly paths: readonly string[] }[];
  readonly chartHome: string;
  /** Folders and files of the build, as written, relative to it (provenance sources). */
  readonly inputs: readonly string[];
  /** Why it is not built as declared (a remote resource would be fetched). */
  readonly unsupported?: string;
}

export const MANIFEST_BUILD: { readonly kind: 'manifest-build'; readonly fact?: BuildFact } = { kind: 'manifest-build' };
