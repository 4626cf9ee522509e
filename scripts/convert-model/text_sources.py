"""Text from Debian packages (and the project's own corpus) that decides which tokenizer pieces the
trimmed model keeps, and the separate sentences that prove the trimming changed nothing.

Vocabulary sources (what the kept pieces are chosen from):
  wamerican, wbritish  /usr/share/dict/{american,british}-english   English words
  wspanish             /usr/share/dict/spanish                      Spanish words
  hunspell-es          es_ES.dic expanded by `unmunch` (hunspell-tools): every inflected Spanish form
  running text         the fortune cookies and Chinese man-page sentences NOT drawn for the proof
  corpus/ and the eval questions of this project
Proof sentences (never used to choose pieces): a fixed random sample of sentences of the fortune
cookies in English (`fortunes`), Spanish (`fortunes-es`) and Chinese (`fortunes-zh`, with the Chinese
manual pages of `manpages-zh`).
"""
import gzip
import json
import random
import re
import subprocess
from pathlib import Path

WORD_LISTS = {
    "en": Path("/usr/share/dict/american-english"),
    "en-gb": Path("/usr/share/dict/british-english"),
    "es": Path("/usr/share/dict/spanish"),
}
SPANISH_HUNSPELL = Path("/usr/share/hunspell/es_ES")
FORTUNE_DIR = Path("/usr/share/games/fortunes")
CHINESE_FORTUNES = ["chinese", "song100", "tang300"]
CHINESE_MANUALS = Path("/usr/share/man/zh_CN")

SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[。！？；])")
ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def word_list(language: str) -> list[str]:
    words = WORD_LISTS[language].read_text(encoding="utf-8").split("\n")
    return [word.strip() for word in words if word.strip()]


def spanish_inflections() -> list[str]:
    """Every form hunspell's Spanish dictionary generates (plurals, conjugations): wspanish lists lemmas only."""
    output = subprocess.run(
        ["unmunch", f"{SPANISH_HUNSPELL}.dic", f"{SPANISH_HUNSPELL}.aff"], check=True, capture_output=True
    ).stdout.decode("utf-8", errors="ignore")
    return sorted({word.strip() for word in output.split("\n") if word.strip() and "/" not in word})


def four_casings(words: list[str]) -> list[str]:
    """As written, lower case, Capitalised and UPPER: how a word meets the tokenizer in running text."""
    variants = set()
    for word in words:
        variants.update({word, word.lower(), word[:1].upper() + word[1:].lower(), word.upper()})
    return sorted(variants)


def after_punctuation(words: list[str]) -> list[str]:
    """A word right after a bracket, quote or hyphen has no leading space: its pieces lack the "▁" mark."""
    return [f"({word}" for word in words]


def corpus_texts(project: Path) -> list[str]:
    texts = [path.read_text(encoding="utf-8") for path in sorted((project / "corpus").glob("*")) if path.is_file()]
    for path in sorted((project / "test" / "fixtures").rglob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                texts.extend(str(item.get(field, "")) for field in ("question", "support", "shortAnswer"))
                texts.extend(turn.get("content", "") for turn in item.get("history", []))
    return [text for text in texts if text.strip()]


def fortune_files(language: str) -> list[Path]:
    if language == "zh":
        return [FORTUNE_DIR / name for name in CHINESE_FORTUNES]
    folder = FORTUNE_DIR / "es" if language == "es" else FORTUNE_DIR
    skipped = set(CHINESE_FORTUNES)
    return [path for path in sorted(folder.iterdir()) if path.is_file() and not path.suffix and path.name not in skipped] + [
        path for path in sorted(folder.glob("*.fortunes")) if path.is_file()
    ]


def join_lines(lines: list[str]) -> str:
    """Chinese lines wrap without a space between them; others wrap at a space."""
    text = ""
    for line in (line.strip() for line in lines):
        if not line:
            continue
        glue = "" if text and CJK.match(text[-1]) and CJK.match(line[0]) else " "
        text = f"{text}{glue}{line}" if text else line
    return text


def sentences_of(lines: list[str]) -> list[str]:
    flat = " ".join(join_lines(lines).split())
    return [sentence.strip() for sentence in SENTENCE_END.split(flat) if 8 <= len(sentence.strip()) <= 400]


def fortune_sentences(language: str) -> list[str]:
    sentences = []
    for path in fortune_files(language):
        text = ANSI_ESCAPE.sub("", path.read_bytes().decode("utf-8", errors="ignore"))
        for entry in text.split("\n%\n"):
            sentences.extend(sentences_of(entry.splitlines()))
    return sentences


def manual_page_sentences(folder: Path) -> list[str]:
    """Running modern Chinese prose from the man pages' text (troff requests and escapes removed)."""
    sentences = []
    for path in sorted(folder.rglob("*.gz")):
        try:
            raw = gzip.decompress(path.read_bytes()).decode("utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        lines = [re.sub(r"\\f[BIRP]|\\[-&/,e]|\\\(..", "", line) for line in raw.splitlines() if not line.startswith((".", "'"))]
        sentences.extend(sentence for sentence in sentences_of(lines) if CJK.search(sentence))
    return sentences


def sentence_pools() -> dict[str, list[str]]:
    pools = {
        "en": fortune_sentences("en"),
        "es": fortune_sentences("es"),
        "zh": fortune_sentences("zh") + manual_page_sentences(CHINESE_MANUALS),
    }
    return {language: sorted(set(pool)) for language, pool in pools.items()}


def split_sentences(per_language: int, seed: int = 13) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """(proof, rest): a fixed random sample per language for the proof; the rest may choose pieces."""
    proof, rest = {}, {}
    for language, distinct in sentence_pools().items():
        shuffled = list(distinct)
        random.Random(seed).shuffle(shuffled)
        proof[language] = shuffled[:per_language]
        rest[language] = shuffled[per_language:]
    return proof, rest
