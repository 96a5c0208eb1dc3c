/** One ajv instance for the catalog, every schema compiled once and cached; chart schemas get their own. */
import Ajv, { AnySchema, ValidateFunction } from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { CATALOG } from './catalog';

const LABEL = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)$/;

/** A DNS name, with a wildcard only as the whole left-most label (RFC 6125 §6.4.3). */
export function isTlsHostname(s: string): boolean {
  if (s.length === 0 || s.length > 253) return false;
  const labels = s.replace(/\.$/, '').split('.');
  return labels.every((l, i) => (i === 0 && l === '*' && labels.length > 1) || LABEL.test(l));
}

/** A Go time.Duration string: 2160h, 30s, 1h30m, 500ms. */
export function isGoDuration(s: string): boolean {
  return /^-?(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$/.test(s) || s === '0';
}

export const FORMAT_DESCRIPTIONS: Record<string, string> = {
  'tls-hostname': 'a DNS name (a wildcard only as the whole left-most label, like *.example.com)',
  'go-duration': 'a Go duration such as 2160h, 30s or 1h30m',
  uri: 'an absolute URL such as https://host:port/path',
  email: 'an email address',
  ipv4: 'an IPv4 address',
  ipv6: 'an IPv6 address',
  hostname: 'a DNS name',
};

const EXTRA_KEYWORDS = ['markdownDescription', 'x-source', 'x-case-insensitive-enum'];

function configure<T extends Ajv>(ajv: T): T {
  addFormats(ajv);
  ajv.addFormat('tls-hostname', isTlsHostname);
  ajv.addFormat('go-duration', isGoDuration);
  for (const k of EXTRA_KEYWORDS) if (!ajv.getKeyword(k)) ajv.addKeyword(k);
  return ajv;
}

let catalogAjv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

function catalog(): Ajv {
  if (!catalogAjv) {
    catalogAjv = configure(new Ajv({ allErrors: true, verbose: true, strict: false, allowUnionTypes: true }));
    for (const e of CATALOG) catalogAjv.addSchema(e.schema as AnySchema);
  }
  return catalogAjv;
}

/** The compiled validator of a catalog schema (by its $id). */
export function catalogValidator(id: string): ValidateFunction {
  let v = compiled.get(id);
  if (!v) {
    v = catalog().getSchema(id);
    if (!v) throw new Error(`schema ${id} is not in the catalog`);
    compiled.set(id, v);
  }
  return v;
}

const external = new Map<string, { text: string; validate: ValidateFunction | Error }>();

/** A schema file from the workspace (a chart's values.schema.json, or one a modeline names), compiled once per content. */
export function externalValidator(path: string, text: string): ValidateFunction | Error {
  const hit = external.get(path);
  if (hit && hit.text === text) return hit.validate;
  let validate: ValidateFunction | Error;
  try {
    const schema = JSON.parse(text) as Record<string, unknown>;
    const is2020 = typeof schema.$schema === 'string' && schema.$schema.includes('2020-12');
    const ajv = configure(is2020 ? new Ajv2020({ allErrors: true, verbose: true, strict: false, allowUnionTypes: true }) : new Ajv({ allErrors: true, verbose: true, strict: false, allowUnionTypes: true }));
    validate = ajv.compile(schema);
  } catch (e) {
    validate = e instanceof Error ? e : new Error(String(e));
  }
  external.set(path, { text, validate });
  return validate;
}
