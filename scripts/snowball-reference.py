"""Writes test/fixtures/snowball-stems.json: reference stems from Snowball's own Python stemmers.

The analyzer's stemmers (wink-porter2-stemmer for English, @orama/stemmers for Spanish) are
checked against these. Words: every word of the corpus and of the eval questions, classic
examples, and every 400th word of Debian's Spanish word list (apt-get install wspanish).

    python3 -m venv /tmp/snowball && /tmp/snowball/bin/pip install snowballstemmer==3.1.1
    /tmp/snowball/bin/python scripts/snowball-reference.py > test/fixtures/snowball-stems.json
"""

import glob
import importlib.metadata
import json
import re
import unicodedata

import snowballstemmer

WORD = re.compile(r"[^\W\d_]+")


def words_of(paths, field=None):
    found = set()
    for path in paths:
        for line in open(path, encoding="utf-8"):
            text = json.loads(line)[field] if field and line.strip() else line
            found.update(word.lower() for word in WORD.findall(unicodedata.normalize("NFC", text)))
    return found


english = words_of(glob.glob("corpus/*.txt")) | words_of(["test/fixtures/eval.jsonl"], "question")
english |= set("caresses ponies ties generously communities dying lying skies news gently hoping hopped".split())
english = {word for word in english if word.isascii()}
spanish = words_of(["test/fixtures/eval/visit/es.jsonl"], "question")
dictionary = sorted(unicodedata.normalize("NFC", line.strip().lower()) for line in open("/usr/share/dict/spanish", encoding="utf-8"))
spanish |= set(dictionary[::400])

reference = {}
for language, words in (("english", english), ("spanish", spanish)):
    ordered = sorted(words)
    reference[language] = dict(zip(ordered, snowballstemmer.stemmer(language).stemWords(ordered)))
print(json.dumps({"snowballstemmer": importlib.metadata.version("snowballstemmer"), **reference}, ensure_ascii=False, indent=0, sort_keys=True))
