/** The few protobuf encodings an ONNX ModelProto needs (varints and length-delimited fields), no library; and a schema-less field reader for rewriting one. */
export class ProtoWriter {
  private readonly parts: Uint8Array[] = [];

  /** Varint field (int32, int64, enum) of a non-negative integer. */
  int(field: number, value: number): this {
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`protobuf: ${value} is not a non-negative integer`);
    this.parts.push(varint(field << 3), varint(value));
    return this;
  }

  bytes(field: number, value: Uint8Array): this {
    this.parts.push(varint((field << 3) | 2), varint(value.length), value);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, new TextEncoder().encode(value));
  }

  message(field: number, value: ProtoWriter): this {
    return this.bytes(field, value.finish());
  }

  /** A field already encoded (ProtoField.raw), copied as it is. */
  raw(field: Uint8Array): this {
    this.parts.push(field);
    return this;
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.parts.reduce((n, part) => n + part.length, 0));
    let at = 0;
    for (const part of this.parts) {
      out.set(part, at);
      at += part.length;
    }
    return out;
  }
}

function varint(value: number): Uint8Array {
  const bytes: number[] = [];
  // Division, not shifts: values may pass 2^31.
  while (value >= 0x80) {
    bytes.push((value % 0x80) | 0x80);
    value = Math.floor(value / 0x80);
  }
  bytes.push(value);
  return Uint8Array.from(bytes);
}

/** One field of a protobuf message: its number, wire type, and where its value (and the whole field) lies. */
export interface ProtoField {
  field: number;
  wire: number;
  /** The field from its tag to its end: copied as it is when a message is rewritten. */
  raw: Uint8Array;
  /** Varint fields: the value; length-delimited ones: their bytes. */
  value: number | Uint8Array;
}

/** The fields of a message in order, without a schema (varint, 64-bit, length-delimited and 32-bit wire types). */
export function readFields(bytes: Uint8Array): ProtoField[] {
  const fields: ProtoField[] = [];
  let at = 0;
  const readVarint = () => {
    let value = 0;
    for (let scale = 1; ; scale *= 0x80) {
      if (at >= bytes.length) throw new Error('protobuf: truncated varint');
      const byte = bytes[at++];
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
    }
  };
  while (at < bytes.length) {
    const start = at;
    const tag = readVarint();
    const [field, wire] = [Math.floor(tag / 8), tag % 8];
    let value: number | Uint8Array;
    if (wire === 0) value = readVarint();
    else if (wire === 2) {
      const length = readVarint();
      value = bytes.subarray(at, at + length);
      at += length;
    } else if (wire === 1 || wire === 5) {
      value = bytes.subarray(at, at + (wire === 1 ? 8 : 4));
      at += wire === 1 ? 8 : 4;
    } else throw new Error(`protobuf: wire type ${wire} (field ${field}) is not supported`);
    if (at > bytes.length) throw new Error('protobuf: truncated field');
    fields.push({ field, wire, raw: bytes.subarray(start, at), value });
  }
  return fields;
}
