"""Money: "$5.50" -> "five dollars and fifty cents", "$1.5 million" -> "one point five million
dollars", "$5M" -> "five million dollars", "£3" -> "three pounds", "$10-$20" -> "ten to
twenty dollars". The currency is said after the amount, as people say it."""

from __future__ import annotations

import re

from audio_edition.normalize import spell
from audio_edition.normalize.rules import CURRENCY_SIGNS, NUMBER, Rule, after_article, before_noun

_CURRENCIES = {
    "$": ("dollar", "dollars", "cent", "cents"),
    "£": ("pound", "pounds", "penny", "pence"),
    "€": ("euro", "euros", "cent", "cents"),
    "¥": ("yen", "yen", "sen", "sen"),
    "₩": ("won", "won", "jeon", "jeon"),
    "฿": ("baht", "baht", "satang", "satang"),
    "₹": ("rupee", "rupees", "paisa", "paise"),
    "₱": ("peso", "pesos", "centavo", "centavos"),
    "₪": ("shekel", "shekels", "agora", "agorot"),
}
_SCALES = {"thousand": "thousand", "million": "million", "billion": "billion", "trillion": "trillion",
           "k": "thousand", "K": "thousand", "m": "million", "M": "million", "mn": "million", "MM": "million",
           "b": "billion", "bn": "billion", "B": "billion", "tn": "trillion", "T": "trillion"}
_SCALE = r"(?:\s?(?P<scale>thousand|million|billion|trillion)\b|(?P<short>k|K|m|M|mn|MM|b|bn|B|tn|T)\b)"
_AMOUNT = rf"(?P<country>\b(?:AU|A|CA|C|NZ|US|HK|S)(?=\$))?(?P<symbol>[{CURRENCY_SIGNS}])\s?(?P<amount>{NUMBER})"
_COUNTRIES = {"A": "Australian", "AU": "Australian", "C": "Canadian", "CA": "Canadian", "NZ": "New Zealand",
              "US": "U S", "HK": "Hong Kong", "S": "Singapore"}
"""Dollars named by their country: "A$849" is eight hundred forty-nine Australian dollars."""


def _scale(match: re.Match[str]) -> str | None:
    return match["scale"] or _SCALES.get(match["short"] or "")


def _amount(match: re.Match[str]) -> str:
    one, many, small_one, small_many = _CURRENCIES[match["symbol"]]
    if match["country"]:
        one, many = f"{_COUNTRIES[match['country']]} {one}", f"{_COUNTRIES[match['country']]} {many}"
    amount = match["amount"].replace(",", "")
    # "a $1,250 mount", "$5 tickets": the amount describes a thing, and is said in the
    # singular, as in "a twelve-hundred-fifty-dollar mount".
    describes = after_article(match) or before_noun(match)
    scale = _scale(match)
    if scale:
        return f"{spell.decimal(amount)} {scale} {one if describes else many}"
    whole, _, cents = amount.partition(".")
    if cents and len(cents) != 2:
        return f"{spell.decimal(amount)} {one if describes else many}"
    cents = int(cents or 0)
    if not int(whole) and cents:
        return f"{spell.cardinal(cents)} {small_one if cents == 1 or describes else small_many}"
    if describes:
        return f"{spell.cardinal(int(whole))} {one}" + (f" {spell.cardinal(cents)}" if cents else "")
    said = f"{spell.cardinal(int(whole))} {one if int(whole) == 1 else many}"
    if cents:
        said += f" and {spell.cardinal(cents)} {small_one if cents == 1 else small_many}"
    return said


def _range(match: re.Match[str]) -> str:
    many = _CURRENCIES[match["symbol"]][1]
    if match["country"]:
        many = f"{_COUNTRIES[match['country']]} {many}"
    scale = f" {_scale(match)}" if _scale(match) else ""
    if not scale and any(re.search(r"\.\d\d$", amount) for amount in (match["amount"], match["high"])):
        # "from $2.75 to $3": each end in dollars and cents, as a fare is said.
        return f"{_said(match, match['amount'])} to {_said(match, match['high'])}"
    return f"{spell.decimal(match['amount'])} to {spell.decimal(match['high'])}{scale} {many}"


def _said(match: re.Match[str], amount: str) -> str:
    return _amount(re.match(rf"{_AMOUNT}{_SCALE}?", (match["country"] or "") + match["symbol"] + amount))


_CODES = {"CHF": ("Swiss franc", "Swiss francs"), "EUR": ("euro", "euros"), "GBP": ("pound", "pounds"),
          "USD": ("US dollar", "US dollars"), "CAD": ("Canadian dollar", "Canadian dollars"),
          "AUD": ("Australian dollar", "Australian dollars"), "NZD": ("New Zealand dollar", "New Zealand dollars"),
          "JPY": ("yen", "yen"), "SEK": ("Swedish krona", "Swedish kronor"),
          "NOK": ("Norwegian krone", "Norwegian kroner"),
          "DKK": ("Danish krone", "Danish kroner"), "MXN": ("Mexican peso", "Mexican pesos")}
"""Currencies written by their code before the amount: "CHF 5.50"."""


def _coded(match: re.Match[str]) -> str:
    """"CHF 5.50" is five Swiss francs fifty; "EUR 1,200" one thousand two hundred euros."""
    one, many = _CODES[match["code"]]
    whole, _, cents = match["amount"].replace(",", "").partition(".")
    said = f"{spell.cardinal(int(whole))} {one if int(whole) == 1 else many}"
    return said + (f" {spell.cardinal(int(cents))}" if cents and int(cents) else "")


RULES: list[Rule] = [
    (re.compile(r"\b(?P<code>" + "|".join(_CODES) + r")\s?(?P<amount>\d{1,3}(?:,\d{3})*(?:\.\d{2})?|\d+(?:\.\d{2})?)"
                r"(?![\d.,]\d)"), _coded),
    # A scale with no currency: "lost 3.5bn", "a 2tn economy".
    (re.compile(rf"(?<![\w.{CURRENCY_SIGNS}])(?P<amount>{NUMBER})\s?(?P<short>bn|tn)\b"),
     lambda m: f"{spell.decimal(m['amount'])} {_SCALES[m['short']]}"),
    (re.compile(rf"{_AMOUNT}(?:\s?[-–]\s?|\s+to\s+)[{CURRENCY_SIGNS}]?(?P<high>{NUMBER}){_SCALE}?"),
     _range),
    (re.compile(rf"{_AMOUNT}{_SCALE}?"), _amount),
]
