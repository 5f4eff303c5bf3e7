"""Normalise and validate emails and phone numbers so the same person is recognised twice."""

from __future__ import annotations

import re

_EMAIL = re.compile(r"^[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>.]{2,}$")
_NON_DIGITS = re.compile(r"\D+")


def normalize_email(address: str) -> str:
    return address.strip().lower()


def is_valid_email(address: str) -> bool:
    return bool(_EMAIL.match(address.strip()))


def phone_digits(number: str) -> str:
    return _NON_DIGITS.sub("", number)


def normalize_phone(number: str) -> str:
    """Digits only, without the international prefix 00 and the North American country code 1.

    "+1 (555) 010-2000", "555.010.2000" and "001 555 010 2000" all give "5550102000".
    """
    digits = phone_digits(number)
    if digits.startswith("00"):
        digits = digits[2:]
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    return digits


def is_valid_phone(number: str) -> bool:
    """A phone number has 7 to 15 digits (E.164's limit) and only phone-ish characters."""
    if re.search(r"[^\d\s()+\-./extEXT#]", number):
        return False
    return 7 <= len(phone_digits(number)) <= 15
