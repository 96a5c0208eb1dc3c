/** One ajv instance for the catalog, every schema compiled once and cached; chart schemas get their own. */
import Ajv, { AnySchema, Format, ValidateFunction } from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import { SHIPPED_BY_URI } from './catalog';
import { formats } from './formats';
import precompiled = require('./generated/validators');
import { boundedRegExp } from '../util/boundedRegex';

export { isGoDuration, isTlsHostname } from './formats';

export const FORMAT_DESCRIPTIONS: Record<string, string> = {
  'tls-hostname': 'a DNS name (a wildcard only as the whole left-most label, like *.example.com)',
  'go-duration': 'a Go duration such as 2160h, 30s or 1h30m',
  uri: 'an absolute URL such as https://host:port/path',
  email: 'an email address',
  ipv4: 'an IPv4 address',
  ipv6: 'an IPv6 address',
  hostname: 'a DNS name',
  'k8s-name': "a Kubernetes object name (a lowercase RFC 1123 subdomain: a-z, 0-9, '-' and '.', starting and ending with a letter or digit)",
  'k8s-label-value': "a label value (at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit)",
  'vault-path': "a Vault path without '..' segments",
  cron: 'a cron schedule of five fields (minute hour day-of-month month day-of-week), or a descriptor such as @daily',
  'pem-certificates-base64': 'base64 of a PEM bundle holding at least one certificate',
  'rfc2136-nameserver': 'host:port, where host is an IPv4 address, an IPv6 address in brackets or a hostname (the port is optional)',
  'dns01-nameserver': '<ip address>:<port>, or https://<host> for a DNS-over-HTTPS (RFC 8484) server',
  'secret-template-annotation':
    'an annotation outside cert-manager.io/ (cert-manager writes those itself; only cert-manager.io/allow-direct-injection is allowed)',
};

const EXTRA_KEYWORDS = ['markdownDescription', 'x-source', 'x-case-insensitive-enum'];

function configure<T extends Ajv>(ajv: T): T {
  for (const [name, f] of Object.entries(formats)) ajv.addFormat(name, f as Format);
  for (const k of EXTRA_KEYWORDS) if (!ajv.getKeyword(k)) ajv.addKeyword(k);
  return ajv;
}

let catalogAjv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

function catalog(): Ajv {
  if (!catalogAjv) {
    catalogAjv = configure(new Ajv({ allErrors: true, verbose: true, strict: false, allowUnionTypes: true }));
    for (const schema of SHIPPED_BY_URI.values()) catalogAjv.addSchema(schema as AnySchema);
  }
  return catalogAjv;
}

/** The compiled validator of a catalog schema (by its $id): precompiled at build time, else compiled once. */
export function catalogValidator(id: string): ValidateFunction {
  let v = compiled.get(id) ?? (precompiled[id] as ValidateFunction | undefined);
  if (!v) {
    v = catalog().getSchema(id);
    if (!v) throw new Error(`schema ${id} is not in the catalog`);
    compiled.set(id, v);
  }
  return v;
}

export interface ExternalSchema {
  readonly validate: ValidateFunction | Error;
  /** Patterns not run because they could backtrack exponentially (see util/boundedRegex). */
  readonly skippedPatterns: readonly string[];
}

const external = new Map<string, { text: string; compiled: ExternalSchema }>();

/** Why a workspace schema does not compile, without quoting the file (it may be anything). */
function compileError(e: unknown): Error {
  if (e instanceof SyntaxError && !/regular expression/i.test(e.message)) {
    const at = /position (\d+)/.exec(e.message);
    return new Error(`it is not valid JSON${at ? ` (at character ${at[1]})` : ''}`);
  }
  const m = e instanceof Error ? e.message : String(e);
  // ajv's messages name schema paths and keywords; keep them short and on one line.
  const one = m.split('\n')[0];
  return new Error(one.length > 160 ? `${one.slice(0, 157)}…` : one);
}

/**
 * A schema file from the workspace (a chart's values.schema.json, or one a modeline names),
 * compiled once per content. Its `pattern`s run in a bounded engine: no pattern can hang.
 */
export function externalValidator(path: string, text: string): ExternalSchema {
  const hit = external.get(path);
  if (hit && hit.text === text) return hit.compiled;
  const skipped: string[] = [];
  const regExp = Object.assign((pattern: string, flags: string) => {
    const rx = boundedRegExp(pattern, flags);
    if (rx.engine === 'skipped' && !skipped.includes(pattern)) skipped.push(pattern);
    return rx;
  }, { code: 'boundedRegExp' });
  let validate: ValidateFunction | Error;
  try {
    const schema = JSON.parse(text) as Record<string, unknown>;
    const is2020 = typeof schema.$schema === 'string' && schema.$schema.includes('2020-12');
    const options = { allErrors: true, verbose: true, strict: false, allowUnionTypes: true, code: { regExp } };
    const ajv = configure(is2020 ? new Ajv2020(options) : new Ajv(options));
    validate = ajv.compile(schema);
  } catch (e) {
    validate = compileError(e);
  }
  const compiled = { validate, skippedPatterns: skipped };
  external.set(path, { text, compiled });
  if (external.size > 64) external.delete(external.keys().next().value as string);
  return compiled;
}
