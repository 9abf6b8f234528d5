"""Web and e-mail addresses, the way people say them: "https://www.example.com/faq" ->
"w w w dot example dot com slash faq", "ana.ruiz@example.org" -> "ana dot ruiz at
example dot org", "stlouisastronomy.example.org/faq" (no scheme) likewise, "#Cleveland"
-> "hashtag Cleveland", "@ClevelandAstro" -> "at ClevelandAstro"."""

from __future__ import annotations

import re

from audio_edition.normalize import spell
from audio_edition.normalize.rules import Rule

TOP_LEVEL_DOMAINS = ("com", "org", "net", "edu", "gov", "mil", "int", "io", "co", "us", "uk", "ca", "au", "de",
                     "fr", "info", "biz", "ai", "app", "dev", "me", "tv", "fm", "ly", "news", "blog", "xyz")
_SAID = {".": " dot ", "/": " slash ", "-": " dash ", "_": " underscore ", "@": " at ", "~": " tilde ",
         ":": " colon ", "?": " question mark ", "=": " equals ", "&": " and ", "#": " hash ", "+": " plus "}
_END = r"[^\s.,;:!?)\"'\]]"
"""An address does not end with the punctuation of the sentence around it."""


def say(address: str) -> str:
    """Each symbol as a word; "www" as its letters."""
    address = re.sub(r"^[a-z]+://", "", address, flags=re.I).rstrip("/")
    spoken = "".join(_SAID.get(c, c) for c in address)
    spoken = re.sub(r"\bwww\b", "w w w", spoken, flags=re.I)
    return re.sub(r"\s+", " ", spoken).strip()


_DOMAIN = r"(?:[A-Za-z0-9-]+\.)+(?:" + "|".join(TOP_LEVEL_DOMAINS) + r")\b"

RULES: list[Rule] = [
    (re.compile(rf"\b[a-z][a-z0-9+.-]*://\S*{_END}|\bwww\.\S*{_END}", re.I), lambda m: say(m[0])),
    (re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"), lambda m: say(m[0])),
    (re.compile(rf"(?<![\w@.-]){_DOMAIN}(?:/\S*{_END}|/)?(?![\w-])"), lambda m: say(m[0])),
    # A network address, each part as a house number is said: "192.168.1.1" is one
    # ninety-two dot one sixty-eight dot one dot one.
    (re.compile(r"(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)(?![\w]|\.\d)"),
     lambda m: " dot ".join(spell.paired(part) if len(part) == 3 else spell.cardinal(int(part))
                            for part in m[0].split("."))),
    (re.compile(r"(?<![\w&])#(?=[A-Za-z]\w*)"), "hashtag "),
    (re.compile(r"(?<![\w.])@(?=[A-Za-z_]\w*)"), "at "),
]
