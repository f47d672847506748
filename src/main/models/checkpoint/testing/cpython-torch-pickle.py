"""Prints (as hex) the data.pkl CPython's pickler writes for torch.save({'model': state_dict}) of two
views of one float storage, without torch: stand-ins with torch's module names, torch's persistent_id
and Tensor.__reduce_ex__ result. unpickle.test.ts holds its output. Run: python3 cpython-torch-pickle.py"""
import collections, io, pickle, sys, types

torch = types.ModuleType('torch')
utils = types.ModuleType('torch._utils')
sys.modules['torch'] = torch
sys.modules['torch._utils'] = utils


class FloatStorage:
    pass


FloatStorage.__module__ = 'torch'
torch.FloatStorage = FloatStorage


def _rebuild_tensor_v2(*args):
    pass


_rebuild_tensor_v2.__module__ = 'torch._utils'
utils._rebuild_tensor_v2 = _rebuild_tensor_v2


class Storage:
    def __init__(self, key, numel):
        self.key, self.numel = key, numel


class Tensor:
    def __init__(self, storage, offset, size, stride):
        self.args = (storage, offset, size, stride)

    def __reduce_ex__(self, protocol):
        storage, offset, size, stride = self.args
        return (_rebuild_tensor_v2, (storage, offset, size, stride, False, collections.OrderedDict()))


class TorchPickler(pickle.Pickler):
    # torch/serialization.py _save: ('storage', storage_type, key, location, numel)
    def persistent_id(self, obj):
        return ('storage', FloatStorage, obj.key, 'cpu', obj.numel) if isinstance(obj, Storage) else None


storage = Storage('0', 6)
state = collections.OrderedDict()
state['w'] = Tensor(storage, 0, (2, 3), (3, 1))
state['b'] = Tensor(storage, 1, (3,), (2,))
state._metadata = collections.OrderedDict()
out = io.BytesIO()
TorchPickler(out, protocol=2).dump({'model': state})
print(out.getvalue().hex())
