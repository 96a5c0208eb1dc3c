/**
 * What a finding offers to do about itself, owned once at the bottom of the flow: text edits (the
 * quick fixes a rule computes from the model) or a generate action (renew, re-issue, create: keys
 * and certificates made only when the action is chosen). Rules produce it, the engine carries it
 * on the finding, features present it, generate/ carries out the generate actions.
 * It imports nothing of the project but the shared vocabulary.
 */
import type { Span } from './types';

/** Replace the text of a span (an empty span inserts). */
export interface TextEdit {
  readonly span: Span;
  readonly newText: string;
}

/** One quick fix: a title and the edits it makes to the finding's document. */
export interface SpanFix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
}

/** What a "create" generate action makes: the file, Secret or ConfigMap a configuration names. */
export interface CreateTarget {
  readonly kind: 'file' | 'secret' | 'configmap';
  readonly target: string;
  readonly key?: string;
  readonly role: 'serve' | 'serve-key' | 'client' | 'client-key' | 'ca';
  readonly hosts?: readonly string[];
  readonly namespace?: string;
  /** The subject CN a client certificate for it must carry (its reference's subjectCN). */
  readonly cn?: string;
}

/**
 * What a "generate" code action needs, carried on the diagnostic (`fix.generate`): the action
 * runs a server command that makes keys and certificates only when it is chosen.
 */
export type GenerateFix =
  /**
   * The certificate at (path, offset): a new key and validity, the same subject, names and usages.
   * With `inKeystore`, the certificate of that SHA-256 inside the keystore the reference at
   * (path, offset) names: the keystore is written again with the renewed certificate and key.
   */
  | { readonly action: 'renew'; readonly title: string; readonly path: string; readonly offset: number; readonly inKeystore?: { readonly sha256: string } }
  /** The certificate at (path, offset) again, with more names or another role (a new key). */
  | {
    readonly action: 'reissue'; readonly title: string; readonly path: string; readonly offset: number;
    readonly addNames?: readonly string[]; readonly role?: 'server' | 'client' | 'peer';
    /** Where the new key goes (the key the configuration pairs with it); else beside the key that matches the certificate. */
    readonly keyAt?: { readonly path: string; readonly offset: number };
  }
  /** What a configuration names but the workspace lacks: a certificate file (and its key), or a Secret. */
  | { readonly action: 'create'; readonly title: string; readonly fromPath: string; readonly ref: CreateTarget; readonly keyTarget?: string };

/** What a finding carries for its code actions: quick fixes that edit its document, or one generate action. */
export type Fix =
  | { readonly fixes: readonly SpanFix[] }
  | { readonly generate: GenerateFix };

type Shape = Readonly<Record<string, unknown>>;

const isObject = (x: unknown): x is Shape => typeof x === 'object' && x !== null && !Array.isArray(x);
const isString = (x: unknown): x is string => typeof x === 'string';
const isOffset = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
const optional = (x: unknown, is: (y: unknown) => boolean): boolean => x === undefined || is(x);
const isStrings = (x: unknown): x is readonly string[] => Array.isArray(x) && x.every(isString);
const oneOf = <T extends string>(values: readonly T[]) => (x: unknown): x is T => values.includes(x as T);

const isCreateTarget = (x: unknown): x is CreateTarget => isObject(x)
  && oneOf(['file', 'secret', 'configmap'] as const)(x.kind) && isString(x.target)
  && oneOf(['serve', 'serve-key', 'client', 'client-key', 'ca'] as const)(x.role)
  && optional(x.key, isString) && optional(x.hosts, isStrings) && optional(x.namespace, isString) && optional(x.cn, isString);

/**
 * Whether a value that came from outside (a diagnostic's data or a command's arguments, sent back
 * by the client) has the shape of a generate action. Values are not trusted for what they name:
 * generate/ still finds the certificate in the index and checks every path it writes.
 */
export function isGenerateFix(x: unknown): x is GenerateFix {
  if (!isObject(x) || !isString(x.title)) return false;
  switch (x.action) {
    case 'renew':
      return isString(x.path) && isOffset(x.offset) && optional(x.inKeystore, (k) => isObject(k) && isString(k.sha256));
    case 'reissue':
      return isString(x.path) && isOffset(x.offset) && optional(x.addNames, isStrings) && optional(x.role, oneOf(['server', 'client', 'peer'] as const))
        && optional(x.keyAt, (k) => isObject(k) && isString(k.path) && isOffset(k.offset));
    case 'create':
      return isString(x.fromPath) && isCreateTarget(x.ref) && optional(x.keyTarget, isString);
    default:
      return false;
  }
}
