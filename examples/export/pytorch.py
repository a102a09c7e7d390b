import tempfile
from pathlib import Path

import numpy as np
import onnxruntime
import torch
from torch import nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 1)).eval()
x = torch.randn(4, 8)
expected = model(x)

batch = torch.export.Dim("batch")
exported = torch.export.export(model, (x,), dynamic_shapes=({0: batch},))

with tempfile.TemporaryDirectory() as tmp:
    # torch.export: a graph saved as .pt2, loaded back without the Python class.
    pt2 = Path(tmp) / "model.pt2"
    torch.export.save(exported, pt2)
    reloaded = torch.export.load(pt2).module()
    assert torch.allclose(reloaded(x), expected, atol=1e-6)

    # ONNX through the same exporter (dynamo=True), checked with ONNX Runtime.
    onnx_path = Path(tmp) / "model.onnx"
    torch.onnx.export(model, (x,), onnx_path, dynamo=True, dynamic_shapes=({0: batch},))
    session = onnxruntime.InferenceSession(onnx_path, providers=["CPUExecutionProvider"])
    (onnx_out,) = session.run(None, {session.get_inputs()[0].name: x.numpy()})
    assert np.allclose(onnx_out, expected.detach().numpy(), atol=1e-5)
    print(f"model.pt2 {pt2.stat().st_size} bytes, model.onnx {onnx_path.stat().st_size} bytes")
