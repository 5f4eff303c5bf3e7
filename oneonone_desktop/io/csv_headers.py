"""The fields a CSV column can fill, and guessing them from the header row."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from oneonone_desktop.store.models import ConsentRecord

CONSENT_LABELS = {
    "email_list": "email list",
    "phone_text": "phone and text",
    "social_mention": "social-media mention",
    "photo": "photo",
    "share_chapter": "share with the chapter",
}

FIELDS: dict[str, str] = {
    "first_name": "First name",
    "last_name": "Last name",
    "full_name": "Full name (split into first and last)",
    "preferred_name": "Preferred name",
    "email": "Email",
    "email2": "Second email",
    "phone": "Phone",
    "mobile": "Mobile phone",
    "street": "Street address",
    "street2": "Address line 2",
    "city": "City",
    "region": "State or region",
    "postal_code": "ZIP or postal code",
    "country": "Country",
    "language": "Language",
    "pronouns": "Pronouns",
    "tags": "Tags",
    "issues": "Issues they care about",
    "skills": "Skills",
    "interests": "Interests",
    "notes": "Notes",
    "how_met": "How we met",
    "stage": "Ladder stage",
    "id": "Id (from an export of this app)",
}
for _channel in ConsentRecord.CHANNELS:
    _label = CONSENT_LABELS.get(_channel, _channel.replace("_", " "))
    FIELDS[f"consent_{_channel}"] = f"Consent: {_label} (yes or no)"
    FIELDS[f"consent_{_channel}_date"] = f"Consent: {_label}, date given"
    FIELDS[f"consent_{_channel}_how"] = f"Consent: {_label}, how given"

NAME_FIELDS = frozenset({"first_name", "last_name", "full_name", "preferred_name"})
# Fields that several columns may fill (their values are added up, not joined into one).
LIST_FIELDS = frozenset(
    {"email", "email2", "phone", "mobile", "tags", "issues", "skills", "interests", "notes"}
)
LABEL_KINDS = {"tags": "tag", "issues": "issue", "skills": "skill", "interests": "interest"}

# Extra header spellings (English exports from Outlook, Google, Action Network, … and Spanish).
_ALIASES: dict[str, tuple[str, ...]] = {
    "first_name": (
        "first",
        "firstname",
        "given name",
        "given",
        "forename",
        "first names",
        "nombre de pila",
        "primer nombre",
        "nombres",
    ),
    "last_name": (
        "last",
        "lastname",
        "surname",
        "family name",
        "apellido",
        "apellidos",
        "segundo nombre",
    ),
    "full_name": (
        "name",
        "full name",
        "fullname",
        "display name",
        "contact name",
        "your name",
        "nombre completo",
        "nombre y apellido",
        "nombre y apellidos",
        "nombre",
    ),
    "preferred_name": ("nickname", "goes by", "preferred", "apodo", "nombre preferido"),
    "email": (
        "email",
        "e mail",
        "email address",
        "e mail address",
        "emails",
        "e mail 1 value",
        "email 1",
        "primary email",
        "mail",
        "correo",
        "correos",
        "correo electronico",
        "email personal",
    ),
    "email2": (
        "email 2",
        "e mail 2",
        "e mail 2 address",
        "e mail 2 value",
        "email2",
        "second email",
        "secondary email",
        "other email",
        "e mail 3 address",
        "correo 2",
    ),
    "phone": (
        "phone",
        "phones",
        "telephone",
        "phone number",
        "tel",
        "home phone",
        "business phone",
        "primary phone",
        "phone 1 value",
        "phone 2 value",
        "telefono",
        "numero de telefono",
        "telefono fijo",
    ),
    "mobile": (
        "mobile",
        "mobile phone",
        "cell",
        "cell phone",
        "cellphone",
        "mobile number",
        "cell number",
        "celular",
        "movil",
        "telefono celular",
        "telefono movil",
        "whatsapp",
    ),
    "street": (
        "address",
        "street address",
        "address 1",
        "address line 1",
        "home street",
        "mailing address",
        "street 1",
        "direccion",
        "domicilio",
        "calle",
    ),
    "street2": (
        "address 2",
        "address line 2",
        "street 2",
        "home street 2",
        "apartment",
        "apt",
        "suite",
        "direccion 2",
    ),
    "city": ("town", "home city", "locality", "city town", "ciudad", "municipio", "localidad"),
    "region": (
        "state",
        "province",
        "county",
        "home state",
        "state province",
        "estado",
        "provincia",
        "region",
        "departamento",
    ),
    "postal_code": (
        "zip",
        "zip code",
        "zipcode",
        "postal code",
        "postcode",
        "post code",
        "home postal code",
        "zip postal code",
        "codigo postal",
        "cp",
    ),
    "country": ("home country region", "country region", "pais"),
    "language": ("preferred language", "languages", "idioma", "idiomas", "lengua"),
    "pronouns": ("pronoun", "pronombres", "pronombre"),
    "tags": ("tag", "labels", "label", "categories", "groups", "etiquetas", "etiqueta"),
    "issues": ("issue", "causes", "issues i care about", "temas", "causas"),
    "skills": ("skill", "habilidades", "destrezas"),
    "interests": ("interest", "intereses"),
    "notes": ("note", "background", "comments", "comment", "notas", "comentarios", "observaciones"),
    "how_met": (
        "how we met",
        "how met",
        "source",
        "how did you hear about us",
        "event",
        "como nos conocimos",
        "fuente",
        "evento",
    ),
    "stage": ("ladder", "ladder stage", "engagement", "etapa"),
    "id": ("id",),
}
# Words that, inside a header, point at a field (tried after the exact spellings).
_KEYWORDS: tuple[tuple[str, str], ...] = (
    ("email", "email"),
    ("e mail", "email"),
    ("correo", "email"),
    ("mobile", "mobile"),
    ("cell", "mobile"),
    ("celular", "mobile"),
    ("movil", "mobile"),
    ("phone", "phone"),
    ("telefono", "phone"),
    ("zip", "postal_code"),
    ("postal", "postal_code"),
    ("postcode", "postal_code"),
    ("first name", "first_name"),
    ("given name", "first_name"),
    ("last name", "last_name"),
    ("family name", "last_name"),
    ("surname", "last_name"),
    ("apellido", "last_name"),
    ("street", "street"),
    ("address", "street"),
    ("direccion", "street"),
    ("city", "city"),
    ("ciudad", "city"),
    ("state", "region"),
    ("province", "region"),
    ("country", "country"),
    ("note", "notes"),
    ("comment", "notes"),
    ("tag", "tags"),
    ("categor", "tags"),
    ("pronoun", "pronouns"),
    ("language", "language"),
    ("issue", "issues"),
    ("skill", "skills"),
    ("interest", "interests"),
)
_NON_WORD = re.compile(r"[^0-9a-z]+")


def normalize_header(header: str) -> str:
    """Lower case, accents and punctuation removed: "E-mail Address" -> "e mail address"."""
    decomposed = unicodedata.normalize("NFKD", header.replace("_", " "))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return _NON_WORD.sub(" ", plain).strip()


@cache
def _spellings() -> dict[str, str]:
    table: dict[str, str] = {}
    for key, label in FIELDS.items():
        table.setdefault(normalize_header(key), key)
        table.setdefault(normalize_header(label), key)
    for key, aliases in _ALIASES.items():
        for alias in aliases:
            table.setdefault(normalize_header(alias), key)
    return table


def guess_mapping(headers: list[str]) -> dict[int, str]:
    """Column index -> field key for the headers we recognise; the others are left out.

    A field that holds one value (first name, city, …) is given to the first column that
    matches; emails, phones, tags and notes may come from several columns.
    """
    spellings = _spellings()
    mapping: dict[int, str] = {}
    taken: set[str] = set()

    def assign(index: int, key: str) -> None:
        if key == "email" and "email" in taken:
            key = "email2"
        if key in taken and key not in LIST_FIELDS:
            return
        mapping[index] = key
        taken.add(key)

    normalized = [normalize_header(h) for h in headers]
    for index, text in enumerate(normalized):
        key = spellings.get(text)
        if key is not None:
            assign(index, key)
    for index, text in enumerate(normalized):
        if index in mapping or not text or text in ("created at", "updated at"):
            continue
        padded = f" {text} "
        for word, key in _KEYWORDS:
            if f" {word}" in padded:
                assign(index, key)
                break
    values = set(mapping.values())
    # "Name" beside "Last name" is the first name ("Nombre" + "Apellido").
    if "last_name" in values and "first_name" not in values:
        for index, key in mapping.items():
            if key == "full_name":
                mapping[index] = "first_name"
                break
    return mapping
