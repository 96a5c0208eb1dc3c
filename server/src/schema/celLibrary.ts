/**
 * The CEL evaluator (@bufbuild/cel) with the Kubernetes CEL libraries the shipped CRDs' validation
 * rules call. Loaded only by schema/kube.ts when a rule is first evaluated; esbuild bundles it
 * into a file of its own (dist/cel.js), so that starting the CLI or the server does not load it.
 */
import * as net from 'node:net';
import { celEnv, celFunc, celMethod, CelScalar, parse, plan } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function celLibrary() {
  const funcs = [
    ...strings,
    // The `ip` library's isIP: a valid IPv4 or IPv6 address (no zone).
    celFunc('isIP', [CelScalar.STRING], CelScalar.BOOL, (s) => net.isIP(s) !== 0),
    // The `format` library: format.dns1123Label().validate(s) is null when s is one, else the errors.
    celFunc('format.dns1123Label', [], CelScalar.STRING, () => 'dns1123Label'),
    celFunc('format.dns1123Subdomain', [], CelScalar.STRING, () => 'dns1123Subdomain'),
    celMethod('validate', CelScalar.STRING, [CelScalar.STRING], CelScalar.DYN, function (this: string, v: string) {
      const ok = this === 'dns1123Label' ? v.length <= 63 && DNS1123_LABEL.test(v) : v.length <= 253 && DNS1123_SUBDOMAIN.test(v);
      return ok ? null : [`must be a valid ${this === 'dns1123Label' ? 'DNS label' : 'DNS subdomain'}`];
    }),
  ];
  const env = celEnv({ funcs, variables: { self: CelScalar.DYN } });
  return { env, plan, parse };
}
