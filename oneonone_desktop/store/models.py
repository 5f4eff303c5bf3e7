"""The peewee models of the whole domain, bound to one database placeholder.

Conventions:
- Record timestamps (created_at, updated_at, recorded_at) are naive UTC datetimes.
- Appointment times (meeting start, task due date/time, commitment date) are the organizer's
  local wall-clock time, stored naive: a 7 pm huddle stays at 7 pm whatever the machine's zone.
- Deleting a supporter (erasure) cascades to everything held about them.
"""

from __future__ import annotations

import datetime as dt

from peewee import (
    BooleanField,
    CharField,
    DatabaseProxy,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
    TimeField,
)

db = DatabaseProxy()


def utcnow() -> dt.datetime:
    """Current UTC time, naive, to the second (the storage convention for record timestamps)."""
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)


class BaseModel(Model):
    class Meta:
        database = db
        legacy_table_names = False


# --- settings and the organizer ---------------------------------------------------------


class Setting(BaseModel):
    """Key/value settings; values are JSON text."""

    key = CharField(primary_key=True)
    value = TextField()


class OrganizerProfile(BaseModel):
    """The person using the app (one row), and the chapter's strategy text."""

    name = CharField(default="")
    chapter = CharField(default="")
    email = CharField(default="")
    phone = CharField(default="")
    national_vision = TextField(default="")
    local_vision = TextField(default="")
    purpose_script = TextField(default="")
    created_at = DateTimeField(default=utcnow)


class LadderStage(BaseModel):
    """A rung on the ladder of engagement (prospect → … → leader); editable."""

    key = CharField(unique=True)
    label = CharField()
    position = IntegerField(index=True)


class Label(BaseModel):
    """A tag, issue, skill or interest; `kind` says which."""

    KINDS = ("tag", "issue", "skill", "interest")

    kind = CharField()
    name = CharField()

    class Meta:
        indexes = ((("kind", "name"), True),)


# --- supporters -------------------------------------------------------------------------


class Supporter(BaseModel):
    first_name = CharField(default="")
    last_name = CharField(default="", index=True)
    preferred_name = CharField(default="")
    pronouns = CharField(default="")
    language = CharField(default="")
    street = CharField(default="")
    street2 = CharField(default="")
    city = CharField(default="", index=True)
    region = CharField(default="")
    postal_code = CharField(default="")
    country = CharField(default="")
    how_met = CharField(default="")
    referred_by = ForeignKeyField("self", null=True, backref="referrals", on_delete="SET NULL")
    stage = ForeignKeyField(LadderStage, null=True, backref="supporters", on_delete="SET NULL")
    background = TextField(default="")
    thank_you_preference = CharField(default="")  # card, email, call or "" (no preference)
    last_contact_at = DateTimeField(null=True, index=True)
    archived_at = DateTimeField(null=True, index=True)
    created_at = DateTimeField(default=utcnow, index=True)
    updated_at = DateTimeField(default=utcnow)

    @property
    def display_name(self) -> str:
        first = self.preferred_name or self.first_name
        return " ".join(part for part in (first, self.last_name) if part) or "(no name)"


class SupporterEmail(BaseModel):
    supporter = ForeignKeyField(Supporter, backref="emails", on_delete="CASCADE")
    address = CharField()
    address_norm = CharField(index=True)
    label = CharField(default="")
    position = IntegerField(default=0)


class SupporterPhone(BaseModel):
    supporter = ForeignKeyField(Supporter, backref="phones", on_delete="CASCADE")
    number = CharField()
    number_norm = CharField(index=True)
    label = CharField(default="")
    position = IntegerField(default=0)


class SupporterLabel(BaseModel):
    supporter = ForeignKeyField(Supporter, backref="label_links", on_delete="CASCADE")
    label = ForeignKeyField(Label, backref="supporter_links", on_delete="CASCADE")

    class Meta:
        indexes = ((("supporter", "label"), True), (("label", "supporter"), False))


class ConsentRecord(BaseModel):
    """One consent given or withdrawn; the latest record per channel is the current state."""

    CHANNELS = ("email_list", "phone_text", "social_mention", "photo", "share_chapter")

    supporter = ForeignKeyField(Supporter, backref="consents", on_delete="CASCADE")
    channel = CharField()
    granted = BooleanField()
    given_on = DateField(null=True)
    how = CharField(default="")
    recorded_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("supporter", "channel", "recorded_at"), False),)


class Touch(BaseModel):
    """A contact with a supporter outside a meeting: call, email, card, text, visit."""

    supporter = ForeignKeyField(Supporter, backref="touches", on_delete="CASCADE")
    kind = CharField()
    happened_at = DateTimeField(default=utcnow, index=True)
    note = TextField(default="")
    is_ask = BooleanField(default=False)


# --- organizer stories, actions, question sets ------------------------------------------


class Story(BaseModel):
    """One of the organizer's personal stories, tagged by issue."""

    title = CharField()
    body = TextField(default="")
    created_at = DateTimeField(default=utcnow)


class StoryLabel(BaseModel):
    story = ForeignKeyField(Story, backref="label_links", on_delete="CASCADE")
    label = ForeignKeyField(Label, on_delete="CASCADE")


class Action(BaseModel):
    """An upcoming chapter action or event, or one of the guide's suggested next steps."""

    title = CharField()
    description = TextField(default="")
    kind = CharField(default="local_action")  # huddle, campaign_action, local_action, ...
    starts_at = DateTimeField(null=True)
    place = CharField(default="")
    is_next_step = BooleanField(default=False)
    archived_at = DateTimeField(null=True)
    created_at = DateTimeField(default=utcnow)


class ActionLabel(BaseModel):
    action = ForeignKeyField(Action, backref="label_links", on_delete="CASCADE")
    label = ForeignKeyField(Label, on_delete="CASCADE")


class QuestionSet(BaseModel):
    name = CharField()
    language = CharField(default="en")
    is_default = BooleanField(default=False)
    created_at = DateTimeField(default=utcnow)


class Question(BaseModel):
    """A guiding question; `show_when` ("yes"/"no") makes it a branch of its parent's answer."""

    question_set = ForeignKeyField(QuestionSet, backref="questions", on_delete="CASCADE")
    parent = ForeignKeyField("self", null=True, backref="children", on_delete="CASCADE")
    position = IntegerField(default=0)
    number = CharField(default="")
    text = TextField()
    answer_kind = CharField(default="text")  # text, yes_no, choice
    show_when = CharField(null=True)
    options = TextField(default="[]")  # JSON list of the choices of a "choice" question
    hint = TextField(default="")  # a note shown under the question


class MeetingKind(BaseModel):
    """Introductory, planning or debrief; `agenda` is JSON: the steps and their prompts."""

    key = CharField(unique=True)
    label = CharField()
    agenda = TextField(default="[]")
    default_minutes = IntegerField(default=45)


# --- meetings and what comes out of them -------------------------------------------------


class Meeting(BaseModel):
    STATUSES = ("scheduled", "in_progress", "held", "cancelled")

    supporter = ForeignKeyField(Supporter, backref="meetings", on_delete="CASCADE")
    kind = ForeignKeyField(MeetingKind, null=True, on_delete="SET NULL")
    question_set = ForeignKeyField(QuestionSet, null=True, on_delete="SET NULL")
    status = CharField(default="scheduled", index=True)
    scheduled_at = DateTimeField(null=True, index=True)
    duration_minutes = IntegerField(default=45)
    place = CharField(default="")
    in_person = BooleanField(default=True)
    started_at = DateTimeField(null=True)
    ended_at = DateTimeField(null=True)
    purpose_explained = BooleanField(default=False)
    notes = TextField(default="")
    learned = TextField(default="")
    draft = TextField(default="")  # JSON of the wizard's unsaved state
    story = ForeignKeyField(Story, null=True, on_delete="SET NULL")  # the story told
    capture = TextField(default="{}")  # JSON: what the wizard captured without a column
    ical_uid = CharField(null=True, unique=True)  # UID when read from another calendar
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)


class Answer(BaseModel):
    """An answer, keeping the exact wording the question was asked with."""

    meeting = ForeignKeyField(Meeting, backref="answers", on_delete="CASCADE")
    question = ForeignKeyField(Question, null=True, on_delete="SET NULL")
    number = CharField(default="")
    question_text = TextField()
    answer = TextField(default="")
    yes_no = CharField(null=True)
    choice = TextField(null=True)  # the chosen option's exact wording


class Commitment(BaseModel):
    """What the supporter agreed to do: activity, date/time and goal; or "not yet"."""

    STATUSES = ("pending", "kept", "missed", "not_yet")

    supporter = ForeignKeyField(Supporter, backref="commitments", on_delete="CASCADE")
    meeting = ForeignKeyField(Meeting, null=True, backref="commitments", on_delete="SET NULL")
    action = ForeignKeyField(Action, null=True, on_delete="SET NULL")
    activity = CharField(default="")
    due_at = DateTimeField(null=True, index=True)
    goal = TextField(default="")
    status = CharField(default="pending", index=True)
    not_yet_reason = TextField(default="")
    ask_again_on = DateField(null=True)
    created_at = DateTimeField(default=utcnow)


class Promise(BaseModel):
    """What the organizer promised the supporter."""

    STATUSES = ("open", "kept", "broken")

    supporter = ForeignKeyField(Supporter, backref="promises", on_delete="CASCADE")
    meeting = ForeignKeyField(Meeting, null=True, backref="promises", on_delete="SET NULL")
    text = TextField()
    due_on = DateField(null=True, index=True)
    status = CharField(default="open", index=True)
    kept_at = DateTimeField(null=True)
    created_at = DateTimeField(default=utcnow)


class Task(BaseModel):
    """A follow-up task; `rrule` holds an RFC 5545 recurrence rule for repeating ones."""

    KINDS = (
        "thank_you",
        "commitment_reminder",
        "commitment_check",
        "promise",
        "check_in",
        "non_ask_update",
        "add_to_lists",
        "social_mention",
        "other",
    )
    STATUSES = ("open", "done", "snoozed", "skipped")

    supporter = ForeignKeyField(Supporter, null=True, backref="tasks", on_delete="CASCADE")
    meeting = ForeignKeyField(Meeting, null=True, backref="tasks", on_delete="SET NULL")
    commitment = ForeignKeyField(Commitment, null=True, backref="tasks", on_delete="CASCADE")
    promise = ForeignKeyField(Promise, null=True, backref="tasks", on_delete="CASCADE")
    kind = CharField(default="other")
    title = CharField()
    notes = TextField(default="")
    channel = CharField(default="")  # card, email, call, text
    due_on = DateField(index=True)
    due_time = TimeField(null=True)
    rrule = CharField(null=True)
    status = CharField(default="open", index=True)
    status_note = TextField(default="")
    snoozed_until = DateField(null=True)
    completed_at = DateTimeField(null=True)
    uid = CharField(unique=True)
    is_ask = BooleanField(default=False)  # doing it asks the person for something
    reminder_minutes = IntegerField(null=True)  # alarm this long before due (all-day: 9:00)
    exdates = TextField(default="")  # skipped occurrences: comma-separated YYYY-MM-DD
    created_at = DateTimeField(default=utcnow)


class StageChange(BaseModel):
    """A move on the ladder of engagement; positions are the rungs' order at the time."""

    supporter = ForeignKeyField(Supporter, backref="stage_changes", on_delete="CASCADE")
    from_stage = ForeignKeyField(LadderStage, null=True, backref="+", on_delete="SET NULL")
    to_stage = ForeignKeyField(LadderStage, null=True, backref="+", on_delete="SET NULL")
    from_position = IntegerField(null=True)
    to_position = IntegerField(null=True)
    meeting = ForeignKeyField(Meeting, null=True, backref="+", on_delete="SET NULL")
    changed_at = DateTimeField(default=utcnow, index=True)


class Template(BaseModel):
    """A printable or message template with {merge_fields}."""

    kind = CharField(default="card")  # card, graphic, email
    name = CharField()
    language = CharField(default="en")
    body = TextField(default="")
    options = TextField(default="{}")  # JSON: fonts, colours, layout choices
    created_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("kind", "name"), True),)


ALL_MODELS: tuple[type[BaseModel], ...] = (
    Setting,
    OrganizerProfile,
    LadderStage,
    Label,
    Supporter,
    SupporterEmail,
    SupporterPhone,
    SupporterLabel,
    ConsentRecord,
    Touch,
    Story,
    StoryLabel,
    Action,
    ActionLabel,
    QuestionSet,
    Question,
    MeetingKind,
    Meeting,
    Answer,
    Commitment,
    Promise,
    Task,
    StageChange,
    Template,
)
