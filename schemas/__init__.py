"""Records and store models shared by all stages. Imports nothing of ours."""

from schemas.records import (
    FIELDS,
    LANGS,
    MENTION_TYPES,
    AgreementMention,
    Block,
    Cell,
    CountMention,
    CountryMention,
    DateMention,
    Document,
    EventMention,
    Mention,
    MoneyMention,
    OrgMention,
    Table,
)

__all__ = [
    "FIELDS", "LANGS", "MENTION_TYPES", "AgreementMention", "Block", "Cell", "CountMention",
    "CountryMention", "DateMention", "Document", "EventMention", "Mention", "MoneyMention",
    "OrgMention", "Table",
]
