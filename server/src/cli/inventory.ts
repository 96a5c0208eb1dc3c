/**
 * `tls-lens inventory`: every certificate in the given files and folders, where it lives and
 * what uses it, sorted by expiry, as text, JSON (schemas/inventory-output.schema.json), CSV or
 * Markdown; exit status 1 when one expires within the window, so a nightly job is the renewal
 * reminder the product guides ask for.
 */
import { DEFAULTS } from '../defaults';
import { eachArg, isoDate, mapPath, positional, relative, UsageError, wholeNumber } from './args';
import { buildInventory, Inventory, InventoryEntry } from '../workspace/inventory';
import { WorkspaceIndex } from '../workspace/index';
import { DEFAULT_SETTINGS, EngineSettings, indexDocuments } from '../engine';
import { expiryPhrase } from '../util/time';
import { readWorkspace, SkippedFile, skippedLine } from './workspace';

const VERSION = process.env.TLS_LENS_VERSION ?? '0.1.0';

export const INVENTORY_USAGE = `Usage: tls-lens inventory [options] [paths...]

Lists every certificate in the given files and folders (default: the current
folder) — PEM files, PEM in any YAML value, Kubernetes Secrets and
ConfigMaps, the keystores that configurations name — with its names, issuer,
expiry and key, where it lives and what uses it (nginx servers, Ingress
hosts, values keys, Spinnaker services, OpenChoreo planes), sorted by expiry.

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
within it or has expired, 2 usage error or unreadable input.`;

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
  const o: Options = { format: 'text', days: DEFAULTS.expiryWarningDays, now: new Date(), maxFileSizeKB: DEFAULTS.maxFileSizeKB, paths: [], pathMappings: {}, restricted: false };
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
  const { host, docs, skipped, unreadable } = readWorkspace(o.paths, o);
  // The documents as `check` reads them (pass 1 of the engine: models into the index), without
  // schema validation: the inventory shows what they hold and refer to, not their faults.
  const settings: EngineSettings = { ...DEFAULT_SETTINGS, maxFileSizeKB: o.maxFileSizeKB, yaml: { schemaValidation: false, schemas: {} } };
  const index = new WorkspaceIndex(host);
  indexDocuments(docs, { settingsFor: () => settings, host, index });
  index.complete = true;
  const inv = buildInventory(index, o.now, o.days);
  if (skipped.length > 0) process.stderr.write(skippedLine(skipped, o.maxFileSizeKB));
  process.stdout.write(o.format === 'json' ? inventoryJson(inv, skipped, o.maxFileSizeKB) : o.format === 'csv' ? inventoryCsv(inv) : o.format === 'markdown' ? inventoryMarkdown(inv) : inventoryText(inv));
  if (unreadable > 0) return 2;
  return inv.counts.expired + inv.counts.expiring > 0 ? 1 : 0;
}

const day = (d: Date) => d.toISOString().slice(0, 10);
/** SHA-256 as 64 lowercase hex digits (the form `sha256sum` and `openssl x509 -fingerprint` users compare, without colons). */
const hex = (c: InventoryEntry) => c.sha256.replace(/:/g, '').toLowerCase();
const names = (c: InventoryEntry) => [...c.dnsNames, ...c.ipAddresses];
const at = (p: { file: string; line: number }) => `${relative(p.file)}:${p.line}`;

function use(u: InventoryEntry['usedBy'][number]): string {
  const hosts = u.hosts?.length ? ` [${u.hosts.map((h) => `${h.covered ? '' : 'not '}${h.name}`).join(', ')}]` : '';
  return `${u.what} (${at(u)})${hosts}`;
}

function summary(inv: Inventory): string {
  const n = inv.certificates.length;
  return `${n} certificate${n === 1 ? '' : 's'}: ${inv.counts.expired} expired, ${inv.counts.expiring} expiring within ${inv.expiringDays} days, ${inv.counts.valid} valid${inv.counts['not-yet-valid'] ? `, ${inv.counts['not-yet-valid']} not yet valid` : ''} (at ${inv.now.toISOString()}).`;
}

export function inventoryText(inv: Inventory): string {
  const out: string[] = [];
  for (const c of inv.certificates) {
    const mark = c.status === 'expired' ? '✗' : c.status === 'expiring' ? '!' : c.status === 'not-yet-valid' ? '…' : '✓';
    out.push(`${mark} ${c.subject || '(empty subject)'} — ${expiryPhrase(c, inv.now)} (notAfter ${day(c.notAfter)}), ${c.key}${c.isCA ? ', CA' : ''}`);
    if (names(c).length) out.push(`    names:   ${names(c).join(', ')}`);
    out.push(`    issuer:  ${c.selfSigned ? '(self-signed)' : c.issuer}`);
    for (const l of c.locations) out.push(`    at:      ${at(l)}${l.what ? ` (${l.what})` : ''}`);
    for (const u of c.usedBy) out.push(`    used by: ${use(u)}`);
  }
  out.push('', summary(inv));
  return out.join('\n') + '\n';
}

/** The JSON contract (schemas/inventory-output.schema.json): lines 1-based, paths relative to the current folder. */
export function inventoryJsonValue(inv: Inventory, skipped: readonly SkippedFile[], limitKB: number): unknown {
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
      locations: c.locations.map((l) => ({ file: relative(l.file), line: l.line, ...(l.what ? { what: l.what } : {}) })),
      usedBy: c.usedBy.map((u) => ({ file: relative(u.file), line: u.line, what: u.what, ...(u.hosts ? { hosts: u.hosts.map((h) => ({ ...h })) } : {}) })),
    })),
    skipped: skipped.map((f) => ({ file: relative(f.path), reason: 'too-large', sizeKB: f.sizeKB, limitKB })),
  };
}

export function inventoryJson(inv: Inventory, skipped: readonly SkippedFile[], limitKB: number): string {
  return JSON.stringify(inventoryJsonValue(inv, skipped, limitKB), null, 2) + '\n';
}

/** RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled. */
function csvField(v: string | number | boolean): string {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function inventoryCsv(inv: Inventory): string {
  const rows: (string | number | boolean)[][] = [['subject', 'dnsNames', 'issuer', 'notAfter', 'daysLeft', 'status', 'key', 'ca', 'locations', 'usedBy', 'sha256']];
  for (const c of inv.certificates) {
    rows.push([c.subject, names(c).join(' '), c.issuer, c.notAfter.toISOString(), c.daysLeft, c.status, c.key, c.isCA, c.locations.map(at).join(' '), c.usedBy.map((u) => `${at(u)} ${u.what}`).join('; '), hex(c)]);
  }
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** Markdown text in a table cell: pipes and backslashes escaped, no line breaks. */
function cell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');
}

export function inventoryMarkdown(inv: Inventory): string {
  const out = ['| Status | Expires | Subject | Names | Issuer | Key | Where | Used by |', '|---|---|---|---|---|---|---|---|'];
  for (const c of inv.certificates) {
    const status = c.status === 'expired' ? '**expired**' : c.status === 'expiring' ? '**expiring**' : c.status === 'not-yet-valid' ? 'not yet valid' : 'valid';
    out.push(`| ${status} | ${day(c.notAfter)} (${cell(expiryPhrase(c, inv.now))}) | ${cell(c.subject)} | ${cell(names(c).join(', '))} | ${cell(c.selfSigned ? '(self-signed)' : c.issuer)} | ${cell(c.key)} | ${cell(c.locations.map((l) => `\`${at(l)}\``).join('<br>'))} | ${cell(c.usedBy.map((u) => `${u.what} (\`${at(u)}\`)`).join('<br>'))} |`);
  }
  out.push('', summary(inv));
  return out.join('\n') + '\n';
}
