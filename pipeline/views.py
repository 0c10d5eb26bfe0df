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

Plain SQL (joins, CASE, correlated subqueries) that SQLite and PostgreSQL both run;
`group_concat` is SQLite's, and pipeline/postgres.py defines it on PostgreSQL. Lists are
joined in a stated order (`ordered_list`), never in whatever order a database scans rows, so
both give the same answers. A view is dropped and recreated only when its definition changed,
so opening a store does not write to it otherwise.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from schemas.records import JCM_HOME  # a partner country is the other party of a bilateral document

# A number as text without a trailing ".0" for whole values. Whole within a billionth: a
# product like 8.2 * 10**6 is 8199999.999999999, which SQLite prints with 15 digits
# (8200000.0) and PostgreSQL with all it needs. BIGINT: money exceeds 2**31.
_NUM = ("CASE WHEN ABS({v} - ROUND({v})) <= 0.000000001 * ABS({v}) "
        "THEN CAST(CAST(ROUND({v}) AS BIGINT) AS TEXT) ELSE CAST({v} AS TEXT) END")

# The same as a number that is an integer when whole (21, not 21.0).
_VALUE = "CASE WHEN {v} = CAST({v} AS BIGINT) THEN CAST({v} AS BIGINT) ELSE {v} END"
# Running totals a partner country's row gives, each the latest (by as-of date) exact figure.
PARTNER_MEASURES = ("registered_projects", "issued_projects", "selected_projects", "supported_projects")
_LATEST = """(SELECT c.{column} FROM v_counts c WHERE c.subject = e.id AND c.measure = '{measure}'
          AND c.period IS NULL AND c.qualifier IS NULL
          ORDER BY c.as_of IS NULL, c.as_of DESC, c.as_of_from = 'published', c.doc LIMIT 1)"""


# A partner has one bilateral document: when its sources could not be merged (a yearless day
# that contradicts a dated one), the row shows the dated one that most documents give.
_SIGNING = """(SELECT a2.id FROM agreements a2 JOIN agreement_parties p2 ON p2.agreement_id = a2.id
          WHERE a2.kind = 'bilateral_document' AND p2.nation = e.id
          ORDER BY CASE WHEN a2.date IS NULL THEN 2 WHEN a2.date LIKE '--%' THEN 1 ELSE 0 END,
                   a2.n_documents DESC, a2.id LIMIT 1)"""


def _latest_columns() -> str:
    """Per partner measure: its latest value, that value's as-of date and its document."""
    return ",\n       ".join(
        f"{_LATEST.format(column=column, measure=m)} AS {m}{suffix}"
        for m in PARTNER_MEASURES
        for column, suffix in (("value", ""), ("as_of", "_as_of"), ("doc", "_source")))


def ordered_list(value: str, rows: str, order: str, sep: str = ",", distinct: bool = False) -> str:
    """A subquery joining `value` over `rows` (FROM ... WHERE ...) with `sep`, in `order`;
    `distinct`: each value once, at its first place in that order.

    SQLite (before 3.44) has no ORDER BY inside an aggregate; both databases join the rows of
    an ordered subquery in its order. Order by ids (whose order within one document or one
    resolution is the same in every store) or by document name (a PostgreSQL store is created
    with the C collation, so text sorts byte by byte there as in SQLite)."""
    if distinct:
        inner = f"SELECT {value} AS v, MIN({order}) AS o FROM {rows} GROUP BY {value}"
        return f"(SELECT group_concat(v, '{sep}') FROM ({inner} ORDER BY o) AS t)"
    return f"(SELECT group_concat(v, '{sep}') FROM (SELECT {value} AS v FROM {rows} ORDER BY {order}) AS t)"


_SOURCES = "{table} s JOIN documents d ON d.id = s.document_id WHERE s.{fk} = x.id"
_SOURCE_DOCS = ordered_list("d.doc", _SOURCES, "s.id", distinct=True)
_SOURCE_LANGS = ordered_list("d.lang", _SOURCES, "s.id", distinct=True)
_PARTY_NAMES = ordered_list("COALESCE(e.name_en, p.party)",
                            "{table} p LEFT JOIN entities e ON e.id = p.party WHERE p.{fk} = x.id",
                            "p.id", sep="; ")


def _entity_view(topic: str, head: str, middle: str) -> str:
    """One row per resolved agreement or event: its columns, party names, source languages and
    documents, whether a conflict names it, and its year (a facet in Datasette)."""
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
       x.key,
       CASE WHEN x.date NOT LIKE '-%' THEN substr(x.date, 1, 4) END AS year
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
       {ordered_list("d.doc", "agreement_sources s JOIN documents d ON d.id = s.document_id "
                     "WHERE s.agreement_id = a.id", "s.id", distinct=True)} AS agreement_sources,
       (SELECT COUNT(DISTINCT p2.agreement_id) FROM agreement_parties p2
          WHERE p2.nation = e.id) AS n_agreements,
       (SELECT COUNT(DISTINCT ep.event_id) FROM event_parties ep WHERE ep.nation = e.id) AS n_events,
       {_latest_columns()}
FROM agreements a
JOIN agreement_parties p ON p.agreement_id = a.id
JOIN entities e ON e.id = p.nation AND e.kind = 'country'
WHERE a.kind = 'bilateral_document' AND p.nation <> '{JCM_HOME}'
  AND a.id = {_SIGNING}""",
}


def _normal(sql: str) -> str:
    return " ".join(sql.split())


def create_views(conn: Connection) -> None:
    """Create each view, replacing one whose stored definition differs from ours."""
    postgresql = conn.dialect.name == "postgresql"
    for name, body in VIEWS.items():
        ddl = f"CREATE VIEW {name} AS {body.strip()}"
        if _normal(_stored(conn, name) or "") == _normal(ddl):
            continue
        conn.execute(text(f"DROP VIEW IF EXISTS {name}" + (" CASCADE" if postgresql else "")))
        conn.execute(text(ddl))
        if postgresql:  # PostgreSQL keeps a view's parsed form, not its text: keep ours beside it
            literal = ddl.replace("'", "''").replace(":", "\\:")  # \: is a colon, not a parameter
            conn.execute(text(f"COMMENT ON VIEW {name} IS '{literal}'"))


def _stored(conn: Connection, name: str) -> str | None:
    """The definition a view was created with, None when there is no such view."""
    if conn.dialect.name == "postgresql":
        return conn.execute(text("SELECT obj_description(to_regclass(:n), 'pg_class')"), {"n": name}).scalar()
    return conn.execute(
        text("SELECT sql FROM sqlite_master WHERE type = 'view' AND name = :n"), {"n": name}
    ).scalar()
