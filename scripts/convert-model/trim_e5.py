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
    pieces, tokenizer, project, rest = options["pieces"], options["tokenizer"], options["project"], options["rest"]
    specials = {index for index, piece in enumerate(pieces) if piece in {"<s>", "<pad>", "</s>", "<unk>", "<mask>"}}
    script = trim_vocabulary.script_class_ids(pieces)
    english = text_sources.word_list("en") + text_sources.word_list("en-gb")
    spanish = text_sources.word_list("es") + text_sources.spanish_inflections()
    words = set()
    for word_list in (english, spanish):
        cased = text_sources.four_casings(word_list)
        words |= trim_vocabulary.used_ids(tokenizer, cased + text_sources.after_punctuation(cased))
    running = trim_vocabulary.used_ids(tokenizer, [PREFIX["passage"] + text for sentences in rest.values() for text in sentences])
    corpus = trim_vocabulary.used_ids(tokenizer, text_sources.corpus_texts(project) + list(PREFIX.values()))
    kept = specials | script | words | running | corpus
    stats = {
        "piecesBefore": len(pieces),
        "specials": len(specials),
        "scriptClass": len(script),
        "wordLists": len(words),
        "wordListWords": {"english": len(english), "spanish": len(spanish)},
        "runningText": len(running),
        "runningTextSentences": {language: len(sentences) for language, sentences in rest.items()},
        "corpus": len(corpus),
        "kept": len(kept),
    }
    return kept, stats


def write_trimmed(options: dict) -> Trimmed:
    packed, tokenizer_json, config, out = options["packed"], options["tokenizer_json"], options["config"], options["out"]
    kept, stats = choose_kept_ids(
        {"pieces": packed.pieces, "tokenizer": options["full_tokenizer"], "project": options["project"], "rest": options["rest"]}
    )
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
    """Every proof sentence, with its prefix. A sentence is covered when all pieces the untrimmed tokenizer
    chose for it were kept; a covered sentence must get the renumbered ids and bit-identical int8 vectors.
    Uncovered sentences (a piece was dropped) are counted, and how close their vectors stay is reported."""
    trimmed: Trimmed = options["trimmed"]
    full_tokenizer = options["full_tokenizer"]
    full = OnnxEmbedder(options["untrimmed_onnx"], full_tokenizer)
    small = OnnxEmbedder(trimmed.onnx_path, trimmed.tokenizer)
    result: dict = {}
    for language, sentences in options["proof"].items():
        texts = [PREFIX["query" if index % 4 == 0 else "passage"] + text for index, text in enumerate(sentences)]
        full_ids = full_tokenizer(texts)["input_ids"]
        small_ids = trimmed.tokenizer(texts)["input_ids"]
        covered = [index for index, row in enumerate(full_ids) if (trimmed.table[row] >= 0).all()]
        uncovered = sorted(set(range(len(texts))) - set(covered))
        id_mismatches = [index for index in covered if trimmed.table[full_ids[index]].tolist() != small_ids[index]]
        vector_mismatches, max_difference = 0, 0.0
        for offset in range(0, len(covered), 16):
            batch = [texts[index] for index in covered[offset : offset + 16]]
            difference = np.abs(full.embed_batch(batch) - small.embed_batch(batch)).max(axis=1)
            vector_mismatches += int((difference > 0).sum())
            max_difference = max(max_difference, float(difference.max()))
        uncovered_texts = [texts[index] for index in uncovered]
        uncovered_cosines = (full.embed(uncovered_texts) * small.embed(uncovered_texts)).sum(axis=1) if uncovered else np.ones(1)
        result[language] = {
            "sentences": len(texts),
            "tokens": sum(len(row) for row in full_ids),
            "covered": len(covered),
            "coveredIdMismatches": len(id_mismatches),
            "coveredVectorMismatches": vector_mismatches,
            "coveredMaxAbsDifference": max_difference,
            "uncovered": len(uncovered),
            "uncoveredMinCosine": float(uncovered_cosines.min()),
            "uncoveredMeanCosine": float(uncovered_cosines.mean()),
            "droppedPieces": sorted(
                {piece for index in uncovered for piece, old in zip(full_tokenizer.convert_ids_to_tokens(full_ids[index]), full_ids[index]) if trimmed.table[old] < 0}
            )[:200],
        }
        summary = {key: value for key, value in result[language].items() if key != "droppedPieces"}
        print(f"trimming proof {language}:", summary, flush=True)
    return result


def covered_sentences(trimmed: Trimmed, full_tokenizer, sentences: list[str]) -> list[str]:
    return [text for text in sentences if all(trimmed.table[old] >= 0 for old in full_tokenizer(PREFIX["query"] + text)["input_ids"]) and all(trimmed.table[old] >= 0 for old in full_tokenizer(PREFIX["passage"] + text)["input_ids"])]
