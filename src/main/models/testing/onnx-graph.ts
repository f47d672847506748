/**
 * Test support: tiny ONNX graphs written with onnx-proto (opset 17), so tests load real sessions
 * with real tensor names and run real arithmetic on them instead of mocking onnxruntime.
 */
import { writeFile } from 'node:fs/promises';
import onnxProto, { type onnx as Onnx } from 'onnx-proto';
import type { TensorSpec, TensorType } from '../../../shared/models';

const { onnx } = onnxProto;

export const OPSET = 17;
/** IR version 8 is the newest onnx-proto knows; onnxruntime 1.30 reads it. */
const IR_VERSION = 8;

const ELEMENT_TYPE: Record<TensorType, Onnx.TensorProto.DataType> = {
  float32: onnx.TensorProto.DataType.FLOAT,
  float16: onnx.TensorProto.DataType.FLOAT16,
  int32: onnx.TensorProto.DataType.INT32,
  int64: onnx.TensorProto.DataType.INT64,
  bool: onnx.TensorProto.DataType.BOOL,
  uint8: onnx.TensorProto.DataType.UINT8,
};

/** Integers become INT/INTS attributes, other numbers FLOAT/FLOATS, strings STRING. */
export type AttributeValue = number | number[] | string;

/** Builds one graph node by node; names returned by the methods are what later ops consume. */
export class OnnxGraph {
  private readonly nodes: Onnx.INodeProto[] = [];
  private readonly inputs: Onnx.IValueInfoProto[] = [];
  private readonly outputs: Onnx.IValueInfoProto[] = [];
  private readonly initializers: Onnx.ITensorProto[] = [];
  private nextId = 0;

  constructor(private readonly name = 'test_graph') {}

  /** Declares a graph input (string dims stay symbolic) and returns its name. */
  input(spec: TensorSpec): string {
    this.inputs.push(valueInfo(spec));
    return spec.name;
  }

  /** A constant tensor stored in the graph (float16 has no JS array to write it from). */
  constant(type: Exclude<TensorType, 'float16'>, dims: number[], values: ArrayLike<number>): string {
    const count = dims.reduce((a, b) => a * b, 1);
    if (values.length !== count) throw new Error(`constant of dims [${dims}] needs ${count} values, got ${values.length}`);
    const name = this.freshName('const');
    this.initializers.push({ name, dims, dataType: ELEMENT_TYPE[type], rawData: rawBytes(type, values) });
    return name;
  }

  /** Adds a node with one output and returns that output's name; '' skips an optional input. */
  op(opType: string, inputs: string[], attributes: Record<string, AttributeValue> = {}): string {
    const output = this.freshName(opType.toLowerCase());
    this.nodes.push({
      opType,
      name: output,
      input: inputs,
      output: [output],
      attribute: Object.entries(attributes).map(([key, value]) => attribute(key, value)),
    });
    return output;
  }

  cast(value: string, to: TensorType): string {
    return this.op('Cast', [value], { to: ELEMENT_TYPE[to] });
  }

  /** Declares a graph output with the spec's exact name, computed by `from`. */
  output(spec: TensorSpec, from: string): void {
    this.nodes.push({ opType: 'Identity', name: `${spec.name}_out`, input: [from], output: [spec.name] });
    this.outputs.push(valueInfo(spec));
  }

  toBytes(): Uint8Array {
    const model = onnx.ModelProto.create({
      irVersion: IR_VERSION,
      producerName: 'sam2matting-tests',
      opsetImport: [{ domain: '', version: OPSET }],
      graph: {
        name: this.name,
        node: this.nodes,
        input: this.inputs,
        output: this.outputs,
        initializer: this.initializers,
      },
    });
    return onnx.ModelProto.encode(model).finish();
  }

  async write(path: string): Promise<string> {
    await writeFile(path, this.toBytes());
    return path;
  }

  private freshName(prefix: string): string {
    return `${prefix}_${this.nextId++}`;
  }
}

function valueInfo(spec: TensorSpec): Onnx.IValueInfoProto {
  const dim = spec.dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d }));
  return { name: spec.name, type: { tensorType: { elemType: ELEMENT_TYPE[spec.type], shape: { dim } } } };
}

function rawBytes(type: Exclude<TensorType, 'float16'>, values: ArrayLike<number>): Uint8Array {
  // Typed arrays are little-endian on every platform we run on, as ONNX raw data must be.
  const array =
    type === 'float32'
      ? Float32Array.from(values)
      : type === 'int32'
        ? Int32Array.from(values)
        : type === 'int64'
          ? BigInt64Array.from(Array.from(values, (v) => BigInt(v)))
          : Uint8Array.from(values);
  return new Uint8Array(array.buffer);
}

function attribute(name: string, value: AttributeValue): Onnx.IAttributeProto {
  const types = onnx.AttributeProto.AttributeType;
  if (typeof value === 'string') return { name, type: types.STRING, s: new TextEncoder().encode(value) };
  if (Array.isArray(value)) {
    return value.every(Number.isInteger) ? { name, type: types.INTS, ints: value } : { name, type: types.FLOATS, floats: value };
  }
  return Number.isInteger(value) ? { name, type: types.INT, i: value } : { name, type: types.FLOAT, f: value };
}
