/**
 * SAM 2.1's memory-attention export applies its rotary position encoding as a batched MatMul of a
 * [tokens, pairs, 2, 2] rotation constant (Tiled over the memories for the keys) with the queries or keys
 * reshaped to [tokens, pairs, 2, 1]: millions of 2x2 products, which ONNX Runtime's CPU MatMul runs as
 * slowly as the attention's own QK^T (a quarter of memory attention on the full-size twin). The same sums
 * as Mul + ReduceSum over the pair, the rotation broadcast over the memories instead of tiled, give
 * bit-identical outputs on the twin at less than half memory attention's time (README, Speed).
 */
import { ProtoWriter, readFields, type ProtoField } from './protobuf';

interface Node {
  field: ProtoField;
  op: string;
  inputs: string[];
  outputs: string[];
}

const text = (value: ProtoField['value']) => new TextDecoder().decode(value as Uint8Array);

function parseNode(field: ProtoField): Node {
  const node: Node = { field, op: '', inputs: [], outputs: [] };
  // NodeProto: input 1, output 2, op_type 4.
  for (const f of readFields(field.value as Uint8Array)) {
    if (f.field === 1) node.inputs.push(text(f.value));
    else if (f.field === 2) node.outputs.push(text(f.value));
    else if (f.field === 4) node.op = text(f.value);
  }
  return node;
}

/** A TensorProto's dims (field 1, packed or not). */
function tensorDims(tensor: Uint8Array): number[] {
  const dims: number[] = [];
  for (const f of readFields(tensor)) {
    if (f.field !== 1) continue;
    if (f.wire === 0) dims.push(f.value as number);
    else for (const packed of readPackedVarints(f.value as Uint8Array)) dims.push(packed);
  }
  return dims;
}

function readPackedVarints(bytes: Uint8Array): number[] {
  const values: number[] = [];
  let value = 0;
  let scale = 1;
  for (const byte of bytes) {
    value += (byte & 0x7f) * scale;
    scale *= 0x80;
    if (byte < 0x80) {
      values.push(value);
      value = 0;
      scale = 1;
    }
  }
  return values;
}

/** Dims of the graph's constants: Constant nodes' `value` and initializers, by output name. */
function constantDims(graph: ProtoField[], nodes: Node[]): Map<string, number[]> {
  const dims = new Map<string, number[]>();
  for (const node of nodes) {
    if (node.op !== 'Constant') continue;
    // AttributeProto: name 1, t 5.
    for (const a of readFields(node.field.value as Uint8Array).filter((f) => f.field === 5)) {
      const attr = readFields(a.value as Uint8Array);
      const tensor = attr.find((f) => f.field === 5);
      if (attr.some((f) => f.field === 1 && text(f.value) === 'value') && tensor) dims.set(node.outputs[0], tensorDims(tensor.value as Uint8Array));
    }
  }
  // GraphProto.initializer 5; TensorProto.name 8.
  for (const f of graph.filter((g) => g.field === 5)) {
    const name = readFields(f.value as Uint8Array).find((t) => t.field === 8);
    if (name) dims.set(text(name.value), tensorDims(f.value as Uint8Array));
  }
  return dims;
}

/** An int64 Constant node. */
function int64Constant(output: string, values: number[]): ProtoWriter {
  const data = BigInt64Array.from(values.map(BigInt));
  // TensorProto: dims 1, data_type 2 (INT64 = 7), raw_data 9; AttributeProto: name 1, t 5, type 20 (TENSOR = 4).
  const tensor = new ProtoWriter().int(1, values.length).int(2, 7).bytes(9, new Uint8Array(data.buffer));
  const value = new ProtoWriter().string(1, 'value').message(5, tensor).int(20, 4);
  return new ProtoWriter().string(2, output).string(3, output).string(4, 'Constant').message(5, value);
}

function node(op: string, inputs: string[], output: string, attributes: ProtoWriter[] = []): ProtoWriter {
  const n = new ProtoWriter();
  for (const input of inputs) n.string(1, input);
  n.string(2, output).string(3, output).string(4, op);
  for (const a of attributes) n.message(5, a);
  return n;
}

/**
 * The model with each rotation MatMul rewritten, and how many were; the model's own bytes when none
 * matches. A MatMul qualifies when its first input is a [tokens, pairs, 2, 2] constant (through Tile or
 * Expand) and only Reshapes read its output (their element order is all that must hold).
 */
export function rotationsAsElementwise(model: Uint8Array): { model: Uint8Array; rewritten: number } {
  const top = readFields(model);
  // ModelProto.graph 7; GraphProto.node 1.
  const graphField = top.find((f) => f.field === 7);
  if (!graphField) return { model, rewritten: 0 };
  const graph = readFields(graphField.value as Uint8Array);
  const nodes = graph.filter((f) => f.field === 1).map(parseNode);
  const dims = constantDims(graph, nodes);
  const producer = new Map(nodes.flatMap((n) => n.outputs.map((o) => [o, n] as const)));
  const readers = new Map<string, Node[]>();
  for (const n of nodes) for (const i of n.inputs) readers.set(i, [...(readers.get(i) ?? []), n]);

  const rotation = (name: string, depth = 0): { name: string; rows: number; pairs: number } | null => {
    const d = dims.get(name);
    if (d?.length === 4 && d[2] === 2 && d[3] === 2) return { name, rows: d[0], pairs: d[1] };
    const from = producer.get(name);
    return from && depth < 3 && (from.op === 'Tile' || from.op === 'Expand') ? rotation(from.inputs[0], depth + 1) : null;
  };

  const replaced = new Map<ProtoField, ProtoWriter[]>();
  for (const n of nodes) {
    if (n.op !== 'MatMul') continue;
    const rot = rotation(n.inputs[0]);
    const [out] = n.outputs;
    if (!rot || !(readers.get(out) ?? []).every((r) => r.op === 'Reshape')) continue;
    // [tokens, pairs, 2, 1] → [memories, rows, pairs, 1, 2]: one vector per pair, broadcast against its rotation.
    const keepdims = new ProtoWriter().string(1, 'keepdims').int(3, 1).int(20, 2);
    replaced.set(n.field, [
      int64Constant(`${out}/rope_shape`, [-1, rot.rows, rot.pairs, 1, 2]),
      node('Reshape', [n.inputs[1], `${out}/rope_shape`], `${out}/rope_x`),
      node('Mul', [rot.name, `${out}/rope_x`], `${out}/rope_products`),
      int64Constant(`${out}/rope_axes`, [-1]),
      node('ReduceSum', [`${out}/rope_products`, `${out}/rope_axes`], out, [keepdims]),
    ]);
  }
  if (replaced.size === 0) return { model, rewritten: 0 };

  const rebuilt = new ProtoWriter();
  for (const f of graph) {
    const replacement = replaced.get(f);
    if (replacement) for (const r of replacement) rebuilt.message(1, r);
    else rebuilt.raw(f.raw);
  }
  const out = new ProtoWriter();
  for (const f of top) {
    if (f === graphField) out.message(7, rebuilt);
    else out.raw(f.raw);
  }
  return { model: out.finish(), rewritten: replaced.size };
}
