/**
 * nginx (Aragora TLS guide, "Configure Nginx" and "Self-Signed Certificates / With
 * Subject Alternative Names"): a certificate for each TLS server block that has none, covering its
 * server_names (wildcards kept, `.example.com` as the name and its wildcard, IP addresses as IP
 * SANs), then its ssl_certificate / ssl_certificate_key lines inserted after its `listen … ssl`.
 */
import type { BundleRecipe } from './types';
import { commonNameFor, fileBase, parseHost, shown } from '../core/names';
import { GenerateInputError } from '../core/errors';
import { LineIndex } from '../util/lineIndex';

/**
 * The names a certificate for a server block must hold, by the one host-name validator; the
 * server_names no certificate can hold (a regular expression, a variable, a trailing wildcard, a
 * name that is no host name) are skipped, each with why.
 */
export function serverCertificateNames(names: readonly string[]): { dns: string[]; ip: string[]; skipped: { name: string; why: string }[] } {
  const dns: string[] = [];
  const ip: string[] = [];
  const skipped: { name: string; why: string }[] = [];
  const add = (raw: string, n: string) => {
    const h = parseHost(n);
    if ('problem' in h) skipped.push({ name: raw, why: h.problem });
    else (h.kind === 'ip' ? ip : dns).push(h.value);
  };
  for (const raw of names) {
    if (raw === '_' || raw === '') continue;
    if (raw.startsWith('~')) skipped.push({ name: raw, why: 'a regular expression, which no certificate can hold' });
    else if (raw.includes('$')) skipped.push({ name: raw, why: 'it holds a variable' });
    // A trailing wildcard (`www.example.*`) cannot be in a certificate.
    else if (raw.endsWith('.*')) skipped.push({ name: raw, why: 'a trailing wildcard, which no certificate can hold' });
    // `.example.com` is example.com and *.example.com (nginx server_name docs).
    else if (raw.startsWith('.')) { add(raw, raw.slice(1)); add(raw, `*${raw}`); } else add(raw, raw);
  }
  return { dns: [...new Set(dns)], ip: [...new Set(ip)], skipped: skipped.filter((s, i) => skipped.findIndex((x) => x.name === s.name) === i) };
}

/**
 * A path as an nginx argument: as is when nginx reads it as one word, else in double quotes with
 * `"` and `\` escaped. A `$` is refused: nginx reads it as a variable in ssl_certificate and has
 * no escape for it.
 */
export function nginxPath(p: string): string {
  if (p.includes('$')) {
    throw new GenerateInputError(`${shown(p)} holds a '$': nginx reads it as a variable in ssl_certificate (choose an output folder without one)`);
  }
  if (/[\u0000-\u001f\u007f]/.test(p)) throw new GenerateInputError(`${shown(p)} holds a control character: no path for an nginx configuration`);
  return /^[^\s;{}"'\\#]+$/.test(p) ? p : `"${p.replace(/["\\]/g, '\\$&')}"`;
}

export const nginxBundle: BundleRecipe = {
  description: 'A CA and, for each `listen … ssl` server block without a certificate, a certificate covering its server_names, with the ssl_certificate lines inserted (Aragora TLS guide).',
  async make(input, kit) {
    let ca: Awaited<ReturnType<typeof kit.ca>> | undefined;
    const made = new Map<string, string>();
    // The distinct name sets to certify, counted first so their keys are made at once.
    const wanted = new Set<string>();
    for (const f of input.files) {
      // One line index per file: a file of 25,000 servers is not scanned once per server.
      const lines = new LineIndex(f.model.text);
      for (const s of f.model.nginx?.servers ?? []) {
        if (!f.model.nginx!.isLocal(s.directive) || !s.listens.some((l) => l.ssl) || s.get('ssl_certificate').length > 0) continue;
        const n = serverCertificateNames(s.names.map((x) => x.value));
        if (n.dns.length || n.ip.length) wanted.add([...n.dns, ...n.ip].join(' '));
        // Each server's names are told once, whether or not it gets a certificate.
        const line = lines.positionAt(s.directive.span.start).line + 1;
        for (const k of n.skipped) kit.note(`${f.shown ?? f.path}:${line}: server_name ${shown(k.name)} is skipped: ${k.why}.`);
      }
    }
    if (wanted.size) kit.reserve(wanted.size);
    for (const f of input.files) {
      const ng = f.model.nginx;
      if (!ng) continue;
      const lines = new LineIndex(f.model.text);
      for (const s of ng.servers) {
        if (!ng.isLocal(s.directive) || !s.listens.some((l) => l.ssl)) continue;
        if (s.get('ssl_reject_handshake').some((d) => d.args[0]?.value === 'on')) continue;
        if (s.get('ssl_certificate').length > 0) continue;
        const line = lines.positionAt(s.directive.span.start).line + 1;
        const { dns, ip } = serverCertificateNames(s.names.map((n) => n.value));
        if (!dns.length && !ip.length) {
          kit.note(
            `${f.shown ?? f.path}:${line}: a TLS server without a server_name (or only a catch-all): give it the names clients use, then generate again.`,
          );
          continue;
        }
        const key = [...dns, ...ip].join(' ');
        let base = made.get(key);
        if (!base) {
          ca ??= await kit.ca('nginx CA');
          if (!made.size) {
            kit.caCertificate(
              'ca.crt', ca,
              'The CA of the server certificates: install it where clients verify them (Aragora TLS guide, "Trust Self-Signed Certificate").',
            );
          }
          base = fileBase(dns[0] ?? ip[0]);
          const leaf = await kit.leaf({ role: 'server', cn: dns[0] !== undefined ? commonNameFor(dns[0]) : ip[0], dns, ip, issuer: ca });
          await kit.pem(leaf, `${base}.crt`, `${base}.key`, dns[0] ?? ip[0], `Server certificate (serverAuth) for ${[...dns, ...ip].join(', ')}.`);
          made.set(key, base);
        }
        const listen = s.listens.filter((l) => l.ssl && ng.isLocal(l.directive)).at(-1)?.directive ?? s.directive;
        const at = listen === s.directive ? s.directive.terminator + 1 : listen.span.end;
        const indent = listen === s.directive ? `${ng.indentAt(s.directive.span.start)}    ` : ng.indentAt(listen.span.start);
        const dir = kit.relativeOut(f.path);
        kit.edit({
          file: f.path, start: at, end: at,
          text: `\n${indent}ssl_certificate ${nginxPath(`${dir}/${base}.crt`)};\n${indent}ssl_certificate_key ${nginxPath(`${dir}/${base}.key`)};`,
          line: lines.positionAt(at).line + 1,
          under: `server ${s.names[0]?.value ?? `(line ${line})`}`,
          description: `ssl_certificate and ssl_certificate_key for ${[...dns, ...ip].join(', ')}`,
        });
      }
    }
    if (made.size) {
      kit.note(
        'nginx resolves a relative ssl_certificate path against its prefix (the folder of nginx.conf): the lines inserted are relative to '
          + 'the configuration file; make them absolute if nginx runs from elsewhere. Check with `nginx -t`.',
      );
    }
  },
};
