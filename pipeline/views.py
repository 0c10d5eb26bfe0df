"""SQL views that answer an analyst's first questions over the resolved store.

- `v_facts`: every fact with its document, page, language, surface and a readable value.
- `v_agreements`: one row per agreement entity (kind, parties, date, place, sources).
- `v_events`: the timeline of meetings and other events, one row per event entity.
- `v_conflicts`: each value of each disagreement, with its document, surface and as-of date.
- `v_partner_countries`: each partner country with its bilateral document and latest counts.

Plain SQL (joins, CASE, correlated subqueries) that SQLite and PostgreSQL both run;
`group_concat` is SQLite's, and pipeline/postgres.py defines it on PostgreSQL. Lists are
joined in a stated order (`ordered_list`), never in whatever order a database scans rows, so
both give the same answers. A view is dropped and recreated only when its definition changed,
so opening a store does not write to it otherwise.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

# The JCM is Japan's: a partner country is the other party of a bilateral document.
HOME = "JPN"

# A number as text without a trailing ".0" for whole values. Whole within a billionth: a
# product like 8.2 * 10**6 is 8199999.999999999, which SQLite prints with 15 digits
# (8200000.0) and PostgreSQL with all it needs. BIGINT: money exceeds 2**31.
_NUM = ("CASE WHEN ABS({v} - ROUND({v})) <= 0.000000001 * ABS({v}) "
        "THEN CAST(CAST(ROUND({v}) AS BIGINT) AS TEXT) ELSE CAST({v} AS TEXT) END")


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

# The project counts of partner country e.id in its latest documents that give any.
_LATEST_PROJECTS = """fact_counts n JOIN documents d ON d.id = n.document_id
          WHERE n.unit = 'project' AND n.subject = e.id AND d.published = (
            SELECT MAX(d2.published) FROM fact_counts n2 JOIN documents d2 ON d2.id = n2.document_id
            WHERE n2.unit = 'project' AND n2.subject = e.id)"""

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
    "v_conflicts": """
SELECT c.conflict, c.topic, c.subject, c.attribute, c.value, c.as_of, d.doc, d.lang,
       m.page, m.surface
FROM conflicts c
JOIN documents d ON d.id = c.document_id
JOIN mentions m ON m.id = c.mention_id""",
    "v_partner_countries": f"""
SELECT DISTINCT e.id AS iso3, e.name_en, e.name_ja, e.name_vi,
       a.kind AS agreement_kind, a.date AS agreement_date, a.n_documents AS agreement_documents,
       {ordered_list("d.doc", "agreement_sources s JOIN documents d ON d.id = s.document_id "
                     "WHERE s.agreement_id = a.id", "s.id", distinct=True)} AS agreement_sources,
       (SELECT COUNT(DISTINCT p2.agreement_id) FROM agreement_parties p2
          WHERE p2.nation = e.id) AS n_agreements,
       (SELECT COUNT(DISTINCT ep.event_id) FROM event_parties ep WHERE ep.nation = e.id) AS n_events,
       (SELECT MAX(d.published) FROM fact_counts n JOIN documents d ON d.id = n.document_id
          WHERE n.unit = 'project' AND n.subject = e.id) AS projects_as_of,
       {ordered_list(f"COALESCE(n.what, 'projects') || '=' || {_NUM.format(v='n.value')}",
                     _LATEST_PROJECTS, "d.doc, n.id", sep="; ")} AS project_counts,
       {ordered_list("d.doc", _LATEST_PROJECTS, "d.doc", distinct=True)} AS project_counts_source
FROM agreements a
JOIN agreement_parties p ON p.agreement_id = a.id
JOIN entities e ON e.id = p.nation AND e.kind = 'country'
WHERE a.kind = 'bilateral_document' AND p.nation <> '{HOME}'""",
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
