// Converts the Gateway API release's CRDs into the JSON Schemas TLS Lens validates Gateway API
// objects with (schemas/gateway-api-*.schema.json). Run by hand when a new release is taken:
//
//   node scripts/gateway-api-schemas.mjs <the release's config/crd>
//
// (a checkout of kubernetes-sigs/gateway-api at the release tag: its standard/ and experimental/
// CRDs). The schemas are the standard channel's, at the versions it serves, with the fields only
// the experimental channel has added under their names (described as such), so that an object
// written for an experimental-channel cluster gets no unknown-key warning. The release is read from the CRDs' bundle-version
// annotation and written into every schema's x-source. One schema per kind: the served versions
// of a kind share it when their OpenAPI schemas are equal but for descriptions (else one file per version).
//
// What the conversion does, so that ajv says what the API server says (and no more):
// - an object that lists its properties gets `additionalProperties: false` (kubectl's strict
//   field validation rejects unknown fields), unless it preserves unknown fields or is a branch of
//   allOf/anyOf/oneOf/not (value validations only);
// - `format: int32/int64` (OpenAPI integer widths) become minimum/maximum; other formats stay;
// - `x-kubernetes-validations` (CEL rules), `x-kubernetes-list-type` and `x-kubernetes-list-map-keys`
//   stay: server/src/schema/kube.ts evaluates them;
// - `status` is dropped to `{ type: object }` (written by controllers, not by the user).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const KINDS = ['Gateway', 'ListenerSet', 'HTTPRoute', 'GRPCRoute', 'TLSRoute', 'ReferenceGrant', 'BackendTLSPolicy'];
const KEEP_X = new Set(['x-kubernetes-validations', 'x-kubernetes-list-type', 'x-kubernetes-list-map-keys']);
const WIDTH = { int32: [-2147483648, 2147483647], int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER] };

// `structural` is false inside allOf/anyOf/oneOf/not: those branches only add value validations
// (a branch listing some properties does not forbid the others).
function convert(s, structural = true) {
  if (Array.isArray(s)) return s.map((x) => convert(x, structural));
  if (!s || typeof s !== 'object') return s;
  const out = {};
  for (const [k, v] of Object.entries(s)) {
    if (k.startsWith('x-kubernetes-') && !KEEP_X.has(k) && k !== 'x-kubernetes-preserve-unknown-fields') continue;
    if (k === 'format' && WIDTH[v]) {
      if (s.minimum === undefined) out.minimum = WIDTH[v][0];
      if (s.maximum === undefined) out.maximum = WIDTH[v][1];
      continue;
    }
    if (k === 'properties') out.properties = Object.fromEntries(Object.entries(v).map(([p, ps]) => [p, convert(ps, structural)]));
    else if (['items', 'additionalProperties'].includes(k) && typeof v === 'object') out[k] = convert(v, structural);
    else if (k === 'not' && typeof v === 'object') out[k] = convert(v, false);
    else if (['allOf', 'anyOf', 'oneOf'].includes(k)) out[k] = v.map((x) => convert(x, false));
    else out[k] = v;
  }
  if (structural && out.properties && out.additionalProperties === undefined && !out['x-kubernetes-preserve-unknown-fields']) out.additionalProperties = false;
  delete out['x-kubernetes-preserve-unknown-fields'];
  return out;
}

/** Adds to a standard schema the properties only the experimental channel's has (in place). */
function mergeExperimental(std, exp) {
  if (!std || !exp || typeof std !== 'object' || typeof exp !== 'object') return;
  if (std.properties && exp.properties) {
    for (const [k, v] of Object.entries(exp.properties)) {
      if (std.properties[k]) mergeExperimental(std.properties[k], v);
      else std.properties[k] = { ...v, description: `Experimental channel only. ${v.description ?? ''}`.trim() };
    }
  }
  if (std.items && exp.items) mergeExperimental(std.items, exp.items);
  if (typeof std.additionalProperties === 'object' && typeof exp.additionalProperties === 'object') mergeExperimental(std.additionalProperties, exp.additionalProperties);
}

function readCrds(dir) {
  const crds = [];
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.yaml')).sort()) {
    for (const d of parseAllDocuments(fs.readFileSync(path.join(dir, f), 'utf8'))) {
      const j = d.toJSON();
      if (j?.kind === 'CustomResourceDefinition' && KINDS.includes(j.spec?.names?.kind)) crds.push({ file: f, crd: j });
    }
  }
  return crds;
}

function main(root) {
  if (!root) throw new Error('usage: node scripts/gateway-api-schemas.mjs <config/crd of the release>');
  const dir = path.join(root, 'standard');
  const crds = readCrds(dir);
  const experimental = readCrds(path.join(root, 'experimental'));
  const written = [];
  for (const { file, crd } of crds) {
    const kind = crd.spec.names.kind;
    const release = crd.metadata.annotations?.['gateway.networking.k8s.io/bundle-version'] ?? 'unknown';
    const channel = crd.metadata.annotations?.['gateway.networking.k8s.io/channel'] ?? 'standard';
    const served = crd.spec.versions.filter((v) => v.served);
    const groups = [];
    for (const v of served) {
      // Versions whose schemas differ only in their descriptions share one (the first served's words).
      const body = JSON.stringify(v.schema.openAPIV3Schema, (k, x) => (k === 'description' ? undefined : x));
      const g = groups.find((x) => x.body === body);
      if (g) g.versions.push(v.name);
      else groups.push({ body, versions: [v.name], schema: v.schema.openAPIV3Schema });
    }
    for (const g of groups) {
      const exp = experimental.find((c) => c.crd.spec.names.kind === kind)?.crd.spec.versions.find((v) => v.name === g.versions[0]);
      if (exp) mergeExperimental(g.schema, exp.schema.openAPIV3Schema);
      const name = `gateway-api-${kind.toLowerCase()}${groups.length > 1 ? `-${g.versions.join('-')}` : ''}.schema.json`;
      const apiVersions = g.versions.map((v) => `${crd.spec.group}/${v}`);
      const body = convert(g.schema);
      const { description, ...rest } = body;
      const schema = {
        $schema: 'http://json-schema.org/draft-07/schema#',
        $id: `https://tls-lens.dev/schemas/${name}`,
        title: `Gateway API ${kind} (${apiVersions.join(', ')})`,
        description,
        'x-source': `Gateway API ${release} (${channel} channel${exp ? ', with the experimental channel\'s added fields' : ''}), CRD ${file}, versions ${g.versions.join(', ')}`,
        ...rest,
        required: ['apiVersion', 'kind', ...(rest.required ?? []).filter((r) => r !== 'apiVersion' && r !== 'kind')],
        properties: {
          ...rest.properties,
          apiVersion: { type: 'string', enum: apiVersions },
          kind: { type: 'string', const: kind },
          status: { type: 'object', description: 'Written by the controller.' },
        },
      };
      fs.writeFileSync(path.join(ROOT, 'schemas', name), `${JSON.stringify(schema, null, 1)}\n`);
      written.push(`${name} (${apiVersions.join(', ')})`);
    }
  }
  for (const k of KINDS) if (!crds.some((c) => c.crd.spec.names.kind === k)) throw new Error(`no CRD for ${k} in ${dir}`);
  console.log(`wrote ${written.length} schemas:\n  ${written.join('\n  ')}`);
}

main(process.argv[2]);
