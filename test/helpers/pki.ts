import * as fs from 'node:fs';
import * as path from 'node:path';
import { certificatePem, createCertificate, privateKeyPem } from '../../server/src/x509/generate';

/** A CA and a server certificate for app.example.com (and 127.0.0.1), from TLS Lens's own generator, written into dir (keys 0600). */
export async function writeServerPki(dir: string, names = ['app.example.com', 'IP:127.0.0.1']): Promise<{ ca: string; cert: string; key: string }> {
  const now = Date.now();
  const ca = await createCertificate({ subject: 'CN=TLS Lens E2E CA', key: { type: 'ec', curve: 'P-256' }, notBefore: new Date(now - 3600_000), notAfter: new Date(now + 30 * 86400_000), ca: true, keyUsage: ['keyCertSign', 'cRLSign'] });
  const leaf = await createCertificate({ subject: `CN=${names[0]}`, key: { type: 'ec', curve: 'P-256' }, issuer: ca, notBefore: new Date(now - 3600_000), notAfter: new Date(now + 30 * 86400_000), san: names, ca: false, keyUsage: ['digitalSignature'], extKeyUsage: ['serverAuth'] });
  const files = { ca: path.join(dir, 'ca.crt'), cert: path.join(dir, 'app.crt'), key: path.join(dir, 'app.key') };
  fs.writeFileSync(files.ca, certificatePem(ca.cert));
  fs.writeFileSync(files.cert, certificatePem(leaf.cert) + certificatePem(ca.cert));
  fs.writeFileSync(files.key, privateKeyPem(leaf.keys), { mode: 0o600 });
  return files;
}
