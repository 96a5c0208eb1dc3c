/**
 * `tls-lens inventory`: every certificate in the given files and folders, where it lives and
 * what uses it, sorted by expiry, as text, JSON (schemas/inventory-output.schema.json), CSV or
 * Markdown; exit status 1 when one expires within the window, so a nightly job is the renewal
 * reminder the product guides ask for.
 */
import { DEFAULTS } from '../defaults';
import { eachArg, isoDate, mapPath, positional, UsageError, wholeNumber } from './args';
import { buildInventory, Inventory, InventoryEntry } from '../workspace/inventory';
import { DEFAULT_SETTINGS, Engine, EngineSettings } from '../engine';
import { expiryPhrase } from '../util/time';
import { readWorkspace, SkippedFile, skippedLine } from './workspace';
import { printable } from '../util/printable';
import { code, md } from '../util/markdown';

const VERSION = process.env.TLS_LENS_VERSION ?? '0.1.0';

export const INVENTORY_USAGE = `Usage: tls-lens inventory [options] [paths...]

Lists every certificate in the given files and folders (default: the current
folder) — PEM files, PEM in any YAML value, Kubernetes Secrets and
ConfigMaps, the keystores that configurations name — with its names, issuer,
expiry and key, where it lives and what uses it (the nginx server, Ingress
host or configuration key that names it), sorted by expiry.

Options:
  --format text|json|csv|markdown   output format (default: text); json follows
                                    schemas/inventory-output.schema.json
  --expiring-within N[d]            the window: fail when a certificate expires
                                    within N days, or has expired (default: ${DEFAULTS.expiryWarningDays})
  --now ISO-DATE                    evaluate at this time instead of now
  --max-file-size-kb N              skip files larger than N KiB, and say so on
                                    stderr and in json's skipped (default: ${DEFAULTS.maxFileSizeKB})
  --map-path PREFIX=FOLDER          resolve absolute paths under PREFIX in FOLDER (repeatable)
  --restricted                      read nothing outside the given paths and the current folder
  -h, --help                        show this help

Exit status: 0 nothing expires within the window, 1 a certificate expires
within it or has expired, 2 usage error or unreadable input. An input that
cannot be read is named on stderr; text and markdown then end by saying the
inventory is incomplete, json and csv print nothing. Paths are printed as given.`;

type Format = 'text' | 'json' | 'csv' | 'markdown';

interface Options {
  format: Format;
  days: number;
  now: Date;
  maxFileSizeKB: number;
  paths: string[];
  pathMappings: Record<string, string>;
  restricted: boolean;
}

function parseArgs(argv: string[]): Options | 'help' {
  const o: Options = {
    format: 'text', days: DEFAULTS.expiryWarningDays, now: new Date(), maxFileSizeKB: DEFAULTS.maxFileSizeKB, paths: [], pathMappings: {},
    restricted: false,
  };
  const help = eachArg(argv, (a, value) => {
    switch (a) {
      case '-h': case '--help': return 'help';
      case '--format': {
        const f = value();
        if (!['text', 'json', 'csv', 'markdown'].includes(f)) throw new UsageError(`--format must be text, json, csv or markdown, got '${f}'`);
        o.format = f as Format;
        break;
      }
      case '--expiring-within': {
        const v = value();
        const m = /^(\d+)d?$/.exec(v);
        if (!m) throw new UsageError(`--expiring-within takes a number of days such as 30d, got '${v}'`);
        o.days = Number(m[1]);
        break;
      }
      case '--now': o.now = isoDate(a, value()); break;
      case '--max-file-size-kb': o.maxFileSizeKB = Math.max(1, wholeNumber(a, value())); break;
      case '--map-path': mapPath(value(), o.pathMappings); break;
      case '--restricted': o.restricted = true; break;
      default: positional(a, o.paths);
    }
    return undefined;
  });
  if (help) return 'help';
  if (o.paths.length === 0) o.paths.push('.');
  return o;
}

/** Runs `tls-lens inventory` with its arguments (after the command). */
export function inventoryMain(rest: string[]): number {
  let o: Options | 'help';
  try {
    o = parseArgs(rest);
  } catch (e) {
    if (e instanceof UsageError) { process.stderr.write(`tls-lens: ${e.message}\n`); return 2; }
    throw e;
  }
  if (o === 'help') { process.stdout.write(INVENTORY_USAGE + '\n'); return 0; }
  const { host, docs, skipped, unreadable, show } = readWorkspace(o.paths, o);
  // The documents as `check` reads them (pass 1 of the engine: models into the index), without
  // schema validation: the inventory shows what they hold and refer to, not their faults.
  const settings: EngineSettings = { ...DEFAULT_SETTINGS, maxFileSizeKB: o.maxFileSizeKB, yaml: { schemaValidation: false, schemas: {} } };
  const engine = new Engine({ host, settings, clock: () => o.now, workspace: true });
  engine.index(docs);
  const index = engine.workspace!;
  index.complete = true;
  const inv = buildInventory(index, o.now, o.days);
  if (skipped.length > 0) process.stderr.write(skippedLine(skipped, o.maxFileSizeKB, show));
  // An incomplete inventory never reads as a complete one: text and markdown say so (and print
  // nothing when nothing was read); json and csv, which have no place to say it, print nothing.
  const human = o.format === 'text' || o.format === 'markdown';
  if (unreadable.length === 0 || (human && docs.length > 0)) {
    const v: InventoryView = { inv, show, unreadable: unreadable.length, skipped, limitKB: o.maxFileSizeKB };
    process.stdout.write(
      o.format === 'json' ? inventoryJson(v)
        : o.format === 'csv' ? inventoryCsv(v)
          : o.format === 'markdown' ? inventoryMarkdown(v)
            : inventoryText(v),
    );
  }
  if (unreadable.length > 0) return 2;
  return inv.counts.expired + inv.counts.expiring > 0 ? 1 : 0;
}

/** What the formats print: the inventory, how to show a path (as given), and how many inputs could not be read. */
export interface InventoryView {
  readonly inv: Inventory;
  readonly show: (file: string) => string;
  readonly unreadable: number;
  /** Files over the size limit, never read (the JSON's `skipped`). */
  readonly skipped: readonly SkippedFile[];
  readonly limitKB: number;
}

const day = (d: Date) => d.toISOString().slice(0, 10);
/** SHA-256 as 64 lowercase hex digits (the form `sha256sum` and `openssl x509 -fingerprint` users compare, without colons). */
const hex = (c: InventoryEntry) => c.sha256.replace(/:/g, '').toLowerCase();
const names = (c: InventoryEntry) => [...c.dnsNames, ...c.ipAddresses];

function use(u: InventoryEntry['usedBy'][number], at: (p: { file: string; line: number }) => string): string {
  const hosts = u.hosts?.length ? ` [${u.hosts.map((h) => `${h.covered ? '' : 'not '}${h.name}`).join(', ')}]` : '';
  return `${u.what} (${at(u)})${hosts}`;
}

function summary({ inv, unreadable }: InventoryView): string {
  const n = inv.certificates.length;
  const tally = `${n} certificate${n === 1 ? '' : 's'}: ${inv.counts.expired} expired, `
    + `${inv.counts.expiring} expiring within ${inv.expiringDays} days, ${inv.counts.valid} valid`
    + `${inv.counts['not-yet-valid'] ? `, ${inv.counts['not-yet-valid']} not yet valid` : ''} (at ${inv.now.toISOString()})`;
  return unreadable > 0 ? `${tally}; ${unreadable} input(s) could not be read (see stderr): the inventory is incomplete.` : `${tally}.`;
}

const where = (show: InventoryView['show']) => (p: { file: string; line: number }) => `${show(p.file)}:${p.line}`;

/** Text lines: what comes from the repository (subjects, names, paths) has its control characters escaped. */
export function inventoryText(v: InventoryView): string {
  const { inv } = v;
  const at = where(v.show);
  const out: string[] = [];
  for (const c of inv.certificates) {
    const mark = c.status === 'expired' ? '✗' : c.status === 'expiring' ? '!' : c.status === 'not-yet-valid' ? '…' : '✓';
    out.push(`${mark} ${c.subject || '(empty subject)'} — ${expiryPhrase(c, inv.now)} (notAfter ${day(c.notAfter)}), ${c.key}${c.isCA ? ', CA' : ''}`);
    if (names(c).length) out.push(`    names:   ${names(c).join(', ')}`);
    out.push(`    issuer:  ${c.selfSigned ? '(self-signed)' : c.issuer}`);
    for (const l of c.locations) out.push(`    at:      ${at(l)}${l.what ? ` (${l.what})` : ''}`);
    for (const u of c.usedBy) out.push(`    used by: ${use(u, at)}`);
  }
  out.push('', summary(v));
  return out.map(printable).join('\n') + '\n';
}

/** The JSON contract (schemas/inventory-output.schema.json): lines 1-based, paths as given. */
export function inventoryJsonValue({ inv, show, skipped, limitKB }: InventoryView): unknown {
  return {
    tool: { name: 'tls-lens', version: VERSION },
    now: inv.now.toISOString(),
    expiringWithinDays: inv.expiringDays,
    counts: { ...inv.counts },
    certificates: inv.certificates.map((c) => ({
      subject: c.subject,
      ...(c.commonName !== undefined ? { commonName: c.commonName } : {}),
      dnsNames: [...c.dnsNames],
      ipAddresses: [...c.ipAddresses],
      issuer: c.issuer,
      notBefore: c.notBefore.toISOString(),
      notAfter: c.notAfter.toISOString(),
      daysLeft: c.daysLeft,
      status: c.status,
      key: c.key,
      ca: c.isCA,
      selfSigned: c.selfSigned,
      sha256: hex(c),
      locations: c.locations.map((l) => ({ file: show(l.file), line: l.line, ...(l.what ? { what: l.what } : {}) })),
      usedBy: c.usedBy.map((u) => ({ file: show(u.file), line: u.line, what: u.what, ...(u.hosts ? { hosts: u.hosts.map((h) => ({ ...h })) } : {}) })),
    })),
    skipped: skipped.map((f) => ({ file: show(f.path), reason: 'too-large', sizeKB: f.sizeKB, limitKB })),
  };
}

export function inventoryJson(v: InventoryView): string {
  return JSON.stringify(inventoryJsonValue(v), null, 2) + '\n';
}

/**
 * RFC 4180: fields with a comma or quote are quoted, quotes doubled. Control characters are
 * escaped (printable), so no field holds a line break; a text field that a spreadsheet would take
 * for a formula (=, +, -, @ first) starts with an apostrophe (OWASP CSV injection).
 */
function csvField(v: string | number | boolean): string {
  let s = typeof v === 'string' ? printable(v) : String(v);
  if (typeof v === 'string' && /^[=+\-@]/.test(s)) s = `'${s}`;
  return /[",]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function inventoryCsv({ inv, show }: InventoryView): string {
  const at = where(show);
  const rows: (string | number | boolean)[][] = [[
    'subject', 'dnsNames', 'issuer', 'notAfter', 'daysLeft', 'status', 'key', 'ca', 'locations', 'usedBy', 'sha256',
  ]];
  for (const c of inv.certificates) {
    rows.push([
      c.subject, names(c).join(' '), c.issuer, c.notAfter.toISOString(), c.daysLeft, c.status, c.key, c.isCA, c.locations.map(at).join(' '),
      c.usedBy.map((u) => `${at(u)} ${u.what}`).join('; '), hex(c),
    ]);
  }
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** Markdown: every value from the repository escaped (md) or in a code span nothing can close (code). */
export function inventoryMarkdown(v: InventoryView): string {
  const { inv } = v;
  const at = where(v.show);
  const out = ['| Status | Expires | Subject | Names | Issuer | Key | Where | Used by |', '|---|---|---|---|---|---|---|---|'];
  for (const c of inv.certificates) {
    const status = c.status === 'expired' ? '**expired**' : c.status === 'expiring' ? '**expiring**' : c.status === 'not-yet-valid' ? 'not yet valid' : 'valid';
    out.push(
      `| ${status} | ${day(c.notAfter)} (${md(expiryPhrase(c, inv.now))}) | ${md(c.subject)} | ${md(names(c).join(', '))} | `
        + `${md(c.selfSigned ? '(self-signed)' : c.issuer)} | ${md(c.key)} | ${c.locations.map((l) => code(at(l), true)).join('<br>')} | `
        + `${c.usedBy.map((u) => `${md(u.what)} (${code(at(u), true)})`).join('<br>')} |`,
    );
  }
  out.push('', summary(v));
  return out.join('\n') + '\n';
}
