/**
 * Reads entries of a zip archive by positioned reads, so a checkpoint of hundreds of MB is never held in
 * memory: only the central directory and the entries asked for. Handles zip64 records (torch writes them
 * for big archives) and STORED or DEFLATED entries.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_COMMENT = 0xffff;
const U32_MAX = 0xffffffff;

export class ZipError extends Error {}

export class ZipReader {
  private constructor(
    private readonly file: FileHandle,
    readonly path: string,
    readonly entries: Map<string, ZipEntry>,
  ) {}

  static async open(path: string): Promise<ZipReader> {
    const file = await open(path, 'r');
    try {
      return new ZipReader(file, path, await readCentralDirectory(file, path));
    } catch (err) {
      await file.close();
      throw err;
    }
  }

  /** `length` bytes of the entry's content from `start` (all of it by default). */
  async read(entry: ZipEntry, start = 0, length = entry.size - start): Promise<Uint8Array> {
    if (start < 0 || length < 0 || start + length > entry.size) {
      throw new ZipError(`${this.path}: bytes ${start}..${start + length} are outside ${entry.name} (${entry.size} bytes)`);
    }
    const header = await readAt(this.file, entry.localHeaderOffset, 30, this.path);
    const view = new DataView(header.buffer, header.byteOffset);
    if (view.getUint32(0, true) !== LOCAL) throw new ZipError(`${this.path}: the local header of ${entry.name} is damaged`);
    const dataStart = entry.localHeaderOffset + 30 + view.getUint16(26, true) + view.getUint16(28, true);
    if (entry.method === 0) return readAt(this.file, dataStart + start, length, this.path);
    if (entry.method === 8) {
      const inflated = inflateRawSync(await readAt(this.file, dataStart, entry.compressedSize, this.path));
      return inflated.subarray(start, start + length);
    }
    throw new ZipError(`${this.path}: ${entry.name} uses zip compression method ${entry.method} (only stored and deflated are read)`);
  }

  close(): Promise<void> {
    return this.file.close();
  }
}

async function readAt(file: FileHandle, position: number, length: number, path: string): Promise<Uint8Array> {
  const buffer = new Uint8Array(length);
  const { bytesRead } = await file.read(buffer, 0, length, position);
  if (bytesRead !== length) throw new ZipError(`${path} ends before byte ${position + length}: the file is truncated or damaged`);
  return buffer;
}

async function readCentralDirectory(file: FileHandle, path: string): Promise<Map<string, ZipEntry>> {
  const notZip = (why: string) => new ZipError(`${path} is not a zip archive (${why})`);
  const { size } = await file.stat();
  if (size < 22) throw notZip(`${size} bytes`);
  const tailLength = Math.min(size, 22 + MAX_COMMENT + 20);
  const tailStart = size - tailLength;
  const tail = await readAt(file, tailStart, tailLength, path);
  const tv = new DataView(tail.buffer);
  let eocd = -1;
  for (let i = tailLength - 22; i >= 0; i--) {
    if (tv.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw notZip('no end-of-central-directory record');
  let count = tv.getUint16(eocd + 10, true);
  let cdSize = tv.getUint32(eocd + 12, true);
  let cdOffset = tv.getUint32(eocd + 16, true);
  // Fields at their maximum mean "see the zip64 record", found through the locator just before.
  if (count === 0xffff || cdSize === U32_MAX || cdOffset === U32_MAX) {
    if (eocd < 20 || tv.getUint32(eocd - 20, true) !== ZIP64_LOCATOR) throw notZip('zip64 sizes without a zip64 locator');
    const record = await readAt(file, Number(tv.getBigUint64(eocd - 20 + 8, true)), 56, path);
    const rv = new DataView(record.buffer);
    if (rv.getUint32(0, true) !== ZIP64_EOCD) throw notZip('the zip64 end record is damaged');
    count = Number(rv.getBigUint64(32, true));
    cdSize = Number(rv.getBigUint64(40, true));
    cdOffset = Number(rv.getBigUint64(48, true));
  }
  if (cdOffset + cdSize > size) throw notZip('the central directory lies past the end of the file');
  const cd = await readAt(file, cdOffset, cdSize, path);
  const cv = new DataView(cd.buffer);
  const entries = new Map<string, ZipEntry>();
  const decoder = new TextDecoder();
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cdSize || cv.getUint32(p, true) !== CENTRAL) throw notZip(`central directory entry ${i} is damaged`);
    const nameLength = cv.getUint16(p + 28, true);
    const extraLength = cv.getUint16(p + 30, true);
    const commentLength = cv.getUint16(p + 32, true);
    const entry: ZipEntry = {
      name: decoder.decode(cd.subarray(p + 46, p + 46 + nameLength)),
      method: cv.getUint16(p + 10, true),
      compressedSize: cv.getUint32(p + 20, true),
      size: cv.getUint32(p + 24, true),
      localHeaderOffset: cv.getUint32(p + 42, true),
    };
    applyZip64Extra(entry, cd.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength));
    entries.set(entry.name, entry);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The zip64 extra field (id 1) holds, in this order, each of size, compressed size, offset that overflowed. */
function applyZip64Extra(entry: ZipEntry, extra: Uint8Array): void {
  const view = new DataView(extra.buffer, extra.byteOffset, extra.byteLength);
  for (let p = 0; p + 4 <= extra.length; ) {
    const id = view.getUint16(p, true);
    const length = view.getUint16(p + 2, true);
    if (id === 1) {
      let q = p + 4;
      const next = () => {
        const value = Number(view.getBigUint64(q, true));
        q += 8;
        return value;
      };
      if (entry.size === U32_MAX) entry.size = next();
      if (entry.compressedSize === U32_MAX) entry.compressedSize = next();
      if (entry.localHeaderOffset === U32_MAX) entry.localHeaderOffset = next();
    }
    p += 4 + length;
  }
}
