/** The few protobuf encodings an ONNX ModelProto needs (varints and length-delimited fields), no library. */
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
