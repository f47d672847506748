/**
 * The wire format of the API over a WebSocket: JSON with typed arrays carried as binary.
 * A message is [u32 LE json length][json][blob 0][blob 1]...; each typed array in the JSON is
 * replaced by {$bin: index, t: type, n: byteLength}. Electron's IPC clones typed arrays itself.
 */

type BinType = 'u8' | 'f32' | 'u16' | 'i32';

interface BinRef {
  $bin: number;
  t: BinType;
  n: number;
}

function typeOf(view: ArrayBufferView): BinType {
  if (view instanceof Float32Array) return 'f32';
  if (view instanceof Uint16Array) return 'u16';
  if (view instanceof Int32Array) return 'i32';
  return 'u8';
}

function isBinRef(value: unknown): value is BinRef {
  return typeof value === 'object' && value !== null && typeof (value as BinRef).$bin === 'number' && typeof (value as BinRef).t === 'string';
}

export function encodeMessage(message: unknown): Uint8Array {
  const blobs: Uint8Array[] = [];
  const json = JSON.stringify(message, (_key, value: unknown) => {
    if (ArrayBuffer.isView(value)) {
      const bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
      blobs.push(bytes);
      return { $bin: blobs.length - 1, t: typeOf(value), n: bytes.byteLength } satisfies BinRef;
    }
    return value;
  });
  const head = new TextEncoder().encode(json);
  const total = 4 + head.byteLength + blobs.reduce((s, b) => s + b.byteLength, 0);
  const out = new Uint8Array(total);
  new DataView(out.buffer).setUint32(0, head.byteLength, true);
  out.set(head, 4);
  let offset = 4 + head.byteLength;
  for (const blob of blobs) {
    out.set(blob, offset);
    offset += blob.byteLength;
  }
  return out;
}

export function decodeMessage(buffer: Uint8Array): unknown {
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const jsonLength = view.getUint32(0, true);
  if (jsonLength + 4 > buffer.byteLength) throw new Error('Malformed message: header longer than the message');
  const json = new TextDecoder().decode(buffer.subarray(4, 4 + jsonLength));
  const blobStarts: number[] = [];
  const parsed = JSON.parse(json, (_key, value: unknown) => {
    if (!isBinRef(value)) return value;
    blobStarts[value.$bin] = value.n;
    return value;
  }) as unknown;
  // Blob offsets follow from the sizes in index order.
  const offsets: number[] = [];
  let offset = 4 + jsonLength;
  for (let i = 0; i < blobStarts.length; i++) {
    offsets[i] = offset;
    offset += blobStarts[i] ?? 0;
  }
  if (offset > buffer.byteLength) throw new Error('Malformed message: binary parts exceed the message');
  return revive(parsed, buffer, offsets);
}

function revive(value: unknown, buffer: Uint8Array, offsets: number[]): unknown {
  if (isBinRef(value)) {
    const start = offsets[value.$bin];
    // Bytes are a view of the message (a frame is megabytes); wider types are copied to an aligned buffer.
    if (value.t === 'u8') return buffer.subarray(start, start + value.n);
    const bytes = buffer.slice(start, start + value.n);
    switch (value.t) {
      case 'f32':
        return new Float32Array(bytes.buffer);
      case 'u16':
        return new Uint16Array(bytes.buffer);
      default:
        return new Int32Array(bytes.buffer);
    }
  }
  if (Array.isArray(value)) return value.map((v) => revive(v, buffer, offsets));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = revive(v, buffer, offsets);
    return out;
  }
  return value;
}
