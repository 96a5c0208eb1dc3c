/**
 * The vocabulary every layer speaks, at the bottom of the flow (parse → model → products →
 * workspace → rules → features): where a fact sits in a text, and how much a finding weighs.
 * It imports nothing of the project.
 */

/** A range of a text, as offsets: start inclusive, end exclusive. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** A value read from a document, with where it is written. */
export interface Located<T = string> {
  readonly value: T;
  readonly span: Span;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';
export const SEVERITIES: readonly SeveritySetting[] = ['off', 'error', 'warning', 'information', 'hint'];
