/**
 * A product module holds everything TLS Lens knows about one product: how its documents are
 * recognised, which schema validates them, the certificates, keys and CAs they refer to (with
 * their roles and the hostnames they must cover), and the constraints between their values,
 * written as data and run by one engine (products/constraints.ts).
 */
import type { Document } from 'yaml';
import type { Located, Severity } from '../core/types';
import type { DocumentRefs, FactSource, Reference } from '../model/refs';
import type { Json } from './json';
import type { DocumentModel } from '../model/document';
import type { BundleKit } from '../core/bundle';

/** Kubernetes documents by apiVersion and kind. */
export interface KindMatch {
  readonly apiVersion: RegExp;
  readonly kinds: readonly string[];
  /** The schema that validates them; none for objects read only for what they state (a Service). */
  readonly schema?: string;
}

/** Helm values files by their content (the file name is never required). */
export interface ValuesMatch {
  readonly schema: string;
  /** The top-level keys that identify the product, or undefined when this is not its values file. */
  recognise(json: Json): string[] | undefined;
}

/** A YAML document handed to a product: its JSON, its parsed form (for spans), its schema. */
export interface ProductDocument {
  readonly json: Json;
  readonly doc: Document.Parsed;
  /** Position in the file (groups references of one document). */
  readonly index: number;
  /** The schema id selected for it. */
  readonly schema?: string;
}

export type RefSink = { -readonly [K in keyof DocumentRefs]: DocumentRefs[K] extends readonly (infer T)[] ? T[] : never };

/** An empty sink for a document's references. */
export function refSink(): RefSink {
  return { references: [], objects: [], ingresses: [], pending: [], issuers: [], issuerRefs: [], facts: [], clients: [] };
}

/**
 * A condition on a value: present (non-empty) when `equals` is absent; else one of `equals`
 * (strings compared case-insensitively when `ci`).
 */
export interface Condition {
  readonly path: string;
  /** Other spellings of the same setting (Spring's camelCase `clientAuth` for `client-auth`). */
  readonly alternatives?: readonly string[];
  readonly equals?: readonly (string | number | boolean)[];
  readonly ci?: boolean;
}

/** A value a constraint needs: the path, its alternative spellings, the value it must hold, and what a quick fix inserts. */
export interface Needed {
  readonly path: string;
  readonly alternatives?: readonly string[];
  readonly value?: string | number | boolean;
  /** A quick fix adds `key: insert` when the key is missing (values unknown to TLS Lens get no fix). */
  readonly insert?: string;
}

interface ConstraintBase {
  /** The rule id is `<product>/<name>`. */
  readonly name: string;
  readonly severity: Severity;
  /** One line, for the rule table. */
  readonly description: string;
  /** The product guide section (GUIDES) or standard it comes from. */
  readonly citation: string;
  /** The schema id of the documents it reads. */
  readonly schema: string;
  /** Message template; placeholders depend on the kind (see products/constraints.ts). */
  readonly message: string;
  /** Rule doc: how to fix it. */
  readonly fixText: string;
  /**
   * On a chart's own values.yaml (Chart.yaml beside it), whose defaults leave this to the install
   * on purpose: reported at this severity with this message (what an install must set) instead.
   */
  readonly chartDefaults?: { readonly severity: Severity; readonly message: string };
  /** Path variables (`{svc}`) skip bindings listed here (Go services for a Java-only constraint). */

  readonly except?: Readonly<Record<string, readonly string[]>>;
  /** And keep only these. */
  readonly only?: Readonly<Record<string, readonly string[]>>;
}

/** Paths that must hold the same value: reports the odd one out (or each that differs from the first). */
export interface EqualConstraint extends ConstraintBase { readonly kind: 'equal'; readonly paths: readonly string[] }
/** Two paths that must not hold the same value (compared case-insensitively). */
export interface DifferConstraint extends ConstraintBase { readonly kind: 'differ'; readonly a: string; readonly b: string }
/** When a condition holds, other values must be present (or hold a value); reported on the condition's value. */
export interface RequiresConstraint extends ConstraintBase {
  readonly kind: 'requires';
  readonly when: Condition;
  readonly then: readonly Needed[];
  /** The message names missing values relative to this path (a service's profile, `…profiles.{svc}`). */
  readonly relativeTo?: string;
}
/** A URL that must use a scheme (https), when a condition holds. */
export interface SchemeConstraint extends ConstraintBase {
  readonly kind: 'scheme'; readonly path: string; readonly scheme: string; readonly when?: Condition;
  /** A value with no scheme at all (`acme.example/directory`) is reported too, fixed by prefixing the scheme. */
  readonly bare?: boolean;
}
/** A value that must be one fixed value, when present (and a condition holds). */
export interface ValueConstraint extends ConstraintBase { readonly kind: 'value'; readonly path: string; readonly expect: string; readonly when?: Condition }
/** Secrets that must not keep a documentation placeholder (the value itself is never quoted). */
export interface PlaceholderConstraint extends ConstraintBase {
  readonly kind: 'placeholder';
  /** Each path, checked when its condition holds and not when `unless` does (an existing Secret supplies it). */
  readonly paths: readonly { readonly path: string; readonly when?: Condition; readonly unless?: Condition }[];
  readonly placeholders: readonly string[];
}
/** A certificate's lifetime and renewal window, as cert-manager reads them (Go durations). */
export interface RenewalConstraint extends ConstraintBase {
  readonly kind: 'renewal';
  readonly pairs: readonly {
    readonly duration: string; readonly renewBefore: string; readonly renewBeforePercentage?: string;
    /** The lifetime the product gives a certificate that states none (cert-manager: 2160h). */
    readonly defaultDuration?: string;
  }[];
}
/** Exactly one of some settings must be set (a non-empty string, or true). */
export interface ExactlyOneConstraint extends ConstraintBase { readonly kind: 'exactlyOne'; readonly paths: readonly string[]; readonly at: string }
/** How many of some settings one object sets (see CountConstraint). */
export interface CountGroup {
  /** The object (it may bind variables: `spec.acme.solvers[{i}]`). */
  readonly at: string;
  /** Its settings, relative to it; set = present, not false, not empty; `a|b` is set when either is. */
  readonly paths: readonly string[];
  readonly min?: number;
  readonly max?: number;
  /** All of them or none (a pair written together): one alone is reported on the key `at`. */
  readonly together?: boolean;
  /** What the product needs, for the message: "exactly one issuer type". */
  readonly need: string;
}
/** Too few of a group's settings set (reported on the key `at`) or too many (on the first past `max`, in the order listed). */
export interface CountConstraint extends ConstraintBase { readonly kind: 'count'; readonly groups: readonly CountGroup[] }
/** A URL's port against the standard port of its service (`{svc}` in the path picks the row). */
export interface PortConstraint extends ConstraintBase { readonly kind: 'port'; readonly path: string; readonly ports: Readonly<Record<string, number>> }

export type Constraint =
  | EqualConstraint
  | DifferConstraint
  | RequiresConstraint
  | SchemeConstraint
  | ValueConstraint
  | PlaceholderConstraint
  | ExactlyOneConstraint
  | CountConstraint
  | PortConstraint
  | RenewalConstraint;

export interface Product {
  readonly id: string;
  readonly title: string;
  /** The product guide it comes from (GUIDES), with its sections: `OpsChain TLS guide`. */
  readonly guide: string;
  /** What the product is, for the README's Products section. */
  readonly summary: string;
  /** Its JSON Schemas (files of schemas/), by the id kinds, values, constraints, a modeline and the setting name them. */
  readonly schemas: Readonly<Record<string, string>>;
  readonly kinds?: readonly KindMatch[];
  /** File names whose documents are its own whatever their content (kustomization.yaml, which often has no kind). */
  readonly files?: readonly string[];
  readonly values?: ValuesMatch;
  /** The references, objects and hostnames of one of its documents. */
  refs?(d: ProductDocument, out: RefSink): void;
  readonly constraints: readonly Constraint[];
  /** What TLS Lens knows about the product, each with its guide section (README). */
  readonly knows: readonly string[];
  /** The product's whole TLS set from its configuration (`tls-lens generate bundle <id>`). */
  readonly bundle?: BundleRecipe;
  /**
   * The hostnames one of its references serves because other documents say so (a Gateway
   * listener without hostname serves its routes'), each with the file it is written in; empty
   * for a reference that is not its own. Hover and lenses show them beside the reference's own.
   */
  servedThrough?(ref: Reference, fromPath: string, facts: FactSource): readonly ServedName[];
  /** Error messages of the product itself, with their causes (`tls-lens explain`, server/src/explain/). */
  readonly errors?: readonly ErrorFamily[];
}

/** What a message names, for ranking the findings that mention it. */
export type NameKind = 'host' | 'path' | 'usage' | 'date' | 'property' | 'name';

/** A likely cause of an error, with its fix and where the fix comes from. */
export interface ErrorCause {
  readonly id: string;
  readonly summary: string;
  readonly fixText: string;
  /** The seed section, RFC or ecosystem document the cause and fix come from. */
  readonly citation: string;
}

/**
 * A family of error messages (one error of one ecosystem, in its real wordings). The pattern runs
 * on untrusted text: a literal start and bounded classes only (no nested or alternating
 * quantifier), over at most EXPLAIN_MAX_INPUT characters. Its named groups (`host`, `hosts`,
 * `path`, `usage`, `date`, `property`, `name`) are what it extracts.
 */
export interface ErrorFamily {
  readonly id: string;
  readonly ecosystem: string;
  readonly pattern: RegExp;
  /** Where the message text comes from (the source file or document). */
  readonly citation: string;
  /** Real messages of the family, with the names each must yield (the unit test holds them). */
  readonly examples: readonly { readonly message: string; readonly names?: Partial<Record<NameKind, readonly string[]>> }[];
  readonly causes: readonly ErrorCause[];
  /** The rules whose findings it points at, most likely first; the folder `*` (as in `*` + `/renewal`) matches the name in any folder. */
  readonly rules: readonly string[];
}

/** A hostname a reference serves, written in another document. */
export interface ServedName {
  readonly host: Located;
  readonly path: string;
  /** What states it, for a person: "HTTPRoute shop". */
  readonly via: string;
}

/** A configuration file a bundle is made from (already parsed). */
export interface BundleFile {
  /** Absolute (edits go there). */
  readonly path: string;
  /** How messages name the file (the path as the user gave it). */
  readonly shown?: string;
  readonly model: DocumentModel;
}

/** What a recipe is handed: the files, each with its YAML documents the recipe's product owns (none for nginx). */
export interface BundleInput {
  readonly files: readonly (BundleFile & { readonly documents: readonly ProductDocument[] })[];
}

export interface BundleRecipe {
  /** What `tls-lens generate bundle <name>` calls it, when not the product's id (`gateway` for the Gateway API). */
  readonly name?: string;
  /** One line for the command palette and `--help`. */
  readonly description: string;
  make(input: BundleInput, kit: BundleKit): Promise<void>;
}
