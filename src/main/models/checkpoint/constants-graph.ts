/**
 * Writes the SAM2 constants graph (models/sam2-constants.ts): an ONNX model with no inputs and
 * one float32 output per constant, each produced by a Constant node that holds its values.
 */
import { ProtoWriter } from '../../inference/protobuf';
import type { FloatTensor } from './torch-checkpoint';

/** onnxruntime reads IR 8 / opset 17, as the rest of the set. */
const IR_VERSION = 8;
const OPSET = 17;
const FLOAT = 1;
const ATTRIBUTE_TENSOR = 4;

/** `constants`: output name → tensor. */
export function writeConstantsGraph(constants: Record<string, FloatTensor>): Uint8Array {
  const graph = new ProtoWriter().string(2, 'sam2_constants');
  for (const [name, tensor] of Object.entries(constants)) {
    const count = tensor.dims.reduce((a, b) => a * b, 1);
    if (count !== tensor.data.length) throw new Error(`${name}: dims [${tensor.dims}] need ${count} values, found ${tensor.data.length}`);
    const value = new ProtoWriter();
    for (const d of tensor.dims) value.int(1, d);
    value.int(2, FLOAT).string(8, name).bytes(9, littleEndianFloats(tensor.data));
    const attribute = new ProtoWriter().string(1, 'value').message(5, value).int(20, ATTRIBUTE_TENSOR);
    // NodeProto: output 2, name 3, op_type 4, attribute 5.
    graph.message(1, new ProtoWriter().string(2, name).string(3, name).string(4, 'Constant').message(5, attribute));
  }
  for (const [name, tensor] of Object.entries(constants)) {
    const shape = new ProtoWriter();
    for (const d of tensor.dims) shape.message(1, new ProtoWriter().int(1, d));
    const type = new ProtoWriter().message(1, new ProtoWriter().int(1, FLOAT).message(2, shape));
    // GraphProto.output 12: ValueInfoProto name 1, type 2.
    graph.message(12, new ProtoWriter().string(1, name).message(2, type));
  }
  // ModelProto: ir_version 1, producer_name 2, graph 7, opset_import 8.
  return new ProtoWriter().int(1, IR_VERSION).string(2, 'sam2matting-studio sam2-constants').message(7, graph).message(8, new ProtoWriter().string(1, '').int(2, OPSET)).finish();
}

function littleEndianFloats(data: Float32Array): Uint8Array {
  const bytes = new Uint8Array(data.length * 4);
  const view = new DataView(bytes.buffer);
  data.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return bytes;
}
