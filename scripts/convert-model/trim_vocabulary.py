"""Keeps the tokenizer pieces English, Spanish and Chinese text need, and rewrites the tokenizer and
the int8 ONNX model's word-embedding rows to the kept ids.

Why trimming cannot change a kept text's ids: the Unigram tokenizer picks the highest-scoring
segmentation among the pieces it has. Removing pieces only removes candidates, so a text whose best
segmentation under the full vocabulary uses kept pieces alone is segmented the same way (and its ids
are the old ids renumbered). The proof in convert_e5.py checks exactly that on sentences that were
not used to choose the pieces, and also compares the vectors.

The embedding rows are sliced from the already-quantised model, so every kept row holds the same
uint8 values with the same scale and zero point: a kept id's embedding is bit-identical.
"""
import copy
import json
import unicodedata

import numpy as np
import onnx
from onnx import numpy_helper

METASPACE = "\u2581"


def is_kept_character(character: str) -> bool:
    """Digits, punctuation, symbols, spaces, and the Han, kana and CJK punctuation and full-width blocks."""
    code = ord(character)
    if character == METASPACE or character.isdigit():
        return True
    if unicodedata.category(character)[0] in {"P", "S", "Z"}:
        return True
    cjk_ranges = [
        (0x2E80, 0x2FDF),  # radicals
        (0x3000, 0x303F),  # CJK symbols and punctuation
        (0x3040, 0x30FF),  # hiragana, katakana (Chinese text quotes Japanese names rarely; they are few)
        (0x3400, 0x4DBF),  # extension A
        (0x4E00, 0x9FFF),  # unified ideographs
        (0xF900, 0xFAFF),  # compatibility ideographs
        (0xFE30, 0xFE4F),  # compatibility forms
        (0xFF00, 0xFFEF),  # half- and full-width forms
        (0x20000, 0x2FA1F),  # supplementary ideographs
    ]
    return any(low <= code <= high for low, high in cjk_ranges)


def is_latin_letter(character: str) -> bool:
    return unicodedata.category(character).startswith("L") and "LATIN" in unicodedata.name(character, "")


def script_class_ids(pieces: list[str]) -> set[int]:
    """Pieces made only of kept characters, and every single-letter Latin piece (so no letter becomes <unk>)."""
    kept = set()
    for index, piece in enumerate(pieces):
        body = piece.replace(METASPACE, "")
        if all(is_kept_character(character) for character in piece):
            kept.add(index)
        elif len(body) == 1 and is_latin_letter(body):
            kept.add(index)
    return kept


def used_ids(tokenizer, texts: list[str], batch_size: int = 2048) -> set[int]:
    ids: set[int] = set()
    for offset in range(0, len(texts), batch_size):
        for row in tokenizer(texts[offset : offset + batch_size], add_special_tokens=False)["input_ids"]:
            ids.update(row)
    return ids


def remap_table(kept: set[int], old_count: int) -> np.ndarray:
    """old id -> new id (-1 when dropped); kept ids keep their order, so specials 0-3 stay 0-3."""
    table = np.full(old_count, -1, dtype=np.int64)
    ordered = sorted(kept)
    table[ordered] = np.arange(len(ordered))
    return table


def trim_tokenizer(tokenizer_json: dict, table: np.ndarray) -> dict:
    trimmed = copy.deepcopy(tokenizer_json)
    vocab = tokenizer_json["model"]["vocab"]
    trimmed["model"]["vocab"] = [entry for index, entry in enumerate(vocab) if table[index] >= 0]
    trimmed["model"]["unk_id"] = int(table[tokenizer_json["model"]["unk_id"]])
    for token in trimmed["added_tokens"]:
        token["id"] = int(table[token["id"]])
    processor = trimmed.get("post_processor") or {}
    for special in (processor.get("special_tokens") or {}).values():
        special["ids"] = [int(table[old]) for old in special["ids"]]
    if any(token["id"] < 0 for token in trimmed["added_tokens"]):
        raise ValueError("a special token was dropped")
    return trimmed


def word_embedding_initializer(model: onnx.ModelProto, rows: int) -> onnx.TensorProto:
    """The quantised word-embedding table: the only initializer with the full vocabulary's row count."""
    candidates = [tensor for tensor in model.graph.initializer if len(tensor.dims) == 2 and tensor.dims[0] == rows]
    if len(candidates) != 1:
        raise ValueError(f"expected one {rows}-row initializer, found {[tensor.name for tensor in candidates]}")
    return candidates[0]


def trim_onnx(model: onnx.ModelProto, table: np.ndarray, rows: int) -> onnx.ModelProto:
    """Slices the embedding rows; ids beyond the tokenizer's pieces (padding rows) are dropped too."""
    trimmed = copy.deepcopy(model)
    tensor = word_embedding_initializer(trimmed, rows)
    values = numpy_helper.to_array(tensor)
    kept = np.flatnonzero(table >= 0)
    replacement = numpy_helper.from_array(np.ascontiguousarray(values[kept]), tensor.name)
    tensor.CopyFrom(replacement)
    per_row = [
        other
        for other in trimmed.graph.initializer
        if other.name != tensor.name and len(other.dims) >= 1 and other.dims[0] == rows
    ]
    if per_row:
        raise ValueError(f"per-row quantisation parameters also need slicing: {[other.name for other in per_row]}")
    return trimmed


def write_json(path, value) -> None:
    path.write_text(json.dumps(value, ensure_ascii=False) + "\n", encoding="utf-8")
