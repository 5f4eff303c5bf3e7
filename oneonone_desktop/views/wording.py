"""Words the screens share for stored codes (consent channels, thank-you preferences, kinds)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONSENT_WORDS: dict[str, str] = {
    "email_list": QT_TRANSLATE_NOOP("wording", "Add to email lists"),
    "phone_text": QT_TRANSLATE_NOOP("wording", "Call or text them"),
    "social_mention": QT_TRANSLATE_NOOP("wording", "Mention them on social media"),
    "photo": QT_TRANSLATE_NOOP("wording", "Use their photo"),
    "share_chapter": QT_TRANSLATE_NOOP("wording", "Share their details with the chapter"),
}
CONSENT_FILTER_WORDS: dict[str, str] = {
    "email_list": QT_TRANSLATE_NOOP("wording", "OK to email"),
    "phone_text": QT_TRANSLATE_NOOP("wording", "OK to call or text"),
    "social_mention": QT_TRANSLATE_NOOP("wording", "OK to mention online"),
    "photo": QT_TRANSLATE_NOOP("wording", "OK to use photo"),
    "share_chapter": QT_TRANSLATE_NOOP("wording", "OK to share with chapter"),
}
THANK_YOU_WORDS: dict[str, str] = {
    "": QT_TRANSLATE_NOOP("wording", "No preference"),
    "card": QT_TRANSLATE_NOOP("wording", "A card"),
    "email": QT_TRANSLATE_NOOP("wording", "An email"),
    "call": QT_TRANSLATE_NOOP("wording", "A call"),
}
LABEL_KIND_WORDS: dict[str, str] = {
    "tag": QT_TRANSLATE_NOOP("wording", "Tags"),
    "issue": QT_TRANSLATE_NOOP("wording", "Issues they care about"),
    "skill": QT_TRANSLATE_NOOP("wording", "Skills"),
    "interest": QT_TRANSLATE_NOOP("wording", "Interests"),
}


def words(text: str) -> str:
    """The translation of one of the texts above."""
    return QCoreApplication.translate("wording", text)


def people_count(n: int) -> str:
    return words("1 person") if n == 1 else words("{n} people").format(n=f"{n:,}")
