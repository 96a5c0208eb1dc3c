/**
 * The fuzzer's input families: where their seeds come from, how an input is mutated, and how it
 * is laid out as a workspace for the engine. Everything is derived from (seed, index), so an
 * input can be made again anywhere from its number.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { jksTruststore, pkcs12WithIterations } from '../../test/helpers/der';

export type Family = 'yaml' | 'nginx' | 'pem' | 'secret' | 'keystore';
export const FAMILIES: readonly Family[] = ['yaml', 'nginx', 'pem', 'secret', 'keystore'];

/** A small deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MAX_SEED_BYTES = 64 * 1024;
export const MAX_INPUT_BYTES = 256 * 1024;

/** Tokens that mean something to the parsers: spliced in to reach their corners. */
const DICTIONARY: Record<Family, string[]> = {
  yaml: ['{{', '}}', '{{-', '&a ', '*a', '<<: *a', '---\n', '? ', ': ', '- ', '[', ']', '{', '}', '!!binary ', '|', '>-', '"\\u', "'", '#', '\t', 'kind: Secret\n', 'apiVersion: v1\n', 'data:\n  tls.crt: ', '__proto__: ', 'clusterAgent:\n  planeID: ', 'server:\n  auth:\n', '# tls-lens: schema='],
  nginx: ['{', '}', ';', '"', "'", '\\', '#', '${', 'include *.conf;', 'server {', 'http {', 'location / {', 'listen 443 ssl;', 'ssl_protocols ', 'ssl_ciphers ', 'content_by_lua_block {', '--[[', 'if ($x) {', 'map $a $b {', 'data:', 'ssl_certificate ', 'add_header Strict-Transport-Security '],
  pem: ['-----BEGIN CERTIFICATE-----\n', '-----END CERTIFICATE-----\n', '-----BEGIN PRIVATE KEY-----\n', '-----BEGIN ENCRYPTED PRIVATE KEY-----\n', 'Proc-Type: 4,ENCRYPTED\n', '=', '==', 'MII', '\n\n', 'AAAA', '////'],
  secret: ['=', '==', '\n', ' ', '%', 'LS0tLS1CRUdJTi', 'MII'],
  keystore: ['\x30\x84\xff\xff\xff\xff', '\x02\x04\x7f\xff\xff\xff', '\x30\x80', '\xfe\xed\xfe\xed', '\x00\x00\x00\x02', '\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x05\x0d'],
};

function files(dir: string, test: (f: string) => boolean, out: string[] = [], depth = 0): string[] {
  if (!fs.existsSync(dir) || depth > 12) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) { if (e.name !== 'node_modules' && e.name !== '.git' && e.name !== 'hostile') files(p, test, out, depth + 1); }
    else if (e.isFile() && test(p) && fs.statSync(p).size <= MAX_SEED_BYTES) out.push(p);
  }
  return out;
}

/** Seed inputs per family: the fixtures, the examples and (when present) ../shared/corpus. */
export function seeds(root: string, family: Family): Buffer[] {
  const dirs = [path.join(root, 'test/fixtures'), path.join(root, 'examples'), path.resolve(root, '../shared/corpus')];
  const pick = (re: RegExp) => dirs.flatMap((d) => files(d, (f) => re.test(f))).sort().map((f) => fs.readFileSync(f));
  switch (family) {
    case 'yaml': return pick(/\.ya?ml$/);
    case 'nginx': return pick(/(\.conf|sites-(enabled|available)\/[^/]+)$/);
    case 'pem': return pick(/\.(pem|crt|cer|key|csr)$/);
    case 'secret': return pick(/\.(pem|crt|key)$/).filter((b) => b.includes('-----BEGIN'));
    case 'keystore': {
      const found = pick(/\.(p12|pfx|jks)$/);
      const cert = pick(/\.(pem|crt)$/).map((b) => /-----BEGIN CERTIFICATE-----\s*([A-Za-z0-9+/=\s]+)-----END/.exec(b.toString('latin1'))?.[1]).find(Boolean);
      const der = cert ? Buffer.from(cert.replace(/\s+/g, ''), 'base64') : Buffer.alloc(0);
      return [...found, jksTruststore([{ alias: 'ca', der }]), pkcs12WithIterations(2048)];
    }
  }
}

/** One mutation of `input` (a few stacked): flips, interesting bytes, inserts, deletes, repeats, splices. */
export function mutate(input: Buffer, family: Family, rand: () => number, others: readonly Buffer[]): Buffer {
  let b = Buffer.from(input);
  const n = 1 + Math.floor(rand() * 4);
  const at = () => Math.floor(rand() * (b.length + 1));
  for (let k = 0; k < n; k++) {
    const op = Math.floor(rand() * 8);
    if (op === 0 && b.length) { const i = at() % b.length; b[i] ^= 1 << Math.floor(rand() * 8); }
    else if (op === 1 && b.length) { const i = at() % b.length; b[i] = [0, 0xff, 0x7f, 0x80, 0x0a, 0x20, 0x22, 0x7b][Math.floor(rand() * 8)]; }
    else if (op === 2) { const i = at(); const t = Buffer.from(DICTIONARY[family][Math.floor(rand() * DICTIONARY[family].length)], 'latin1'); b = Buffer.concat([b.subarray(0, i), t, b.subarray(i)]); }
    else if (op === 3 && b.length) { const i = at(); const len = Math.floor(rand() * Math.min(64, b.length - Math.min(i, b.length))); b = Buffer.concat([b.subarray(0, i), b.subarray(i + len)]); }
    else if (op === 4 && b.length) {
      // Repeat a chunk many times: deep nesting, long runs.
      const i = at() % b.length; const len = 1 + Math.floor(rand() * 16); const times = 1 + Math.floor(rand() ** 3 * 2000);
      const chunk = b.subarray(i, i + len);
      b = Buffer.concat([b.subarray(0, i), Buffer.concat(Array(times).fill(chunk)), b.subarray(i)]);
    }
    else if (op === 5 && others.length) { const o = others[Math.floor(rand() * others.length)]; const i = at(); const j = Math.floor(rand() * o.length); b = Buffer.concat([b.subarray(0, i), o.subarray(j, j + Math.floor(rand() * 256)), b.subarray(i)]); }
    else if (op === 6 && b.length) { const i = at(); b = Buffer.concat([b.subarray(0, i), Buffer.from([Math.floor(rand() * 256)]), b.subarray(i)]); }
    else if (op === 7 && b.length > 8) { const i = Math.floor(rand() * (b.length - 4)); b.writeUInt32BE(Math.floor(rand() * 2 ** 32), i); }
    if (b.length > MAX_INPUT_BYTES) b = b.subarray(0, MAX_INPUT_BYTES);
  }
  return b;
}

/** The workspace an input becomes: file path → content; the first file is the one checked. */
export function layout(family: Family, input: Buffer): Record<string, Buffer | string> {
  switch (family) {
    case 'yaml': return { '/fuzz/values.yaml': input };
    case 'nginx': return { '/fuzz/nginx.conf': input };
    case 'pem': return { '/fuzz/x.pem': input };
    case 'secret': return { '/fuzz/secret.yaml': `apiVersion: v1\nkind: Secret\nmetadata:\n  name: app-tls\ntype: kubernetes.io/tls\ndata:\n  tls.crt: ${input.toString('base64')}\n  tls.key: ${input.subarray(0, 512).toString('base64')}\n  ca.crt: ${input.toString('latin1').replace(/[^A-Za-z0-9+/=]/g, '').slice(0, 4096)}\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: app\nspec:\n  tls:\n    - secretName: app-tls\n      hosts: [app.example.com, "*.example.com"]\n` };
    case 'keystore': return {
      '/fuzz/spinnaker.yaml': ['apiVersion: spinnaker.io/v1alpha2', 'kind: SpinnakerService', 'metadata:', '  name: s', 'spec:', '  spinnakerConfig:', '    profiles:', '      gate:', '        server:', '          ssl:', '            key-store: store.p12', '            key-store-password: changeit', '            trust-store: encryptedFile:k8s!n:spin!k:trust.p12', '        ok-http-client:', '          key-store: store.p12', ''].join('\n'),
      '/fuzz/store.p12': input,
      '/fuzz/secret.yaml': `apiVersion: v1\nkind: Secret\nmetadata:\n  name: spin\ndata:\n  trust.p12: ${input.toString('base64')}\n`,
    };
  }
}

/** Input number i of a family: a seed, mutated; the same (seed, i) always gives the same input. */
export function inputAt(family: Family, seedList: readonly Buffer[], seed: number, i: number): Buffer {
  const rand = prng(seed * 1_000_003 + i * 7919 + FAMILIES.indexOf(family));
  const base = seedList[Math.floor(rand() * seedList.length)] ?? Buffer.alloc(0);
  return i % 50 === 0 ? Buffer.from(base) : mutate(base, family, rand, seedList);
}
