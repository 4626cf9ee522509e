"""Writing a model folder in the transformers.js layout, exporting and quantising it, and running the
int8 ONNX model from Python (mean pooling, L2 normalisation) for the checks."""
import tempfile
from pathlib import Path

import numpy as np
import onnx
import onnxruntime
import torch
from onnxruntime.quantization import QuantType, quantize_dynamic

from trim_vocabulary import write_json

# ORT 1.14 (inside @xenova/transformers 2.17) reads IR version 8 at most.
IR_VERSION = 8
OPSET = 14
PREFIX = {"query": "query: ", "passage": "passage: "}


def export_int8(model, tokenizer, folder: Path) -> Path:
    sample = tokenizer(["query: an example", "passage: another one here"], padding=True, return_tensors="pt")
    with tempfile.TemporaryDirectory() as tmp:
        fp32_path = Path(tmp) / "model.onnx"
        token_types = torch.zeros_like(sample["input_ids"])
        torch.onnx.export(
            model,
            (sample["input_ids"], sample["attention_mask"], token_types),
            str(fp32_path),
            input_names=["input_ids", "attention_mask", "token_type_ids"],
            output_names=["last_hidden_state"],
            dynamic_axes={name: {0: "batch", 1: "sequence"} for name in ["input_ids", "attention_mask", "token_type_ids", "last_hidden_state"]},
            opset_version=OPSET,
            do_constant_folding=True,
        )
        quantised_path = Path(tmp) / "model_quantized.onnx"
        quantize_dynamic(str(fp32_path), str(quantised_path), weight_type=QuantType.QUInt8, per_channel=True, reduce_range=True)
        quantised = onnx.load(str(quantised_path))
    quantised.ir_version = min(quantised.ir_version, IR_VERSION)
    target = folder / "onnx" / "model_quantized.onnx"
    target.parent.mkdir(parents=True, exist_ok=True)
    onnx.save(quantised, str(target))
    return target


class OnnxEmbedder:
    """One text per run, as the project's word embedding does: the int8 model scales activations per batch."""

    def __init__(self, path: Path, tokenizer):
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 2
        self.session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        self.tokenizer = tokenizer

    def embed_batch(self, texts: list[str]) -> np.ndarray:
        """Several texts in one padded run: faster, and still identical between two models fed identical ids."""
        batch = self.tokenizer(texts, padding=True, truncation=True, max_length=512, return_tensors="np")
        ids = batch["input_ids"].astype(np.int64)
        mask = batch["attention_mask"].astype(np.int64)
        hidden = self.session.run(["last_hidden_state"], {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)})[0]
        pooled = (hidden * mask[..., None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
        return (pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)).astype(np.float32)

    def embed(self, texts: list[str]) -> np.ndarray:
        rows = []
        for text in texts:
            ids = np.array([self.tokenizer(text, truncation=True, max_length=512)["input_ids"]], dtype=np.int64)
            feeds = {"input_ids": ids, "attention_mask": np.ones_like(ids), "token_type_ids": np.zeros_like(ids)}
            hidden = self.session.run(["last_hidden_state"], feeds)[0]
            pooled = hidden.mean(axis=1)[0]
            rows.append(pooled / max(np.linalg.norm(pooled), 1e-12))
        return np.stack(rows).astype(np.float32)


def cosines(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    return (left * right).sum(axis=1) / (np.linalg.norm(left, axis=1) * np.linalg.norm(right, axis=1))


def write_model_files(folder: Path, tokenizer_json: dict, config: dict) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    write_json(folder / "tokenizer.json", tokenizer_json)
    write_json(folder / "config.json", config)
    write_json(
        folder / "tokenizer_config.json",
        {
            "tokenizer_class": "XLMRobertaTokenizer",
            "model_max_length": 512,
            "bos_token": "<s>",
            "eos_token": "</s>",
            "sep_token": "</s>",
            "cls_token": "<s>",
            "unk_token": "<unk>",
            "pad_token": "<pad>",
            "mask_token": "<mask>",
        },
    )
    write_json(
        folder / "special_tokens_map.json",
        {"bos_token": "<s>", "eos_token": "</s>", "sep_token": "</s>", "cls_token": "<s>", "unk_token": "<unk>", "pad_token": "<pad>", "mask_token": "<mask>"},
    )
    # sentence-transformers' own place for instruction prefixes; the embedder reads it.
    write_json(folder / "config_sentence_transformers.json", {"prompts": PREFIX, "default_prompt_name": None})
    write_json(folder / "sentence_bert_config.json", {"max_seq_length": 512, "do_lower_case": False})
    (folder / "1_Pooling").mkdir(exist_ok=True)
    write_json(folder / "1_Pooling" / "config.json", {"word_embedding_dimension": config["hidden_size"], "pooling_mode_mean_tokens": True})


