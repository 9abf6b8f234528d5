"""Numbers as words, shared by every class that reads one: the cardinal, the ordinal,
the year, digit by digit. num2words is British in places ("one hundred and five",
commas between thousands); a reader of these articles says "one hundred five"."""

from __future__ import annotations

from num2words import num2words

_DIGITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def _plain(words: str) -> str:
    return words.replace(",", "").replace(" and ", " ").replace("oh-", "oh ")


def cardinal(number: int) -> str:
    """12034 -> "twelve thousand thirty-four"; -5 -> "minus five"; 1500 -> "fifteen hundred",
    as round hundreds under ten thousand are said ("fifteen hundred people")."""
    if 1100 <= abs(number) < 10000 and number % 100 == 0 and number % 1000 != 0:
        return ("minus " if number < 0 else "") + cardinal(abs(number) // 100) + " hundred"
    return _plain(num2words(number))


def ordinal(number: int) -> str:
    """21 -> "twenty-first"."""
    return _plain(num2words(number, to="ordinal"))


def year(number: int) -> str:
    """1983 -> "nineteen eighty-three", 2005 -> "two thousand five", 1905 -> "nineteen oh five"."""
    return _plain(num2words(number, to="year"))


def digits(text: str, zero: str = "zero") -> str:
    """"204" -> "two zero four", or "two oh four" with zero="oh" (phones, extensions)."""
    return " ".join(zero if d == "0" else _DIGITS[int(d)] for d in text if d.isdigit())


def decimal(text: str) -> str:
    """"2.5" -> "two point five"; "1,200" -> "one thousand two hundred"; "-3" -> "minus three"."""
    text = text.replace(",", "")
    sign = "minus " if text.startswith(("-", "\u2212")) else ""
    whole, _, fraction = text.lstrip("-\u2212").partition(".")
    spoken = cardinal(int(whole)) if whole else ""  # ".5" is said "point five"
    if fraction:
        spoken += " point " + digits(fraction)
    return sign + spoken.strip()


def plural(words: str) -> str:
    """The plural of a number's last word: "nineteen ninety" -> "nineteen nineties"."""
    head, _, last = words.rpartition(" ")
    last = last[:-1] + "ies" if last.endswith("y") else last + ("es" if last.endswith("x") else "s")
    return f"{head} {last}".strip()


def paired(number: str) -> str:
    """A house or box number as people say it, by pairs: "125" -> "one twenty-five",
    "302" -> "three oh two", "2219" -> "twenty-two nineteen", "1600" -> "sixteen hundred"."""
    head, tail = number[:-2], int(number[-2:])
    if not tail:
        return cardinal(int(head)) + " hundred"
    return f"{cardinal(int(head))} {'oh ' if tail < 10 else ''}{cardinal(tail)}"
