/**
 * `tls-lens explain`: an error message recognised against the families (families.ts and the
 * products' own), the names it mentions, and the engine's findings ranked by both. Above rules/
 * in the flow: it reads findings, it computes none.
 */
import { PRODUCTS } from '../products';
import type { ErrorCause, ErrorFamily, NameKind } from '../products/types';
import { FAMILIES } from './families';

/** The most of a message read: messages are untrusted, and a log can be any size. */
export const EXPLAIN_MAX_INPUT = 8 * 1024;
/** The most names of one kind kept from a message. */
const MAX_NAMES = 8;

export const NAME_KINDS: readonly NameKind[] = ['host', 'path', 'usage', 'date', 'property', 'name'];

export type Names = Record<NameKind, string[]>;

/** A family that matched, with the product it comes from (none: every workspace's). */
export interface Match {
  readonly family: ErrorFamily;
  readonly product?: string;
}

export interface Recognition {
  readonly matches: readonly Match[];
  readonly names: Names;
  /** The message was longer than EXPLAIN_MAX_INPUT: only its start was read. */
  readonly truncated: boolean;
}

/** What ranking needs of a finding: its rule, its message and its file (as check prints them). */
export interface RankedFinding {
  readonly code: string;
  readonly message: string;
  readonly file: string;
  readonly severity: string;
}

/** Every family: the shared ones first, then each product's, in PRODUCTS' order. */
export function allFamilies(): Match[] {
  return [...FAMILIES.map((family) => ({ family })), ...PRODUCTS.flatMap((p) => (p.errors ?? []).map((family) => ({ family, product: p.id })))];
}

const USAGES = new Set(['serverauth', 'clientauth', 'digitalsignature', 'keyencipherment', 'keyagreement', 'keycertsign', 'codesigning', 'emailprotection']);
const FILE_EXT = /\.(?:pem|crt|cer|der|key|csr|p12|pfx|jks|keystore|truststore|conf|ya?ml|json|ca-bundle)$/i;
// Token shapes: each a single pass (no quantified group), on tokens of at most 1 KiB.
const IPV4 = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:T[\d:.]{2,20}(?:Z|[+-]\d{2}:?\d{2})?)?$/;
/** A lower-case DNS name with a dot and an alphabetic top label (`*.` allowed): what messages print. */
const isDnsName = (t: string) => /^(?:\*\.)?[a-z0-9_.-]{1,253}$/.test(t) && /\.[a-z]{2,63}$/.test(t) && !t.includes('..') && !t.startsWith('.');
/** A dotted property path with a capital inside (`spec.planeID`), each part starting lower-case (not a Java class). */
const isProperty = (t: string) => /^[a-z][A-Za-z0-9_.-]{2,255}$/.test(t) && /[A-Z]/.test(t) && t.includes('.') && t.split('.').every((p) => /^[a-z]/.test(p));
const TOKEN_EDGES = /^[.:;,'"`(){}<>[\]=!?]{1,16}|[.:;,'"`(){}<>[\]=!?]{1,16}$/g;

function emptyNames(): Names {
  return { host: [], path: [], usage: [], date: [], property: [], name: [] };
}

function add(names: Names, kind: NameKind, value: string): void {
  const v = value.trim();
  if (v === '' || v.length > 1024) return;
  const list = names[kind];
  if (list.length < MAX_NAMES && !list.some((x) => x.toLowerCase() === v.toLowerCase())) list.push(v);
}

/** What one whitespace-free token of a message is, if anything: a host, a path, a usage, a date or a property. */
function classify(token: string, names: Names): void {
  let t = token.replace(TOKEN_EDGES, '');
  t = t.replace(/^(?:DNS|IP(?: Address)?):/, '');
  if (t.length < 3 || t.length > 1024) return;
  const url = /^[a-z][a-z0-9+.-]{1,15}:\/\/(?:[^/@\s]{1,256}@)?([^/:?#\s]{1,253})/i.exec(t);
  if (url) { t = url[1]; if (!(t.startsWith('[') || isDnsName(t.toLowerCase()) || IPV4.test(t))) return; add(names, 'host', t.toLowerCase()); return; }
  if (USAGES.has(t.toLowerCase())) { add(names, 'usage', t); return; }
  if (ISO_DATE.test(t)) { add(names, 'date', t); return; }
  if (t.includes('/') && FILE_EXT.test(t)) { add(names, 'path', t); return; }
  if (FILE_EXT.test(t) && /^[\w.-]{1,255}$/.test(t)) { add(names, 'path', t); return; }
  // A Kubernetes field path (`spec.duration: Invalid value`) before a DNS name it could pass for.
  if (/^(?:spec|metadata|data|stringData|status)\.[A-Za-z]/.test(t) && /^[\w.[\]-]{1,256}$/.test(t)) { add(names, 'property', t); return; }
  if (isDnsName(t) || IPV4.test(t)) { add(names, 'host', t); return; }
  if (isProperty(t)) add(names, 'property', t);
}

/** The family's group `host2` is a `host`; `hosts` a list of them ("a, b" or "DNS:a, DNS:b"). */
function fromGroups(groups: Record<string, string | undefined>, names: Names): void {
  // The names a message is about (`not shop.example.com`) before the lists it quotes (what a certificate holds).
  const entries = Object.entries(groups).sort(([a], [b]) => Number(a.startsWith('hosts')) - Number(b.startsWith('hosts')));
  for (const [key, value] of entries) {
    if (value === undefined) continue;
    const kind = key.replace(/\d+$/, '');
    if (kind === 'hosts') {
      for (const h of value.split(/[\s,]+/)) { const v = h.replace(/^(?:DNS|IP(?: Address)?):/, ''); if (v) add(names, 'host', v); }
    } else if ((NAME_KINDS as readonly string[]).includes(kind)) {
      add(names, kind as NameKind, value);
    }
  }
}

/**
 * The families `message` belongs to and the names it mentions. Only the first EXPLAIN_MAX_INPUT
 * characters are read; the names are capped in number and length.
 */
export function recognise(message: string, families: readonly Match[] = allFamilies()): Recognition {
  const truncated = message.length > EXPLAIN_MAX_INPUT;
  const text = truncated ? message.slice(0, EXPLAIN_MAX_INPUT) : message;
  const names = emptyNames();
  const matches: Match[] = [];
  for (const m of families) {
    const found = m.family.pattern.exec(text);
    if (!found) continue;
    matches.push(m);
    if (found.groups) fromGroups(found.groups, names);
  }
  for (const token of text.split(/[\s,]+/)) if (token) classify(token, names);
  return { matches, names, truncated };
}

/** A family's rule entry against a finding's rule id: `folder/name`, or `*` + `/name` for any folder. */
function ruleMatches(entry: string, code: string): boolean {
  return entry.startsWith('*/') ? code.slice(code.indexOf('/')) === entry.slice(1) : entry === code;
}

/**
 * The matches that apply to a workspace: every shared family; a product's only when no shared
 * family matched or when a finding comes from that product's rule folder (its own wording of a
 * shared error is noise elsewhere).
 */
export function applicable(r: Recognition, findings: readonly RankedFinding[]): Match[] {
  const shared = r.matches.filter((m) => m.product === undefined);
  return r.matches.filter((m) => m.product === undefined || shared.length === 0 || findings.some((f) => f.code.startsWith(`${m.product}/`)));
}

/** The causes of the matches, each once (families share causes), in the order of the matches. */
export function causesOf(matches: readonly Match[]): ErrorCause[] {
  const seen = new Map<string, ErrorCause>();
  for (const m of matches) for (const c of m.family.causes) if (!seen.has(c.id)) seen.set(c.id, c);
  return [...seen.values()];
}

const SEVERITY_WEIGHT: Record<string, number> = { error: 3, warning: 2, information: 1, hint: 0 };

/** The last part of a path, the part a finding's file or message is likely to share. */
const base = (p: string) => p.slice(Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\')) + 1);
/** What of a name a finding's message or file is likely to hold: a path's file name, a property's last key (`server.ssl.client-auth`: `client-auth`). */
function needleOf(kind: NameKind, n: string): string {
  if (kind === 'path') return base(n);
  return kind === 'property' ? n.slice(n.lastIndexOf('.') + 1) : n;
}

/**
 * How likely a finding is the cause: a rule the matched families point at (the earlier in their
 * lists, the likelier), then each name of the message its message or file mentions, then its
 * severity.
 */
function score(f: RankedFinding, matches: readonly Match[], names: Names): number {
  let s = 0;
  for (const m of matches) {
    const i = m.family.rules.findIndex((entry) => ruleMatches(entry, f.code));
    if (i >= 0) s = Math.max(s, 1000 - 10 * i);
  }
  const message = f.message.toLowerCase();
  const file = f.file.toLowerCase();
  for (const kind of NAME_KINDS) {
    for (const n of names[kind]) {
      const needle = needleOf(kind, n).toLowerCase();
      if (needle.length >= 3 && (message.includes(needle) || file.includes(needle))) s += 50;
    }
  }
  return s + (SEVERITY_WEIGHT[f.severity] ?? 0);
}

/** The findings, most likely cause first (a stable sort: equal scores keep check's order). */
export function rank<F extends RankedFinding>(findings: readonly F[], matches: readonly Match[], names: Names): F[] {
  return findings.map((f, i) => ({ f, i, s: score(f, matches, names) })).sort((a, b) => b.s - a.s || a.i - b.i).map((x) => x.f);
}

/** A cause as `tls-lens explain --format json` and `tlsLens/explain` answer it. */
export interface CauseJson {
  readonly id: string;
  readonly summary: string;
  readonly fix: string;
  readonly source: string;
}

export function causeJson(c: ErrorCause): CauseJson {
  return { id: c.id, summary: c.summary, fix: c.fixText, source: c.citation };
}

/** What a message means among a set of findings: what it was recognised as, its causes, and the findings ranked. */
export interface Explanation<F extends RankedFinding> {
  readonly recognition: Recognition;
  /** The families that apply here (applicable). */
  readonly matches: readonly Match[];
  readonly causes: readonly ErrorCause[];
  /** The findings, the most likely cause first. */
  readonly findings: F[];
}

/**
 * THE explanation: the CLI (`tls-lens explain`) and the language server (`tlsLens/explain`) both
 * call it with the findings of their engine run, so that both recognise and rank the same way.
 */
export function explainMessage<F extends RankedFinding>(message: string, findings: readonly F[]): Explanation<F> {
  const recognition = recognise(message);
  const matches = applicable(recognition, findings);
  return { recognition, matches, causes: causesOf(matches), findings: rank(findings, matches, recognition.names) };
}
