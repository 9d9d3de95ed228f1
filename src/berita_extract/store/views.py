"""SQL views for the common questions, written in SQL that SQLite and PostgreSQL both accept."""

from __future__ import annotations

import sqlalchemy as sa

# Kemendagri codes nest by prefix: '33' provinsi, '33.21' kabupaten/kota, '33.21.12' kecamatan,
# '33.21.12.2017' desa/kelurahan, so a place's kabupaten and kecamatan codes are its code's prefixes.
# Names come from the article's own places with those codes, else from the place's `within`; when
# neither gives a kabupaten, the article's single kabupaten/kota (if it names exactly one) stands
# in, and kabupaten_from says so.
VIEWS: dict[str, str] = {
    # Lookups are joins on grouped (hence unique) keys, not correlated subqueries: PostgreSQL plans
    # them as hash joins, and a place named twice cannot duplicate rows.
    "v_place_regions": """
WITH kec_by_code AS (SELECT article_id, code, MIN(name) AS name FROM places
                     WHERE level = 'kecamatan' AND code IS NOT NULL GROUP BY article_id, code),
     kec_by_name AS (SELECT article_id, name, MIN(code) AS code FROM places
                     WHERE level = 'kecamatan' GROUP BY article_id, name),
     kab_by_code AS (SELECT article_id, code, MIN(name) AS name FROM places
                     WHERE level IN ('kabupaten', 'kota') AND code IS NOT NULL GROUP BY article_id, code),
     kab_by_name AS (SELECT article_id, name, MIN(code) AS code FROM places
                     WHERE level IN ('kabupaten', 'kota') GROUP BY article_id, name)
SELECT p.article_id, p.idx, p.name, p.level, p.code, p.within,
  CASE WHEN p.level = 'kecamatan' THEN p.name
       ELSE COALESCE(kc.name, CASE WHEN p.level IN ('desa', 'kelurahan', 'dusun', 'venue') THEN kw.name END)
  END AS kecamatan,
  CASE WHEN length(p.code) >= 8 THEN substr(p.code, 1, 8)
       WHEN p.level IN ('desa', 'kelurahan', 'dusun', 'venue') THEN kw.code
  END AS kecamatan_code,
  CASE WHEN p.level IN ('kabupaten', 'kota') THEN p.name
       ELSE COALESCE(kb.name, CASE WHEN p.level = 'kecamatan' THEN kbw.name END)
  END AS kabupaten,
  CASE WHEN length(p.code) >= 5 THEN substr(p.code, 1, 5)
       WHEN p.level = 'kecamatan' THEN kbw.code
  END AS kabupaten_code
FROM places p
LEFT JOIN kec_by_code kc ON kc.article_id = p.article_id AND length(p.code) >= 8
  AND kc.code = substr(p.code, 1, 8)
LEFT JOIN kec_by_name kw ON kw.article_id = p.article_id AND kw.name = p.within
LEFT JOIN kab_by_code kb ON kb.article_id = p.article_id AND length(p.code) >= 5
  AND kb.code = substr(p.code, 1, 5)
LEFT JOIN kab_by_name kbw ON kbw.article_id = p.article_id AND kbw.name = p.within""",
    "v_article_kabupaten": """
SELECT article_id, MIN(name) AS kabupaten, MIN(code) AS kabupaten_code
FROM places WHERE level IN ('kabupaten', 'kota')
GROUP BY article_id HAVING COUNT(DISTINCT name) = 1""",
    "v_clusters": """
WITH first_place AS (SELECT article_id, name, MIN(idx) AS idx FROM places GROUP BY article_id, name)
SELECT c.article_id, a.title AS article_title, a.published, a.url, c.idx AS cluster_idx,
  c.name, c.label, c.member_count, c.member_unit, c.place,
  r.level AS place_level, r.code AS place_code, r.kecamatan, r.kecamatan_code,
  COALESCE(r.kabupaten, ak.kabupaten) AS kabupaten,
  COALESCE(r.kabupaten_code, ak.kabupaten_code) AS kabupaten_code,
  CASE WHEN r.kabupaten IS NOT NULL THEN 'place' WHEN ak.kabupaten IS NOT NULL THEN 'article' END
    AS kabupaten_from
FROM clusters c
JOIN articles a ON a.id = c.article_id
LEFT JOIN first_place fp ON fp.article_id = c.article_id AND fp.name = c.place
LEFT JOIN v_place_regions r ON r.article_id = fp.article_id AND r.idx = fp.idx
LEFT JOIN v_article_kabupaten ak ON ak.article_id = c.article_id""",
    "v_cluster_totals": """
SELECT kabupaten, kabupaten_code, kecamatan, kecamatan_code,
  COUNT(*) AS clusters, COUNT(member_count) AS clusters_counted, CAST(SUM(member_count) AS BIGINT) AS members,
  COUNT(DISTINCT article_id) AS articles
FROM v_clusters GROUP BY kabupaten, kabupaten_code, kecamatan, kecamatan_code""",
    "v_officials": """
SELECT o.article_id, a.title AS article_title, a.published, a.url, o.idx AS official_idx,
  o.name, o.title, o.role, o.jurisdiction, o.organization,
  (SELECT COUNT(*) FROM mentions m WHERE m.article_id = o.article_id AND m.fact = 'officials'
     AND m.fact_index = o.idx) AS mentions
FROM officials o JOIN articles a ON a.id = o.article_id""",
    "v_official_roles": """
SELECT role, jurisdiction, name, COUNT(DISTINCT article_id) AS articles,
  MIN(published) AS first_published, MAX(published) AS last_published
FROM v_officials GROUP BY role, jurisdiction, name""",
    "v_failed_checks": """
SELECT c.article_id, a.title AS article_title, a.published, a.url, c.idx AS check_idx,
  c.kind, c.status, c.message, m.start, m."end", m.text AS mention_text
FROM checks c
JOIN articles a ON a.id = c.article_id
LEFT JOIN mentions m ON m.article_id = c.article_id AND m.fact = 'checks' AND m.fact_index = c.idx
  AND m.mention_index = 0
WHERE c.status = 'mismatch'""",
}


def drop_views(conn: sa.Connection) -> None:
    """Drop every view this module defines (dependants first)."""
    for name in reversed(list(VIEWS)):
        conn.exec_driver_sql(f"DROP VIEW IF EXISTS {name}")


def create_views(conn: sa.Connection) -> None:
    """(Re)create every view from its current definition."""
    drop_views(conn)
    for name, body in VIEWS.items():
        conn.exec_driver_sql(f"CREATE VIEW {name} AS {body.strip()}")
