"""Made-up, deterministic demo data to try the app: people now, meetings and tasks via STEPS."""

from __future__ import annotations

import datetime as dt
import functools
import json
import random
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TypeVar

from peewee import SqliteDatabase

from oneonone_desktop.services import search_index
from oneonone_desktop.services.demo_meetings import add_meetings
from oneonone_desktop.services.demo_reports import add_report_history
from oneonone_desktop.services.demo_tasks import add_tasks
from oneonone_desktop.services.normalize import normalize_email, normalize_phone

# A later step (meetings, commitments, tasks, ...) runs after the people are in, in the same
# transaction: step(database, rng, supporter_ids, today). Append to STEPS to extend the demo.
Step = Callable[[SqliteDatabase, random.Random, list[int], dt.date], None]
STEPS: list[Step] = [add_meetings, add_tasks, add_report_history]
# progress(people_done, people_total), called after each chunk of people is written.
Progress = Callable[[int, int], None]

MAX_PEOPLE = 1_000_000
NOW_SECOND = 20 * 3600  # demo timestamps end at 8 pm on the day given
T = TypeVar("T")
CHUNK = 5_000
SETTING_KEY = "demo_data"

ORGANIZER = {
    "name": "Sam Rivera",
    "chapter": "Riverside Women's March",
    "email": "sam.rivera@example.org",
    "phone": "(951) 555-0100",
    "national_vision": (
        "Women's March builds a movement where every woman, and everyone who stands with us, "
        "has a voice in the decisions that shape our lives: fair wages, health care we can "
        "afford, safe communities and a democracy where every vote counts."
    ),
    "local_vision": (
        "In Riverside we meet neighbours one by one, bring them into huddles, and turn "
        "what they care about into action at City Hall and the county board: renters' "
        "protections, clinic access and a voter registration drive in every ZIP code."
    ),
    "purpose_script": (
        "I'd like to get to know you, tell you about what our group is working on, and figure "
        "out together how you could be involved locally."
    ),
}


class DemoRefused(Exception):
    """Demo data cannot be added here; `message` says why in plain words."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _bar(text: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in text.split("|") if item.strip())


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FEMININE = _words(
    "Ana María Lucía Sofía Camila Valentina Guadalupe Dolores Ximena Renée Chloé Zoë Noémie "
    "Hélène Léa Inès Anaïs Beatriz Joana Siobhán Aoife Niamh Saoirse Ingrid Åsa Małgorzata "
    "Zofia Agnieszka Elizabeth Katherine Margaret Jennifer Jessica Ashley Sarah Emily Hannah "
    "Olivia Emma Grace Rachel Rebecca Laura Megan Nicole Michelle Kimberly Patricia Linda "
    "Barbara Susan Karen Donna Carol Sandra Deborah Sharon Angela Denise Tamika Keisha Aaliyah "
    "Imani Latoya Ebony Jasmine Destiny Fatima Aisha Amina Yasmin Leila Noor Priya Ananya Deepa "
    "Mei Hana Yuki Ngọc Thảo Linh Chiamaka Ngozi Adaeze Wanjiru Esperanza Rosa Carmen Yolanda "
    "Marisol Alondra Mónica Dalia Naomi Ruth Miriam Tanisha Crystal Heather Brenda Gloria"
)
MASCULINE = _words(
    "James Robert Michael William David Richard Joseph Thomas Christopher Daniel Matthew "
    "Anthony Kevin Brian Jason Marcus Darnell DeShawn Jamal Andre Malik José Luis Carlos Juan "
    "Miguel Alejandro Francisco Jesús Ángel Raúl Andrés Héctor Julián Sebastián Joaquín "
    "Mohammed Omar Ahmed Yusuf Karim Raj Arjun Vikram Wei Jun Hiroshi Kenji Minh Quang Đức "
    "Tuấn Chukwuemeka Obinna Kwame Kofi Tunde Seán Pádraig Søren Bjørn Jürgen François "
    "Étienne Noël Zoltán László Miloš Ivan Gabriel Isaac Elijah Samuel Terrence Curtis"
)
NEUTRAL = _words(
    "Alex Jordan Sam Taylor Riley Avery Casey Jamie Morgan Quinn Rowan Skyler Dakota River "
    "Sage Robin Kai Ari Noa Oluwaseun"
)
LAST_NAMES = _words(
    "Smith Johnson Williams Brown Jones Garcia García Miller Davis Rodríguez Martínez Hernández "
    "López González Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Pérez Thompson White "
    "Harris Sánchez Clark Ramírez Lewis Robinson Walker Young Allen King Wright Scott Torres "
    "Nguyễn Nguyen Trần Lê Phạm Hill Flores Green Adams Nelson Baker Hall Rivera Campbell "
    "Mitchell Carter Roberts Gómez Phillips Evans Turner Díaz Parker Cruz Edwards Collins Reyes "
    "Stewart Morris Morales Murphy Cook Rogers Gutiérrez Ortiz Cooper Peterson Bailey Reed "
    "Kelly Howard Ramos Kim Cox Ward Richardson Watson Brooks Chávez Wood Bennett Gray Mendoza "
    "Ruiz Hughes Price Álvarez Castillo Sanders Patel Myers Long Ross Foster Jiménez O'Brien "
    "O'Connor MacDonald Müller Schröder Østergaard Åkesson Kowalski Wiśniewski Dvořák Novák "
    "Yılmaz Öztürk Okafor Adeyemi Mensah Nwosu Wanjiku Haddad Khalil Nasser Rahman Hussain "
    "Singh Sharma Gupta Iyer Chen Wang Zhang Liu Tanaka Satō Suzuki Park Choi Begay Yazzie "
    "Tsosie Kealoha Peña Muñoz Castañeda Calderón Aguilar Vásquez Domínguez Ibáñez Núñez"
)
# "first last latin-first latin-last pronouns" (- for none) for a few names in other scripts.
NON_LATIN = tuple(
    tuple("" if word == "-" else word for word in entry.split())
    for entry in _bar(
        "芳 王 fang wang she/her|伟 李 wei li he/him|민지 김 minji kim she/her|"
        "서연 박 seoyeon park she/her|Анна Петрова anna petrova she/her|"
        "Дмитрий Иванов dmitri ivanov he/him|Тарас Шевченко taras shevchenko -|"
        "Ολυμπία Γεωργίου olympia georgiou she/her|فاطمة الحسن fatima alhassan -|"
        "יעל כהן yael cohen she/her|अनन्या शर्मा ananya sharma she/her|"
        "さくら 田中 sakura tanaka she/her|ሰላም ተስፋዬ selam tesfaye she/they"
    )
)
NICKNAMES = {
    "Elizabeth": "Liz", "Katherine": "Kate", "Margaret": "Maggie", "Jennifer": "Jen",
    "Rebecca": "Becky", "Patricia": "Trish", "Deborah": "Debbie", "Guadalupe": "Lupe",
    "Dolores": "Lola", "Valentina": "Vale", "Robert": "Bob", "William": "Will",
    "Michael": "Mike", "Christopher": "Chris", "Joseph": "Joe", "Alejandro": "Alex",
    "Francisco": "Paco", "Jesús": "Chuy", "Anthony": "Tony", "Samuel": "Sam",
    "Chukwuemeka": "Emeka", "Oluwaseun": "Seun", "Małgorzata": "Gosia", "Daniel": "Dan",
}  # fmt: skip
CITIES = tuple(
    (city, _words(zips))
    for city, zips in (entry.split(":") for entry in _bar(
        "Riverside: 92501 92503 92504 92505 92506 92507 92508|Moreno Valley: 92551 92553 92555|"
        "Corona: 92879 92880 92881 92882|Jurupa Valley: 91752 92509|Norco: 92860|"
        "Perris: 92570 92571|Menifee: 92584 92585 92586|Hemet: 92543 92544 92545|"
        "San Bernardino: 92401 92404 92405 92407|Fontana: 92335 92336 92337|"
        "Rialto: 92376 92377|Redlands: 92373 92374"
    ))
)  # fmt: skip
STREETS = _bar(
    "Main St|Magnolia Ave|University Ave|Market St|Orange St|Brockton Ave|Arlington Ave|"
    "Central Ave|Mission Inn Ave|Chicago Ave|Van Buren Blvd|Lime St|Palm Ave|Olivewood Ave|"
    "Jurupa Ave|Iowa Ave|Victoria Ave|Canyon Crest Dr|Pierce St|Hole Ave"
)
LANGUAGES = (("English", 70), ("Spanish", 20), ("Vietnamese", 3), ("Tagalog", 3), ("Korean", 2))
HOW_MET = _bar(
    "Sign-in sheet at the Women's March|Huddle at the public library|Canvassing on Magnolia Ave|"
    "Town hall on housing|Phone bank night|Facebook event RSVP|Rally at City Hall|"
    "Community college club fair|Church potluck|Union hall meeting|Farmers market table|"
    "School board meeting|Voter registration drive|Clinic escort training"
)
REFERRED_HOW_MET = _bar(
    "Referred by a friend|Brought by a friend to a huddle|Referred by a neighbour"
)
STAGES = (("prospect", 40), ("supporter", 30), ("member", 15), ("active", 10), ("leader", 5))
TAGS = (("huddle", 20), ("canvasser", 12), ("phone-bank", 10), ("donor", 8), ("host", 4),
        ("driver", 4), ("social-media", 5), ("data-entry", 3), ("childcare", 2))  # fmt: skip
ISSUES = _bar(
    "housing|immigration|health care|climate|voting rights|reproductive rights|education|"
    "wages|policing|disability rights|LGBTQ+ rights|gun safety|child care|public transit"
)
SKILLS = _bar(
    "writing|graphic design|public speaking|translation (Spanish)|social media|event planning|"
    "photography|data entry|fundraising|cooking|driving|legal knowledge|teaching|music"
)
INTERESTS = _bar(
    "hosting house meetings|phone banking|canvassing|letter writing|rallies|"
    "voter registration|art builds|training others|research|call-in days"
)
JOBS = _bar(
    "nurse|teacher|bus driver|home health aide|retail manager|software tester|librarian|"
    "line cook|student|social worker|paralegal|warehouse worker|pastor|dental hygienist|"
    "accountant|hairdresser|electrician|graduate student|small-business owner|caregiver"
)
NOTE_SENTENCES = _bar(
    "Works as a {job}.|Retired {job}.|Has two kids in elementary school.|"
    "Has a teenager at North High.|Came to the march with her sister.|"
    "Came to the rally with coworkers.|Cares most about {issue}.|"
    "Worried about {issue} since the last election.|Speaks {language} at home.|"
    "Can host a house meeting in the spring.|Prefers texts after 6 pm.|"
    "Mentioned a neighbour who might join.|Volunteered on a campaign years ago.|"
    "First time getting involved in anything political.|Works nights, weekends are best.|"
    "Wants to bring her mother to a huddle.|Asked about carpooling to actions."
)
CONSENT_CHANNELS = (
    ("email_list", 0.6), ("phone_text", 0.45), ("social_mention", 0.25), ("photo", 0.3),
    ("share_chapter", 0.5),
)  # fmt: skip
CONSENT_HOW = _bar("sign-in sheet|in person at a 1:1|online form|by email|on the phone")
PHONE_FORMATS = ("({a}) 555-01{n:02d}", "{a}-555-01{n:02d}", "{a}.555.01{n:02d}",
                 "+1 {a} 555 01{n:02d}")  # fmt: skip
_FOLD = str.maketrans({"đ": "d", "Đ": "d", "ø": "o", "Ø": "o", "æ": "ae", "ß": "ss", "ł": "l",
                       "Ł": "l", "ı": "i", "'": ""})  # fmt: skip


@functools.cache
def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in folded.lower() if c.isascii() and c.isalnum())


def _weighted(pairs: tuple[tuple[str, int], ...]) -> list[str]:
    return [name for name, weight in pairs for _ in range(weight)]


def existing_people(database: SqliteDatabase) -> int:
    return int(database.execute_sql("SELECT COUNT(*) FROM supporter").fetchone()[0])


def generate(
    database: SqliteDatabase,
    people: int,
    seed: int = 1,
    progress: Progress | None = None,
    *,
    force: bool = False,
    today: dt.date | None = None,
) -> int:
    """Add `people` made-up supporters (the same ones for the same seed and day); returns how many.

    Refuses (DemoRefused) when the list already has people, unless `force`. Everything is
    written in one transaction: on any error nothing is added.
    """
    if not 1 <= people <= MAX_PEOPLE:
        raise DemoRefused(f"Choose between 1 and {MAX_PEOPLE:,} demo people.")
    found = existing_people(database)
    if found and not force:
        raise DemoRefused(
            f"The list already has {found:,} {'person' if found == 1 else 'people'}; "
            "demo people would be mixed in with them. "
            "Use an empty data folder (--data-dir), or --force to add them anyway."
        )
    rng = random.Random(seed)
    today = today or dt.date.today()
    with database.atomic():
        _fill_profile(database)
        with _indexes_built_after(database):
            ids = _insert_people(database, rng, people, today, progress)
        for step in STEPS:
            step(database, rng, ids, today)
        search_index.rebuild(database)
        database.execute_sql(
            "INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)",
            (SETTING_KEY, json.dumps({"seed": seed, "people": people, "day": today.isoformat()})),
        )
    return len(ids)


@contextmanager
def _indexes_built_after(database: SqliteDatabase) -> Iterator[None]:
    """Drop the bulk tables' plain indexes and build them again afterwards: twice as fast.

    Must run inside the caller's transaction, so a failure puts the indexes back as they were.
    Unique indexes stay, so they keep guarding against duplicates during the load.
    """
    indexes = database.execute_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        " AND sql NOT LIKE 'CREATE UNIQUE%' AND tbl_name IN"
        " ('supporter', 'supporter_email', 'supporter_phone', 'supporter_label', 'consent_record')"
    ).fetchall()
    for name, _ in indexes:
        database.execute_sql(f'DROP INDEX "{name}"')
    yield
    for _, sql in indexes:
        database.execute_sql(sql)


def _fill_profile(database: SqliteDatabase) -> None:
    """The demo organizer, unless the user already typed their own name and chapter."""
    columns = ", ".join(f"{key} = CASE WHEN {key} = '' THEN ? ELSE {key} END" for key in ORGANIZER)
    database.execute_sql(
        f"UPDATE organizer_profile SET {columns} WHERE name = '' AND chapter = ''",
        list(ORGANIZER.values()),
    )


def _label_ids(database: SqliteDatabase) -> dict[tuple[str, str], int]:
    """Ids of every demo label, reusing labels the user already has (any case)."""
    wanted = [("tag", "new"), ("tag", "spanish-speaker")]
    wanted += [("tag", name) for name, _ in TAGS]
    wanted += [("issue", n) for n in ISSUES] + [("skill", n) for n in SKILLS]
    wanted += [("interest", n) for n in INTERESTS]
    ids = {}
    for kind, name in wanted:
        sql = "SELECT id FROM label WHERE kind = ? AND name = ? COLLATE NOCASE ORDER BY id LIMIT 1"
        row = database.execute_sql(sql, (kind, name)).fetchone()
        if row is None:
            cursor = database.execute_sql(
                "INSERT INTO label (kind, name) VALUES (?, ?)", (kind, name)
            )
            ids[(kind, name)] = int(cursor.lastrowid)
        else:
            ids[(kind, name)] = int(row[0])
    return ids


def _phone_pool(rng: random.Random) -> list[tuple[int, int]]:
    """Distinct fictional numbers (area code, 555-01xx), so no two demo people share a phone."""
    pool = [
        (area, n)
        for area in range(201, 990)
        if area % 100 != 11
        for n in range(100)
        if (area, n) != (951, 0)  # the organizer's own number
    ]
    rng.shuffle(pool)
    return pool


def _insert(table: str, columns: str) -> str:
    marks = ", ".join("?" * len(columns.split()))
    return f"INSERT INTO {table} ({', '.join(columns.split())}) VALUES ({marks})"


# Rows of one chunk of people go in lists, per table, written with the raw cursor's executemany.
Rows = dict[str, list[tuple[object, ...]]]
INSERTS = {
    "supporter": _insert(
        "supporter",
        "id first_name last_name preferred_name pronouns language street street2 city region"
        " postal_code country how_met referred_by_id stage_id background thank_you_preference"
        " last_contact_at archived_at created_at updated_at",
    ),
    "email": _insert("supporter_email", "supporter_id address address_norm label position"),
    "phone": _insert("supporter_phone", "supporter_id number number_norm label position"),
    "label": _insert("supporter_label", "supporter_id label_id"),
    "consent": _insert("consent_record", "supporter_id channel granted given_on how recorded_at"),
}


class _Maker:
    """Makes one person at a time from the shared random generator (hot path: keep it lean)."""

    def __init__(self, database: SqliteDatabase, rng: random.Random, today: dt.date) -> None:
        self.random = rng.random
        # Timestamps are "now" (8 pm today) minus some seconds, built from ready-made strings.
        self.days = [(today - dt.timedelta(days=back)).isoformat() for back in range(800)]
        self.clock = [f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}" for s in range(86400)]
        self.stage_ids = dict(database.execute_sql("SELECT key, id FROM ladder_stage").fetchall())
        self.label_ids = _label_ids(database)
        self.phones = _phone_pool(rng)
        self.emails: set[str] = set()
        self.stages = _weighted(STAGES)
        self.languages = _weighted(LANGUAGES)
        self.tags = [(self.label_ids[("tag", name)], weight / 100) for name, weight in TAGS]

    def pick(self, items: Sequence[T]) -> T:
        return items[int(self.random() * len(items))]

    def below(self, n: int) -> int:
        return int(self.random() * n)

    def seconds_ago(self, most: int) -> int:
        """A moment up to `most` seconds before now."""
        return min(most, self.below(most // 86400 + 1) * 86400 + self.below(86400))

    def when(self, seconds_ago: int) -> str:
        day, second = divmod(NOW_SECOND - seconds_ago, 86400)  # day is 0 or negative
        return f"{self.days[-day]} {self.clock[second]}"

    def some(self, kind: str, names: tuple[str, ...], most: int) -> list[int]:
        chosen: list[str] = []
        for _ in range(self.below(most + 1)):
            name = self.pick(names)
            if name not in chosen:
                chosen.append(name)
        return [self.label_ids[(kind, name)] for name in chosen]

    def name(self) -> tuple[str, ...]:
        """first, last, preferred, pronouns, and the Latin-letter first and last for emails."""
        roll = self.random()
        if roll < 0.02:
            first, last, latin_first, latin_last, pronouns = self.pick(NON_LATIN)
            return first, last, "", pronouns, latin_first, latin_last
        if roll < 0.64:
            first = self.pick(FEMININE)
            pronouns = self.pick(("she/her", "she/her", "she/her", "she/they", "", ""))
        elif roll < 0.93:
            first = self.pick(MASCULINE)
            pronouns = self.pick(("he/him", "he/him", "he/they", "", ""))
        else:
            first = self.pick(NEUTRAL)
            pronouns = self.pick(("they/them", "they/them", "she/they", "he/him", ""))
        last = self.pick(LAST_NAMES)
        preferred = NICKNAMES.get(first, "") if self.random() < 0.4 else ""
        return first, last, preferred, pronouns, _ascii(preferred or first), _ascii(last)

    def email(self, first: str, last: str, domain: str) -> str:
        patterns = (f"{first}.{last}", f"{first}{last}", f"{first[:1]}{last}", f"{last}.{first}")
        local = self.pick(patterns) or "supporter"
        address = f"{local}@{domain}"
        while address in self.emails:
            address = f"{local}{2 + self.below(9998)}@{domain}"
        self.emails.add(address)
        return address

    def notes(self, language: str) -> str:
        if self.random() < 0.35:
            return ""
        sentences = {self.pick(NOTE_SENTENCES) for _ in range(1 + self.below(3))}
        return " ".join(
            s.format(job=self.pick(JOBS), issue=self.pick(ISSUES), language=language)
            for s in sorted(sentences)
        )

    def person(self, rows: Rows, supporter_id: int, first_id: int) -> None:
        chance = self.random
        first, last, preferred, pronouns, latin_first, latin_last = self.name()
        language = self.pick(self.languages)
        city, zips = self.pick(CITIES)
        has_street = chance() < 0.7
        street = f"{100 + self.below(9900)} {self.pick(STREETS)}" if has_street else ""
        street2 = f"Apt {1 + self.below(40)}{self.pick('ABCD')}" if chance() < 0.1 else ""
        referred = supporter_id > first_id + 20 and chance() < 0.12
        referred_by = first_id + self.below(supporter_id - first_id) if referred else None
        age = self.seconds_ago(730 * 86400)
        created = self.when(age)
        contact = self.when(self.seconds_ago(min(age, 365 * 86400))) if chance() < 0.85 else None
        rows["supporter"].append(
            (supporter_id, first, last, preferred, pronouns, language, street, street2, city,
             "CA", self.pick(zips) if has_street or chance() < 0.5 else "", "",
             self.pick(REFERRED_HOW_MET if referred else HOW_MET), referred_by,
             self.stage_ids.get(self.pick(self.stages)), self.notes(language),
             self.pick(("", "", "card", "email", "call")), contact,
             self.when(self.seconds_ago(age)) if chance() < 0.02 else None, created, created)
        )  # fmt: skip
        if chance() < 0.85:
            address = self.email(latin_first, latin_last, self.pick(("example.org", "example.net")))
            rows["email"].append((supporter_id, address, normalize_email(address), "home", 0))
            if chance() < 0.1:
                work = self.email(latin_first, latin_last, "example.net")
                rows["email"].append((supporter_id, work, normalize_email(work), "work", 1))
        for position in range(2 if chance() < 0.08 else 1 if chance() < 0.75 else 0):
            if self.phones:
                area, n = self.phones.pop()
                number = self.pick(PHONE_FORMATS).format(a=area, n=n)
                label = "work" if position else self.pick(("mobile", "mobile", "home"))
                rows["phone"].append(
                    (supporter_id, number, normalize_phone(number), label, position)
                )
        label_ids = [label_id for label_id, weight in self.tags if chance() < weight]
        if age < 30 * 86400:
            label_ids.append(self.label_ids[("tag", "new")])
        if language == "Spanish" and chance() < 0.6:
            label_ids.append(self.label_ids[("tag", "spanish-speaker")])
        label_ids += self.some("issue", ISSUES, 3)
        label_ids += self.some("skill", SKILLS, 2)
        label_ids += self.some("interest", INTERESTS, 2)
        rows["label"].extend((supporter_id, label_id) for label_id in label_ids)
        if chance() >= 0.2:  # the others never said yes or no to anything
            self.consents(rows, supporter_id, age)

    def consents(self, rows: Rows, supporter_id: int, age: int) -> None:
        for channel, likely in CONSENT_CHANNELS:
            roll = self.random()
            if roll >= likely + 0.05:
                continue  # never asked
            given_ago = self.seconds_ago(age)
            given = self.when(given_ago)
            granted = roll < likely
            how = self.pick(CONSENT_HOW)
            rows["consent"].append((supporter_id, channel, int(granted), given[:10], how, given))
            if granted and self.random() < 0.03:
                withdrawn = self.when(self.seconds_ago(given_ago))
                rows["consent"].append(
                    (supporter_id, channel, 0, withdrawn[:10], "asked to be removed", withdrawn)
                )


def _insert_people(
    database: SqliteDatabase,
    rng: random.Random,
    people: int,
    today: dt.date,
    progress: Progress | None,
) -> list[int]:
    maker = _Maker(database, rng, today)
    (highest,) = database.execute_sql("SELECT COALESCE(MAX(id), 0) FROM supporter").fetchone()
    first_id = int(highest) + 1
    ids = list(range(first_id, first_id + people))
    for start in range(0, people, CHUNK):
        rows: Rows = {table: [] for table in INSERTS}
        for supporter_id in ids[start : start + CHUNK]:
            maker.person(rows, supporter_id, first_id)
        cursor = database.cursor()
        for table, sql in INSERTS.items():
            cursor.executemany(sql, rows[table])
        if progress is not None:
            progress(min(start + CHUNK, people), people)
    return ids
