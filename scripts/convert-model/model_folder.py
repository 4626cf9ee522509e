"""Writing a model folder in the transformers.js layout, exporting and quantising it, and running the
int8 ONNX model from Python (mean pooling, L2 normalisation) for the checks."""
import tempfile
from collections import Counter
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


# The graphs export_int8 can write: "plain" quantises the exported graph as it is (one small op at a time:
# MatMul, Reshape, Transpose, Softmax, the pieces of LayerNorm and Gelu); "fused" first lets onnxruntime's
# BERT optimizer fuse each layer into Attention, SkipLayerNormalization and BiasGelu (all CPU kernels of
# onnxruntime 1.14), then quantises, which makes Attention a QAttention.
GRAPHS = ("plain", "fused")


def fuse_bert(source: Path, target: Path, config: dict) -> dict:
    """onnxruntime's offline BERT fusions, in Python only (opt_level 0: no onnxruntime graph rewrites that
    could tie the file to the converter's onnxruntime version). EmbedLayerNormalization is left out: the
    word-embedding Gather must stay a plain Gather on its own initializer, so quantisation turns it into
    uint8 rows that the vocabulary trimming can slice. Returns how many of each fused operator it made."""
    from onnxruntime.transformers.fusion_options import FusionOptions
    from onnxruntime.transformers.optimizer import optimize_model

    options = FusionOptions("bert")
    options.enable_embed_layer_norm = False
    optimized = optimize_model(
        str(source),
        model_type="bert",
        num_heads=config["num_attention_heads"],
        hidden_size=config["hidden_size"],
        optimization_options=options,
        opt_level=0,
        use_gpu=False,
    )
    statistics = {name: count for name, count in optimized.get_fused_operator_statistics().items() if count}
    layers = config["num_hidden_layers"]
    # Every layer must fuse, or the "fused" graph would silently be a mixture.
    if statistics.get("Attention", 0) != layers or statistics.get("BiasGelu", 0) + statistics.get("Gelu", 0) != layers:
        raise SystemExit(f"the BERT fusion did not fuse all {layers} layers: {statistics}")
    optimized.save_model_to_file(str(target))
    return statistics


def export_int8(model, tokenizer, folder: Path, graph: str = "plain", config: dict | None = None) -> tuple[Path, dict]:
    """Exports, optionally fuses (graph "fused", needs the model's config), quantises; returns the int8
    file and what was done to the graph (for the conversion report)."""
    if graph not in GRAPHS:
        raise ValueError(f"unknown graph {graph}: one of {GRAPHS}")
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
        summary: dict = {"graph": graph}
        if graph == "fused":
            fused_path = Path(tmp) / "model_fused.onnx"
            summary["fusedOperators"] = fuse_bert(fp32_path, fused_path, config or {})
            fp32_path = fused_path
        quantised_path = Path(tmp) / "model_quantized.onnx"
        quantize_dynamic(str(fp32_path), str(quantised_path), weight_type=QuantType.QUInt8, per_channel=True, reduce_range=True)
        quantised = onnx.load(str(quantised_path))
    quantised.ir_version = min(quantised.ir_version, IR_VERSION)
    target = folder / "onnx" / "model_quantized.onnx"
    target.parent.mkdir(parents=True, exist_ok=True)
    summary["int8Operators"] = dict(sorted(Counter(node.op_type for node in quantised.graph.node).items()))
    onnx.save(quantised, str(target))
    return target, summary


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


