/**
 * What scripts/helm-setup.mjs is built from, without the network or the package: its archive
 * readers (scripts/lib/archive.mjs) on zips and tars built here byte by byte (stored and deflated
 * entries, names that would leave the folder, damage), and the cache folder the setup installs
 * into (scripts/lib/helm-layer.mjs) against the one the tests look in (test/helpers/helm.ts).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import * as zlib from 'node:zlib';
import { HELM_LAYER_VERSION, HELM_STAMP, helmCacheDir, helmPath, kubectlPath } from '../helpers/helm';
import { ROOT } from '../helpers/paths';

interface ZipEntry { name: string; method: number; size: number; compressedSize: number; crc: number; mode: number }
interface Archive { tarFile(tar: Buffer, name: string): Buffer; zipEntries(zip: Buffer): ZipEntry[]; zipFile(zip: Buffer, name: string): Buffer }
interface Layer { LAYER: { version: string }; STAMP: string; helmCacheDir(env: NodeJS.ProcessEnv): string }
const archive = (): Promise<Archive> => import(pathToFileURL(path.join(ROOT, 'scripts/lib/archive.mjs')).href);
const layer = (): Promise<Layer> => import(pathToFileURL(path.join(ROOT, 'scripts/lib/helm-layer.mjs')).href);

/** A zip as a zip tool writes one: local header + data per entry, the central directory, its end record. */
function makeZip(files: { name: string; data: Buffer; method: 0 | 8; crc?: number }[], comment = ''): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const name = Buffer.from(f.name);
    const body = f.method === 8 ? zlib.deflateRawSync(f.data) : f.data;
    const crc = f.crc ?? zlib.crc32(f.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(f.method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(f.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, body);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE((3 << 8) | 20, 4); // made by Unix
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(f.method, 10);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(body.length, 20);
    cd.writeUInt32LE(f.data.length, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE((0o100755 << 16) >>> 0, 38);
    cd.writeUInt32LE(offset, 42);
    central.push(cd, name);
    offset += 30 + name.length + body.length;
  }
  const cdBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(cdBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  end.writeUInt16LE(Buffer.byteLength(comment), 20);
  return Buffer.concat([...locals, cdBytes, end, Buffer.from(comment)]);
}

/** A tar as npm's tar writes one: 512-byte ustar headers (a pax `path` record for a long name), two zero blocks at the end. */
function makeTar(files: { name: string; data: Buffer; type?: string }[]): Buffer {
  const blocks: Buffer[] = [];
  const header = (name: string, size: number, type: string) => {
    const h = Buffer.alloc(512);
    h.write(name.slice(0, 100), 0);
    h.write('0000644\0', 100);
    h.write('0000000\0', 108);
    h.write('0000000\0', 116);
    h.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
    h.write('00000000000\0', 136);
    h.write('        ', 148);
    h.write(type, 156);
    h.write('ustar\0' + '00', 257);
    let sum = 0;
    for (const b of h) sum += b;
    h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
    return h;
  };
  const pad = (b: Buffer) => Buffer.concat([b, Buffer.alloc((512 - (b.length % 512)) % 512)]);
  for (const f of files) {
    if (f.name.length > 100) {
      const rec = (n: number) => `${n} path=${f.name}\n`;
      let len = rec(0).length;
      while (rec(len).length !== len) len = rec(len).length;
      const pax = Buffer.from(rec(len));
      blocks.push(header('PaxHeader/x', pax.length, 'x'), pad(pax));
    }
    blocks.push(header(f.name, f.data.length, f.type ?? '0'), pad(f.data));
  }
  return Buffer.concat([...blocks, Buffer.alloc(1024)]);
}

describe('helm setup: the zip reader', () => {
  const helm = Buffer.from('#!/bin/sh\necho helm\n'.repeat(200));
  const kubectl = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 1, 2, 3, 4, 5]);

  it('reads stored and deflated entries from the central directory, past a trailing comment', async () => {
    const { zipEntries, zipFile } = await archive();
    const zip = makeZip([{ name: 'helm/', data: Buffer.alloc(0), method: 0 }, { name: 'helm/helm', data: helm, method: 8 }, { name: 'kubectl/kubectl', data: kubectl, method: 0 }], 'a comment');
    const entries = zipEntries(zip);
    assert.deepEqual(entries.map((e) => [e.name, e.method, e.size]), [['helm/', 0, 0], ['helm/helm', 8, helm.length], ['kubectl/kubectl', 0, kubectl.length]]);
    assert.ok(entries[1].compressedSize < helm.length, 'the deflated entry is smaller than its data');
    assert.equal(entries[1].mode, 0o100755);
    assert.deepEqual(zipFile(zip, 'helm/helm'), helm);
    assert.deepEqual(zipFile(zip, 'kubectl/kubectl'), kubectl);
  });

  it('refuses an archive holding a name that could leave its folder', async () => {
    const { zipEntries, zipFile } = await archive();
    for (const bad of ['../helm', 'helm/../../etc/passwd', '/usr/bin/helm', '..\\helm', 'C:/helm']) {
      const zip = makeZip([{ name: 'helm/helm', data: helm, method: 8 }, { name: bad, data: kubectl, method: 0 }]);
      assert.throws(() => zipEntries(zip), (e: Error) => e.message.includes(`refusing the entry ${JSON.stringify(bad)}`), bad);
      assert.throws(() => zipFile(zip, 'helm/helm'), /refusing the entry/, `${bad}: not even the safe entry is read`);
    }
    assert.doesNotThrow(() => zipEntries(makeZip([{ name: 'helm/..helm', data: kubectl, method: 0 }])), '".." inside a name is not a segment');
  });

  it('says what is wrong with a damaged or unsupported zip', async () => {
    const { zipFile } = await archive();
    const good = makeZip([{ name: 'helm/helm', data: helm, method: 8 }]);
    assert.throws(() => zipFile(good, 'kubectl/kubectl'), /no file kubectl\/kubectl in the archive/);
    assert.throws(() => zipFile(good.subarray(0, good.length - 30), 'helm/helm'), /no End of Central Directory record/);
    assert.throws(() => zipFile(Buffer.from('not a zip at all, not even close to one'), 'helm/helm'), /no End of Central Directory record/);
    assert.throws(() => zipFile(makeZip([{ name: 'helm/helm', data: helm, method: 8, crc: 1234 }]), 'helm/helm'), /fails its CRC-32 check/);
    const bzip2 = makeZip([{ name: 'helm/helm', data: kubectl, method: 0 }]);
    bzip2.writeUInt16LE(12, bzip2.indexOf(Buffer.from([0x50, 0x4b, 1, 2])) + 10);
    assert.throws(() => zipFile(bzip2, 'helm/helm'), /compression method 12/);
    const corrupt = Buffer.from(good);
    corrupt.fill(0xff, 30 + 'helm/helm'.length, 30 + 'helm/helm'.length + 8);
    assert.throws(() => zipFile(corrupt, 'helm/helm'), /cannot inflate helm\/helm|fails its CRC-32 check|bytes, its directory says/);
  });
});

describe('helm setup: the tar reader', () => {
  it('finds a file by its ustar name and by a pax long name', async () => {
    const { tarFile } = await archive();
    const long = `package/${'deep/'.repeat(30)}layer.zip`;
    const tar = makeTar([
      { name: 'package/package.json', data: Buffer.from('{}') },
      { name: 'package/lib', data: Buffer.alloc(0), type: '5' },
      { name: 'package/lib/layer.zip', data: Buffer.from('zip bytes') },
      { name: long, data: Buffer.from('the long one') },
    ]);
    assert.equal(tarFile(tar, 'package/lib/layer.zip').toString(), 'zip bytes');
    assert.equal(tarFile(tar, long).toString(), 'the long one');
    assert.throws(() => tarFile(tar, 'package/lib'), /no file package\/lib in the archive/, 'a folder is not a file');
    assert.throws(() => tarFile(tar.subarray(0, 2048 + 4), 'package/lib/layer.zip'), /runs past the end/);
  });
});

describe('helm setup: where helm and kubectl are', () => {
  it('the setup and the tests resolve the same cache folder', async () => {
    const l = await layer();
    assert.equal(l.LAYER.version, HELM_LAYER_VERSION);
    assert.equal(l.STAMP, HELM_STAMP);
    for (const env of [{ TLS_LENS_E2E_CACHE: '/srv/cache' }, { TLS_LENS_E2E_CACHE: '' }, {}]) assert.equal(helmCacheDir(env), l.helmCacheDir(env), JSON.stringify(env));
    assert.equal(helmCacheDir({ TLS_LENS_E2E_CACHE: '/srv/cache' }), '/srv/cache/helm-layer-2.2.2');
    assert.equal(helmCacheDir({}), path.join(os.homedir(), '.cache/tls-lens-e2e/helm-layer-2.2.2'));
  });

  it('finds them in the cache once verified, else says how to install them; an override wins', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-helm-paths-'));
    try {
      const env = { TLS_LENS_E2E_CACHE: root };
      const dir = helmCacheDir(env);
      assert.throws(() => helmPath(env), { message: 'helm is not installed for the tests: run node scripts/helm-setup.mjs' });
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'helm'), '');
      fs.writeFileSync(path.join(dir, 'kubectl'), '');
      assert.throws(() => helmPath(env), /helm is not installed/, 'no stamp: the install stopped before its check');
      fs.writeFileSync(path.join(dir, HELM_STAMP), '{}');
      assert.equal(helmPath(env), path.join(dir, 'helm'));
      assert.equal(kubectlPath(env), path.join(dir, 'kubectl'));
      fs.rmSync(path.join(dir, 'kubectl'));
      assert.throws(() => kubectlPath(env), { message: 'kubectl is not installed for the tests: run node scripts/helm-setup.mjs' });
      assert.equal(kubectlPath({ ...env, TLS_LENS_KUBECTL: path.join(dir, 'helm') }), path.join(dir, 'helm'));
      assert.throws(() => helmPath({ ...env, TLS_LENS_HELM: path.join(root, 'nope') }), /TLS_LENS_HELM=.*nope: no such file/);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
