"""Step 4 of convert_e5.py: choose the kept pieces, write the trimmed model, prove it unchanged."""
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import onnx
from transformers import XLMRobertaTokenizerFast

import text_sources
import trim_vocabulary
from model_folder import PREFIX, OnnxEmbedder, write_model_files


@dataclass
class Trimmed:
    table: np.ndarray
    tokenizer: XLMRobertaTokenizerFast
    onnx_path: Path
    stats: dict


def choose_kept_ids(options: dict) -> tuple[set[int], dict]:
    pieces, tokenizer, project = options["pieces"], options["tokenizer"], options["project"]
    specials = {index for index, piece in enumerate(pieces) if piece in {"<s>", "<pad>", "</s>", "<unk>", "<mask>"}}
    script = trim_vocabulary.script_class_ids(pieces)
    words = trim_vocabulary.used_ids(
        tokenizer, text_sources.four_casings(text_sources.word_list("en") + text_sources.word_list("es"))
    )
    corpus = trim_vocabulary.used_ids(tokenizer, text_sources.corpus_texts(project) + list(PREFIX.values()))
    kept = specials | script | words | corpus
    stats = {
        "piecesBefore": len(pieces),
        "specials": len(specials),
        "scriptClass": len(script),
        "wordLists": len(words),
        "corpus": len(corpus),
        "kept": len(kept),
    }
    return kept, stats


def write_trimmed(options: dict) -> Trimmed:
    packed, tokenizer_json, config, out = options["packed"], options["tokenizer_json"], options["config"], options["out"]
    kept, stats = choose_kept_ids({"pieces": packed.pieces, "tokenizer": options["full_tokenizer"], "project": options["project"]})
    table = trim_vocabulary.remap_table(kept, packed.header.vocab_rows)
    trimmed_json = trim_vocabulary.trim_tokenizer(tokenizer_json, table[: len(packed.pieces)])
    write_model_files(out, trimmed_json, {**config, "vocab_size": len(kept)})
    model = onnx.load(str(options["untrimmed_onnx"]))
    trimmed_model = trim_vocabulary.trim_onnx(model, table, packed.header.vocab_rows)
    onnx_path = out / "onnx" / "model_quantized.onnx"
    onnx_path.parent.mkdir(parents=True, exist_ok=True)
    onnx.save(trimmed_model, str(onnx_path))
    stats["onnxBytes"] = onnx_path.stat().st_size
    stats["tokenizerBytes"] = (out / "tokenizer.json").stat().st_size
    tokenizer = XLMRobertaTokenizerFast(tokenizer_file=str(out / "tokenizer.json"))
    return Trimmed(table=table, tokenizer=tokenizer, onnx_path=onnx_path, stats=stats)


def prove_identity(options: dict) -> dict:
    """Every proof sentence, with its prefix: renumbered ids and int8 vectors equal the untrimmed model's."""
    trimmed: Trimmed = options["trimmed"]
    full_tokenizer = options["full_tokenizer"]
    full = OnnxEmbedder(options["untrimmed_onnx"], full_tokenizer)
    small = OnnxEmbedder(trimmed.onnx_path, trimmed.tokenizer)
    result: dict = {}
    for language, sentences in options["proof"].items():
        texts = [PREFIX["query" if index % 4 == 0 else "passage"] + text for index, text in enumerate(sentences)]
        full_ids = full_tokenizer(texts)["input_ids"]
        small_ids = trimmed.tokenizer(texts)["input_ids"]
        id_failures = [
            texts[index] for index, (old, new) in enumerate(zip(full_ids, small_ids)) if trimmed.table[old].tolist() != new
        ]
        vector_failures = 0
        max_difference = 0.0
        for offset in range(0, len(texts), 64):
            batch = texts[offset : offset + 64]
            difference = np.abs(full.embed(batch) - small.embed(batch)).max(axis=1)
            vector_failures += int((difference > 0).sum())
            max_difference = max(max_difference, float(difference.max()))
        result[language] = {
            "sentences": len(texts),
            "tokens": sum(len(row) for row in full_ids),
            "idMismatches": len(id_failures),
            "vectorMismatches": vector_failures,
            "maxAbsDifference": max_difference,
            "firstIdMismatches": id_failures[:10],
        }
        print(f"trimming proof {language}:", {key: value for key, value in result[language].items() if key != "firstIdMismatches"}, flush=True)
        for text in id_failures[:5]:
            dropped = [piece for piece in full_tokenizer.tokenize(text) if trimmed.table[full_tokenizer.convert_tokens_to_ids(piece)] < 0]
            print(f"  {language} mismatch, dropped pieces {dropped}: {text[:120]}", flush=True)
    return result
