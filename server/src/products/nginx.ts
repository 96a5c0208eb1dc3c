/**
 * nginx (Aragora TLS guide, "Configure Nginx" and "Self-Signed Certificates / With
 * Subject Alternative Names"): a certificate for each TLS server block that has none, covering its
 * server_names (wildcards kept, `.example.com` as the name and its wildcard, IP addresses as IP
 * SANs), then its ssl_certificate / ssl_certificate_key lines inserted after its `listen … ssl`.
 */
import { isIP } from 'node:net';
import type { BundleRecipe } from './types';
import { fileBase } from '../generate/names';

/** The names a certificate for a server block must hold. */
export function serverCertificateNames(names: readonly string[]): { dns: string[]; ip: string[] } {
  const dns: string[] = [];
  const ip: string[] = [];
  for (const raw of names) {
    if (raw === '_' || raw === '' || raw.startsWith('~') || raw.includes('$')) continue;
    const n = raw.toLowerCase();
    if (isIP(n.replace(/^\[|\]$/g, ''))) { ip.push(n.replace(/^\[|\]$/g, '')); continue; }
    // `.example.com` is example.com and *.example.com (nginx server_name docs).
    if (n.startsWith('.')) dns.push(n.slice(1), `*${n}`);
    // A trailing wildcard (`www.example.*`) cannot be in a certificate.
    else if (!n.endsWith('.*')) dns.push(n);
  }
  return { dns: [...new Set(dns)], ip: [...new Set(ip)] };
}

export const nginxBundle: BundleRecipe = {
  description: 'A CA and, for each `listen … ssl` server block without a certificate, a certificate covering its server_names, with the ssl_certificate lines inserted (Aragora TLS guide).',
  async make(input, kit) {
    let ca: Awaited<ReturnType<typeof kit.ca>> | undefined;
    const made = new Map<string, string>();
    // The distinct name sets to certify, counted first so their keys are made at once.
    const wanted = new Set<string>();
    for (const f of input.files) {
      for (const s of f.model.nginx?.servers ?? []) {
        if (!f.model.nginx!.isLocal(s.directive) || !s.listens.some((l) => l.ssl) || s.get('ssl_certificate').length > 0) continue;
        const n = serverCertificateNames(s.names.map((x) => x.value));
        if (n.dns.length || n.ip.length) wanted.add([...n.dns, ...n.ip].join(' '));
      }
    }
    if (wanted.size) kit.reserve(wanted.size);
    for (const f of input.files) {
      const ng = f.model.nginx;
      if (!ng) continue;
      for (const s of ng.servers) {
        if (!ng.isLocal(s.directive) || !s.listens.some((l) => l.ssl)) continue;
        if (s.get('ssl_reject_handshake').some((d) => d.args[0]?.value === 'on')) continue;
        const line = f.model.text.slice(0, s.directive.span.start).split('\n').length;
        if (s.get('ssl_certificate').length > 0) continue;
        const { dns, ip } = serverCertificateNames(s.names.map((n) => n.value));
        if (!dns.length && !ip.length) {
          kit.note(`${f.shown ?? f.path}:${line}: a TLS server without a server_name (or only a catch-all): give it the names clients use, then generate again.`);
          continue;
        }
        const key = [...dns, ...ip].join(' ');
        let base = made.get(key);
        if (!base) {
          ca ??= await kit.ca('nginx CA');
          if (!made.size) kit.caCertificate('ca.crt', ca, 'The CA of the server certificates: install it where clients verify them (Aragora TLS guide, "Trust Self-Signed Certificate").');
          base = fileBase(dns[0] ?? ip[0]);
          const leaf = await kit.leaf({ role: 'server', cn: dns[0] ?? ip[0], dns, ip, issuer: ca });
          await kit.pem(leaf, `${base}.crt`, `${base}.key`, dns[0] ?? ip[0], `Server certificate (serverAuth) for ${[...dns, ...ip].join(', ')}.`);
          made.set(key, base);
        }
        const listen = s.listens.filter((l) => l.ssl && ng.isLocal(l.directive)).at(-1)?.directive ?? s.directive;
        const at = listen === s.directive ? s.directive.terminator + 1 : listen.span.end;
        const indent = listen === s.directive ? `${ng.indentAt(s.directive.span.start)}    ` : ng.indentAt(listen.span.start);
        const dir = kit.relativeOut(f.path);
        kit.edit({
          file: f.path, start: at, end: at,
          text: `\n${indent}ssl_certificate ${dir}/${base}.crt;\n${indent}ssl_certificate_key ${dir}/${base}.key;`,
          line: f.model.text.slice(0, at).split('\n').length,
          under: `server ${s.names[0]?.value ?? `(line ${line})`}`,
          description: `ssl_certificate and ssl_certificate_key for ${[...dns, ...ip].join(', ')}`,
        });
      }
    }
    if (made.size) kit.note('nginx resolves a relative ssl_certificate path against its prefix (the folder of nginx.conf): the lines inserted are relative to the configuration file; make them absolute if nginx runs from elsewhere. Check with `nginx -t`.');
  },
};
