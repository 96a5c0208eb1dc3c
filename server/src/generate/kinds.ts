/**
 * The kinds of things generation makes, in one table: for each, what it is asked with (its
 * arguments by name, the positional ones of `tls-lens generate`, what the command line must give)
 * and the function that plans it. The CLI (cli/generate.ts) and the editor's command
 * (features/commands.ts) both look a kind up here; each reads its own options, writes the plan
 * (generate/files.ts) and presents the result its own way.
 */
import { BUNDLES } from '../products/bundles';
import type { BundleFile } from '../products/types';
import type { LeafRole } from './certificates';
import {
  CommonOptions, generateBundle, generateCa, generateCsr, generateKeystore, generateLeaf, generateRenewal, generateSecret, generateTruststore,
} from './commands';
import { readInputFile } from './load';
import type { Plan } from './types';

/** A kind's arguments by name: the editor's command sends them so; the CLI fills them from its options and positional arguments. */
export interface KindArgs {
  readonly cn?: string;
  readonly org?: string;
  /** The names a certificate or request is for (host names and IP addresses, already split). */
  readonly dns: readonly string[];
  readonly ip: readonly string[];
  /** The output's file base (a Secret's name). */
  readonly name?: string;
  readonly namespace?: string;
  readonly alias?: string;
  readonly pathLen?: number;
  readonly certFile?: string;
  readonly keyFile?: string;
  readonly caFiles?: readonly string[];
  readonly product?: string;
  readonly paths?: readonly string[];
}

/** What a kind's plan is made with besides its arguments: each caller reads these under its own policy. */
export interface KindContext {
  /** The options every kind shares: the output folder, key type, validity, clock, the CA to sign with. */
  readonly common: CommonOptions;
  /**
   * The text of a file an option names (a Secret's CA certificate, a keystore's chain), read under the
   * caller's name for the option (`--ca`, 'the CA certificate'); undefined when not given.
   */
  optionFile(option: 'ca' | 'chain'): string | undefined;
  /** A bundle's configuration files, found and parsed as the caller finds and parses them. */
  configuration(paths: readonly string[]): readonly BundleFile[];
}

/** Argument fields the positional arguments of the command line fill. */
type PositionalField = 'certFile' | 'keyFile' | 'product';

export interface GenerateKind {
  readonly id: string;
  /** For `--help`: the positional arguments after the kind, and what it makes (one or more lines). */
  readonly synopsis: string;
  readonly summary: readonly string[];
  /** The positional arguments: how many, the fields they fill in order, the field the rest fill; `names` for messages. */
  readonly positional: { readonly count: number; readonly names: string; readonly fields: readonly PositionalField[]; readonly rest?: 'caFiles' | 'paths' };
  /** An option the command line must give (the editor's command has a default); checked before the positional arguments when `first`. */
  readonly requires?: { readonly options: string; readonly given: (a: KindArgs) => boolean; readonly first?: boolean };
  /** What `--ca` means: the CA to sign with (with `--ca-key`), or the ca.crt a Secret carries. */
  readonly ca: 'signer' | 'ca.crt';
  /** Whether the editor's command makes it (a renewal there starts from a diagnostic: generate/actions.ts). */
  readonly editor: boolean;
  plan(a: KindArgs, x: KindContext): Promise<Plan>;
}

/** The common name of a CA the editor's command makes when none is given (the CLI asks for --cn). */
const DEFAULT_CA_CN = 'TLS Lens CA';

const NO_PATHS = { count: 0, names: 'no paths', fields: [] } as const;
const CERT_KEY = { count: 2, names: 'CERT KEY', fields: ['certFile', 'keyFile'] } as const;
/** The certificate and the key a keystore, a Secret or a renewal is made from, as the user named them. */
const certPem = (a: KindArgs) => readInputFile(a.certFile, 'the certificate');
const keyPem = (a: KindArgs) => readInputFile(a.keyFile, 'the key');

function leaf(role: LeafRole, summary: string): GenerateKind {
  return {
    id: role, synopsis: '', summary: [summary], positional: NO_PATHS, ca: 'signer', editor: true,
    plan: (a, x) => generateLeaf({ ...x.common, role, cn: a.cn, org: a.org, dns: a.dns, ip: a.ip, name: a.name }),
  };
}

/** The kinds, in the order `--help` lists them. */
export const GENERATE_KINDS: readonly GenerateKind[] = [
  {
    id: 'ca', synopsis: '', summary: ['a root CA (--cn), or an intermediate with --ca/--ca-key'], positional: NO_PATHS, ca: 'signer', editor: true,
    requires: { options: '--cn', given: (a) => !!a.cn, first: true },
    plan: (a, x) => generateCa({ ...x.common, cn: a.cn ?? DEFAULT_CA_CN, org: a.org, pathLen: a.pathLen, name: a.name }),
  },
  leaf('server', 'a server certificate (--dns/--ip; serverAuth)'),
  leaf('client', 'a client certificate (--cn; clientAuth)'),
  leaf('peer', 'a certificate for both ends (serverAuth + clientAuth)'),
  {
    id: 'csr', synopsis: '', summary: ['a key and a certificate request (PKCS#10) for a CA elsewhere'], positional: NO_PATHS, ca: 'signer', editor: true,
    requires: { options: '--cn or --dns', given: (a) => !!a.cn || !!a.dns[0] },
    plan: (a, x) => generateCsr({ ...x.common, cn: a.cn ?? a.dns[0] ?? '', org: a.org, dns: a.dns, ip: a.ip, name: a.name }),
  },
  {
    id: 'pkcs12', synopsis: 'CERT KEY', summary: ['a PKCS#12 keystore (--alias; --chain FILE) with a random password'],
    positional: CERT_KEY, ca: 'signer', editor: true,
    plan: (a, x) => generateKeystore({ ...x.common, certPem: certPem(a), keyPem: keyPem(a), chain: x.optionFile('chain'), alias: a.alias, name: a.name }),
  },
  {
    id: 'truststore', synopsis: 'CA...', summary: ['a PKCS#12 truststore of the CA certificates'], ca: 'signer', editor: true,
    positional: { count: 1, names: 'one or more CA files', fields: [], rest: 'caFiles' },
    plan: (a, x) => generateTruststore({ ...x.common, cas: (a.caFiles ?? []).map((f) => readInputFile(f, 'the CA file')), name: a.name }),
  },
  {
    id: 'secret', synopsis: 'CERT KEY', summary: ['a kubernetes.io/tls Secret manifest (--name, --namespace, --ca)'],
    positional: CERT_KEY, ca: 'ca.crt', editor: true,
    requires: { options: '--name (the Secret\'s name)', given: (a) => !!a.name },
    plan: (a, x) => generateSecret({
      ...x.common, ca: undefined, certPem: certPem(a), keyPem: keyPem(a), caCert: x.optionFile('ca'), secretName: a.name ?? '', namespace: a.namespace,
    }),
  },
  {
    id: 'renew', synopsis: 'CERT',
    summary: ['the same subject, names and usages with a new key and validity', '(--ca/--ca-key of the CA that issued it, unless self-signed)'],
    positional: { count: 1, names: 'CERT', fields: ['certFile'] }, ca: 'signer', editor: false,
    plan: async (a, x) => (await generateRenewal({ ...x.common, certPem: certPem(a), name: a.name })).plan,
  },
  {
    id: 'bundle', synopsis: 'PRODUCT PATHS...',
    summary: ['a product\'s whole TLS set from its configuration:', ...BUNDLES.map((b) => `  ${b.id.padEnd(12)} ${b.description}`)],
    positional: { count: 2, names: 'PRODUCT and configuration files or folders', fields: ['product'], rest: 'paths' }, ca: 'signer', editor: true,
    plan: (a, x) => generateBundle({ ...x.common, product: a.product ?? '', files: x.configuration(a.paths ?? []) }),
  },
];

export function generateKind(id: string): GenerateKind | undefined {
  return GENERATE_KINDS.find((k) => k.id === id);
}
