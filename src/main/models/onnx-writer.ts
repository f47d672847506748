/**
 * Writes an ONNX model (IR 8, opset 17, as the rest of the set) node by node, with float32 inputs,
 * outputs and initializers: enough for graphs the app builds from checkpoint weights. Plain protobuf
 * through ProtoWriter, so the app ships no protobuf library (onnx-proto stays a test dependency).
 */
import { ProtoWriter } from '../inference/protobuf';

const IR_VERSION = 8;
const OPSET = 17;
/** TensorProto.DataType.FLOAT, also the `to` of a Cast to float32. */
export const FLOAT = 1;

/** A dim: a size, or a name that stays symbolic (fixed when the model runs). */
export type Dim = number | string;
/** Non-negative integers become INT / INTS attributes, strings STRING; these graphs need no others. */
export type Attribute = number | number[] | string;

// AttributeProto.AttributeType
const INT = 2;
const STRING = 3;
const INTS = 7;

export class OnnxWriter {
  /** Nodes, initializers, inputs and outputs as they come: protobuf keeps each repeated field's order, whatever lies between. */
  private readonly graph: ProtoWriter;
  private readonly names = new Set<string>();

  constructor(name: string) {
    this.graph = new ProtoWriter().string(2, name);
  }

  /** Declares a float32 graph input and returns its name. */
  input(name: string, dims: Dim[]): string {
    // GraphProto.input 11.
    this.graph.message(11, valueInfo(this.claim(name), dims));
    return name;
  }

  /** A float32 initializer (`dims` [] for a scalar) named `name`, or a fresh name from it. */
  constant(name: string, dims: number[], values: Float32Array): string {
    const count = dims.reduce((a, b) => a * b, 1);
    if (values.length !== count) throw new Error(`${name}: dims [${dims}] need ${count} values, found ${values.length}`);
    const unique = this.fresh(name);
    const tensor = new ProtoWriter();
    for (const d of dims) tensor.int(1, d);
    // TensorProto: dims 1, data_type 2, name 8, raw_data 9 (little-endian, as typed arrays are on our platforms).
    tensor
      .int(2, FLOAT)
      .string(8, unique)
      .bytes(9, new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
    this.graph.message(5, tensor); // GraphProto.initializer
    return unique;
  }

  /** Adds a node with one output, named from `name` (the op type by default), and returns that name; '' skips an optional input. */
  node(opType: string, inputs: string[], attributes: Record<string, Attribute> = {}, name = opType.toLowerCase()): string {
    const output = this.fresh(name);
    // NodeProto: input 1, output 2, name 3, op_type 4, attribute 5.
    const node = new ProtoWriter();
    for (const input of inputs) node.string(1, input);
    node.string(2, output).string(3, output).string(4, opType);
    for (const [key, value] of Object.entries(attributes)) node.message(5, attribute(key, value));
    this.graph.message(1, node);
    return output;
  }

  /** Declares a float32 graph output named `name`, computed by `from`. */
  output(name: string, from: string, dims: Dim[]): void {
    this.claim(name);
    this.graph.message(1, new ProtoWriter().string(1, from).string(2, name).string(3, name).string(4, 'Identity'));
    this.graph.message(12, valueInfo(name, dims)); // GraphProto.output
  }

  toBytes(producer: string): Uint8Array {
    // ModelProto: ir_version 1, producer_name 2, graph 7, opset_import 8.
    return new ProtoWriter().int(1, IR_VERSION).string(2, producer).message(7, this.graph).message(8, new ProtoWriter().string(1, '').int(2, OPSET)).finish();
  }

  private claim(name: string): string {
    if (this.names.has(name)) throw new Error(`ONNX graph: the name ${name} is taken`);
    this.names.add(name);
    return name;
  }

  private fresh(prefix: string): string {
    let name = prefix;
    for (let i = 1; this.names.has(name); i++) name = `${prefix}_${i}`;
    return this.claim(name);
  }
}

function valueInfo(name: string, dims: Dim[]): ProtoWriter {
  const shape = new ProtoWriter();
  // TensorShapeProto.dim 1: dim_value 1 or dim_param 2.
  for (const d of dims) shape.message(1, typeof d === 'number' ? new ProtoWriter().int(1, d) : new ProtoWriter().string(2, d));
  // ValueInfoProto: name 1, type 2; TypeProto.tensor_type 1: elem_type 1, shape 2.
  return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, new ProtoWriter().int(1, FLOAT).message(2, shape)));
}

function attribute(name: string, value: Attribute): ProtoWriter {
  // AttributeProto: name 1, i 3, s 4, ints 8, type 20.
  const a = new ProtoWriter().string(1, name);
  if (typeof value === 'string') return a.string(4, value).int(20, STRING);
  if (Array.isArray(value)) {
    for (const v of value) a.int(8, v);
    return a.int(20, INTS);
  }
  return a.int(3, value).int(20, INT);
}
