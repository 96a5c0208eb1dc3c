/**
 * Messages between the language server's main thread (LSP, local features, the watchdog) and
 * the engine worker (models, workspace index, rules, cross-file features). Plain data only.
 */
import type { SettingRelease } from '../rendered';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { EngineSettings } from '../engine';

export interface WorkspaceConfig {
  readonly roots: readonly string[];
  readonly trusted: boolean;
  readonly pathMappings: Readonly<Record<string, string>>;
  readonly scanLimitKB: number;
  /** Whether the client shows work-done progress for the scan. */
  readonly progress: boolean;
  /** Document versions and files that exceeded the time budget: not analysed again. */
  readonly skipDocuments: readonly { readonly uri: string; readonly version: number }[];
  readonly skipFiles: readonly string[];
  /** Rendering the Helm releases the workspace declares (tlsLens.helm.*): never when untrusted. */
  readonly render?: {
    readonly enabled: boolean;
    readonly helm: string;
    readonly timeoutMs: number;
    readonly releases?: readonly SettingRelease[];
    readonly kubectl?: string;
  };
}

/**
 * What the inventory shows, as of a change: the index's inventory generation (it moves when
 * certificates, references or their lines change) and whether the workspace scan has finished.
 * The params of `tlsLens/inventoryChanged`, and part of every `tlsLens/inventory` answer.
 */
export interface InventoryState {
  readonly generation: number;
  readonly complete: boolean;
}

export interface OpenDocument {
  readonly uri: string;
  readonly languageId: string;
  readonly text: string;
  readonly version: number;
  readonly settings: EngineSettings;
}

export type ToWorker =
  | { readonly type: 'init'; readonly config: WorkspaceConfig }
  | { readonly type: 'configure'; readonly pathMappings: Readonly<Record<string, string>>; readonly scanLimitKB: number }
  /** Opened or changed: validate after `delay` ms. */
  | { readonly type: 'document'; readonly doc: OpenDocument; readonly delay: number }
  | { readonly type: 'close'; readonly uri: string }
  | { readonly type: 'files'; readonly changes: readonly { readonly uri: string; readonly type: 1 | 2 | 3 }[] }
  | { readonly type: 'request'; readonly id: number; readonly method: string; readonly params: unknown };

/** What the worker is doing now, for the watchdog: a document version, or a file of the scan. */
export type Job =
  | { readonly kind: 'document'; readonly uri: string; readonly version: number }
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'request'; readonly id: number };

export type FromWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'diagnostics'; readonly uri: string; readonly version?: number; readonly diagnostics: Diagnostic[] }
  | { readonly type: 'busy'; readonly job: Job }
  | { readonly type: 'idle'; readonly job: Job }
  | { readonly type: 'progress'; readonly phase: 'begin' | 'report' | 'end'; readonly percent?: number; readonly message?: string }
  | { readonly type: 'log'; readonly level: 'error' | 'info'; readonly message: string }
  | { readonly type: 'response'; readonly id: number; readonly result: unknown }
  /** What the inventory shows may have changed (certificates, references, their lines). */
  | { readonly type: 'inventoryChanged'; readonly state: InventoryState };
