/**
 * Reads entries of a zip archive by positioned reads, so a checkpoint of hundreds of MB is never held in
 * memory: only the central directory and the entries asked for. Handles zip64 records (torch writes them
 * for big archives) and STORED or DEFLATED entries. The archive may be untrusted: every size and offset
 * is checked against the file before anything is allocated, an entry read whole is checked against its
 * CRC-32 (as torch's reader does), and a deflated entry may not inflate past the size it claims.
 */
import { open } from 'node:fs/promises';
import { crc32, inflateRawSync } from 'node:zlib';
import { StudioError } from '../../../shared/errors';

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
  crc32: number;
}

/** Where the archive's bytes come from: a file, or bytes already in memory. */
interface ByteSource {
  size: number;
  /** Exactly `length` bytes from `position`, which the caller has checked lie within `size`. */
  read(position: number, length: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_COMMENT = 0xffff;
const U32_MAX = 0xffffffff;
/** Deflate cannot shrink data more than about 1032:1, so a larger claimed ratio is a lie. */
const MAX_DEFLATE_RATIO = 1032;

/** A checkpoint archive that is not one, or is damaged: the model file cannot be used. */
export class ZipError extends StudioError {
  constructor(message: string) {
    super('model-invalid', message);
    this.name = 'ZipError';
  }
}

export class ZipReader {
  private constructor(
    private readonly source: ByteSource,
    /** Names the archive in errors: its path, or the name given with its bytes. */
    readonly label: string,
    readonly entries: Map<string, ZipEntry>,
  ) {}

  static async open(path: string): Promise<ZipReader> {
    const file = await open(path, 'r');
    try {
      const { size } = await file.stat();
      const source: ByteSource = {
        size,
        read: async (position, length) => {
          const buffer = new Uint8Array(length);
          const { bytesRead } = await file.read(buffer, 0, length, position);
          if (bytesRead !== length) throw new ZipError(`${path} ends before byte ${position + length}: the file is truncated or damaged`);
          return buffer;
        },
        close: () => file.close(),
      };
      return await ZipReader.fromSource(source, path);
    } catch (err) {
      await file.close();
      throw err;
    }
  }

  /** An archive held in memory (`label` names it in errors); reads return copies (a Buffer's slice would not). */
  static fromBytes(bytes: Uint8Array, label: string): Promise<ZipReader> {
    return ZipReader.fromSource({ size: bytes.length, read: async (at, length) => new Uint8Array(bytes.subarray(at, at + length)), close: async () => {} }, label);
  }

  private static async fromSource(source: ByteSource, label: string): Promise<ZipReader> {
    return new ZipReader(source, label, await readCentralDirectory(source, label));
  }

  /** `length` bytes of the entry's content from `start` (all of it by default, then checked against its CRC-32). */
  async read(entry: ZipEntry, start = 0, length = entry.size - start): Promise<Uint8Array> {
    if (start < 0 || length < 0 || start + length > entry.size) {
      throw new ZipError(`${this.label}: bytes ${start}..${start + length} are outside ${entry.name} (${entry.size} bytes)`);
    }
    const header = await this.readAt(entry.localHeaderOffset, 30);
    const view = new DataView(header.buffer, header.byteOffset);
    if (view.getUint32(0, true) !== LOCAL) throw new ZipError(`${this.label}: the local header of ${entry.name} is damaged`);
    const dataStart = entry.localHeaderOffset + 30 + view.getUint16(26, true) + view.getUint16(28, true);
    let bytes: Uint8Array;
    if (entry.method === 0) bytes = await this.readAt(dataStart + start, length);
    else if (entry.method === 8) bytes = (await this.inflate(entry, dataStart)).subarray(start, start + length);
    else throw new ZipError(`${this.label}: ${entry.name} uses zip compression method ${entry.method} (only stored and deflated are read)`);
    if (length === entry.size && crc32(bytes) !== entry.crc32) {
      throw new ZipError(`${this.label}: ${entry.name} fails its CRC-32 check: the archive is damaged`);
    }
    return bytes;
  }

  close(): Promise<void> {
    return this.source.close();
  }

  private async inflate(entry: ZipEntry, dataStart: number): Promise<Uint8Array> {
    const damaged = (why: string) => new ZipError(`${this.label}: ${entry.name} ${why}: the archive is damaged`);
    if (entry.size > entry.compressedSize * MAX_DEFLATE_RATIO + 1024) throw damaged(`claims ${entry.size} bytes from ${entry.compressedSize} deflated`);
    let inflated: Uint8Array;
    try {
      // The cap stops a zip bomb at the size the entry claims.
      inflated = inflateRawSync(await this.readAt(dataStart, entry.compressedSize), { maxOutputLength: Math.max(1, entry.size) });
    } catch (err) {
      if (err instanceof ZipError) throw err;
      const code = (err as { code?: string }).code;
      throw damaged(code === 'ERR_BUFFER_TOO_LARGE' ? `inflates to more than the ${entry.size} bytes it claims` : `does not inflate (${(err as Error).message})`);
    }
    if (inflated.length !== entry.size) throw damaged(`inflates to ${inflated.length} bytes, not the ${entry.size} it claims`);
    return inflated;
  }

  private readAt(position: number, length: number): Promise<Uint8Array> {
    return readWithin(this.source, position, length, this.label);
  }
}

/** Checks the range against the source before reading, so a damaged size never allocates more than the file holds. */
function readWithin(source: ByteSource, position: number, length: number, label: string): Promise<Uint8Array> {
  if (position + length > source.size) {
    return Promise.reject(new ZipError(`${label} ends before byte ${position + length}: the file is truncated or damaged`));
  }
  return source.read(position, length);
}

async function readCentralDirectory(source: ByteSource, label: string): Promise<Map<string, ZipEntry>> {
  const notZip = (why: string) => new ZipError(`${label} is not a zip archive (${why})`);
  const { size } = source;
  if (size < 22) throw notZip(`${size} bytes`);
  const tailLength = Math.min(size, 22 + MAX_COMMENT + 20);
  const tail = await readWithin(source, size - tailLength, tailLength, label);
  const tv = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
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
    const record = await readWithin(source, Number(tv.getBigUint64(eocd - 20 + 8, true)), 56, label);
    const rv = new DataView(record.buffer, record.byteOffset, record.byteLength);
    if (rv.getUint32(0, true) !== ZIP64_EOCD) throw notZip('the zip64 end record is damaged');
    count = Number(rv.getBigUint64(32, true));
    cdSize = Number(rv.getBigUint64(40, true));
    cdOffset = Number(rv.getBigUint64(48, true));
  }
  if (cdOffset + cdSize > size) throw notZip('the central directory lies past the end of the file');
  const cd = await readWithin(source, cdOffset, cdSize, label);
  const cv = new DataView(cd.buffer, cd.byteOffset, cd.byteLength);
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
      crc32: cv.getUint32(p + 16, true),
      compressedSize: cv.getUint32(p + 20, true),
      size: cv.getUint32(p + 24, true),
      localHeaderOffset: cv.getUint32(p + 42, true),
    };
    if (!applyZip64Extra(entry, cd.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength))) {
      throw notZip(`the zip64 sizes of ${entry.name} are damaged`);
    }
    entries.set(entry.name, entry);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * The zip64 extra field (id 1) holds, in this order, each of size, compressed size, offset that
 * overflowed; false when it is too short for them.
 */
function applyZip64Extra(entry: ZipEntry, extra: Uint8Array): boolean {
  const view = new DataView(extra.buffer, extra.byteOffset, extra.byteLength);
  for (let p = 0; p + 4 <= extra.length;) {
    const id = view.getUint16(p, true);
    const length = view.getUint16(p + 2, true);
    if (id === 1) {
      const fields = (['size', 'compressedSize', 'localHeaderOffset'] as const).filter((f) => entry[f] === U32_MAX);
      if (fields.length * 8 > Math.min(length, extra.length - p - 4)) return false;
      fields.forEach((f, i) => (entry[f] = Number(view.getBigUint64(p + 4 + 8 * i, true))));
    }
    p += 4 + length;
  }
  return true;
}
