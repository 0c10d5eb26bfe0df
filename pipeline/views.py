"""SQL views that answer an analyst's first questions over the resolved store.

- `v_facts`: every fact with its document, page, language, surface and a readable value.
- `v_agreements`: one row per agreement entity (kind, parties, date, place, sources).
- `v_events`: the timeline of meetings and other events, one row per event entity.
- `v_counts`: every count with its measure, subject, period, as-of date (stated, else the
  document's publication date), value and source.
- `v_conflicts`: each value of each disagreement, with its document, surface and as-of date
  (and, for counts, the measure and period, which all values of one conflict share).
- `v_partner_countries`: each partner country with its bilateral document and, per measure
  (registered, issued, selected, supported projects), the latest value, its as-of date and
  its source document.

Plain SQL (joins, CASE, correlated subqueries); `group_concat` is the one SQLite/MySQL-only
function. A view is dropped and recreated only when its definition changed, so opening a
store does not write to it otherwise.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

# The JCM is Japan's: a partner country is the other party of a bilateral document.
HOME = "JPN"

# A number as text without a trailing ".0" for whole values.
_NUM = ("CASE WHEN {v} = CAST({v} AS INTEGER) THEN CAST(CAST({v} AS INTEGER) AS TEXT) "
        "ELSE CAST({v} AS TEXT) END")
# The same as a number that is an integer when whole (21, not 21.0).
_VALUE = "CASE WHEN {v} = CAST({v} AS INTEGER) THEN CAST({v} AS INTEGER) ELSE {v} END"
# Running totals a partner country's row gives, each the latest (by as-of date) exact figure.
PARTNER_MEASURES = ("registered_projects", "issued_projects", "selected_projects", "supported_projects")
_LATEST = """(SELECT c.{column} FROM v_counts c WHERE c.subject = e.id AND c.measure = '{measure}'
          AND c.period IS NULL AND c.qualifier IS NULL
          ORDER BY c.as_of IS NULL, c.as_of DESC, c.as_of_from = 'published', c.doc LIMIT 1)"""


def _latest_columns() -> str:
    """Per partner measure: its latest value, that value's as-of date and its document."""
    return ",\n       ".join(
        f"{_LATEST.format(column=column, measure=m)} AS {m}{suffix}"
        for m in PARTNER_MEASURES
        for column, suffix in (("value", ""), ("as_of", "_as_of"), ("doc", "_source")))


_SOURCE_DOCS = """(SELECT group_concat(DISTINCT d.doc) FROM {table} s
      JOIN documents d ON d.id = s.document_id WHERE s.{fk} = x.id)"""
_SOURCE_LANGS = """(SELECT group_concat(DISTINCT d.lang) FROM {table} s
      JOIN documents d ON d.id = s.document_id WHERE s.{fk} = x.id)"""
_PARTY_NAMES = """(SELECT group_concat(COALESCE(e.name_en, p.party), '; ') FROM {table} p
      LEFT JOIN entities e ON e.id = p.party WHERE p.{fk} = x.id)"""


def _entity_view(topic: str, head: str, middle: str) -> str:
    """One row per resolved agreement or event: its columns, party names, source languages and
    documents, and whether a conflict names it."""
    parties, sources = f"{topic}_parties", f"{topic}_sources"
    fk = f"{topic}_id"
    return f"""
SELECT {head},
       {_PARTY_NAMES.format(table=parties, fk=fk)} AS party_names,
       {middle}, x.n_sources, x.n_documents,
       {_SOURCE_LANGS.format(table=sources, fk=fk)} AS languages,
       {_SOURCE_DOCS.format(table=sources, fk=fk)} AS documents,
       CASE WHEN EXISTS (SELECT 1 FROM conflicts c WHERE c.topic = '{topic}'
                         AND c.subject = x.key) THEN 1 ELSE 0 END AS has_conflict,
       x.key
FROM {topic}s x"""

VIEWS: dict[str, str] = {
    "v_facts": f"""
SELECT d.doc, d.lang AS doc_lang, d.published, m.field, m.page, m.block_idx AS block,
       m.start, m."end", m.lang, m.surface,
       CASE m.field
         WHEN 'countries' THEN fc.iso3
         WHEN 'dates' THEN fd.value
         WHEN 'counts' THEN {_NUM.format(v="fn.value")} || ' ' || fn.unit
              || COALESCE(' subject=' || fn.subject, '') || COALESCE(' what=' || fn.what, '')
              || COALESCE(' ' || fn.qualifier, '')
         WHEN 'money' THEN {_NUM.format(v="fm.value")} || ' ' || fm.currency
              || CASE WHEN fm.approx THEN ' approx' ELSE '' END
         WHEN 'organizations' THEN fo.org_id
         WHEN 'agreements' THEN fa.kind || ' [' || fa.parties || '] ' || COALESCE(fa.date, '-')
              || COALESCE(' @' || fa.place, '')
         WHEN 'events' THEN fe.kind || COALESCE(' #' || CAST(fe.ordinal AS TEXT), '') || ' '
              || COALESCE(fe.date, '-') || COALESCE(' @' || fe.place, '')
       END AS value,
       m.extractor, m.rule, m.id AS mention_id
FROM mentions m
JOIN documents d ON d.id = m.document_id
LEFT JOIN fact_countries fc ON fc.mention_id = m.id
LEFT JOIN fact_dates fd ON fd.mention_id = m.id
LEFT JOIN fact_counts fn ON fn.mention_id = m.id
LEFT JOIN fact_money fm ON fm.mention_id = m.id
LEFT JOIN fact_organizations fo ON fo.mention_id = m.id
LEFT JOIN fact_agreements fa ON fa.mention_id = m.id
LEFT JOIN fact_events fe ON fe.mention_id = m.id""",
    "v_agreements": _entity_view("agreement", "x.id, x.kind, x.parties", "x.date, x.place"),
    "v_events": _entity_view("event", "x.id, x.date, x.kind, x.ordinal, x.place, x.parties", "x.parties_from"),
    "v_counts": f"""
SELECT n.id, d.doc, d.lang AS doc_lang, n.measure, n.subject, n.period,
       COALESCE(n.as_of, d.published) AS as_of,
       CASE WHEN n.as_of IS NOT NULL THEN 'stated'
            WHEN d.published IS NOT NULL THEN 'published' END AS as_of_from,
       {_VALUE.format(v="n.value")} AS value, n.unit, n.qualifier, n.what, m.surface, m.page,
       m.rule, n.mention_id
FROM fact_counts n
JOIN documents d ON d.id = n.document_id
JOIN mentions m ON m.id = n.mention_id""",
    "v_conflicts": """
SELECT c.conflict, c.topic, c.subject, c.attribute, c.value, c.as_of, d.doc, d.lang,
       m.page, m.surface, fn.measure, fn.period
FROM conflicts c
JOIN documents d ON d.id = c.document_id
JOIN mentions m ON m.id = c.mention_id
LEFT JOIN fact_counts fn ON fn.mention_id = c.mention_id""",
    "v_partner_countries": f"""
SELECT DISTINCT e.id AS iso3, e.name_en, e.name_ja, e.name_vi,
       a.kind AS agreement_kind, a.date AS agreement_date, a.n_documents AS agreement_documents,
       (SELECT group_concat(DISTINCT d.doc) FROM agreement_sources s
          JOIN documents d ON d.id = s.document_id WHERE s.agreement_id = a.id) AS agreement_sources,
       (SELECT COUNT(DISTINCT p2.agreement_id) FROM agreement_parties p2
          WHERE p2.nation = e.id) AS n_agreements,
       (SELECT COUNT(DISTINCT ep.event_id) FROM event_parties ep WHERE ep.nation = e.id) AS n_events,
       {_latest_columns()}
FROM agreements a
JOIN agreement_parties p ON p.agreement_id = a.id
JOIN entities e ON e.id = p.nation AND e.kind = 'country'
WHERE a.kind = 'bilateral_document' AND p.nation <> '{HOME}'""",
}


def _normal(sql: str) -> str:
    return " ".join(sql.split())


def create_views(conn: Connection) -> None:
    """Create each view, replacing one whose stored definition differs from ours."""
    for name, body in VIEWS.items():
        ddl = f"CREATE VIEW {name} AS {body.strip()}"
        stored = conn.execute(
            text("SELECT sql FROM sqlite_master WHERE type = 'view' AND name = :n"), {"n": name}
        ).scalar()
        if stored is not None and _normal(stored) == _normal(ddl):
            continue
        conn.execute(text(f"DROP VIEW IF EXISTS {name}"))
        conn.execute(text(ddl))
