-- The case list's filters on a registry of a million attacks (issue 21, ADR 0031). The list is paged by
-- cursor in the order (occurred_from, recorded_at, attack_id), newest first (ADR 0019); a filter whose
-- cases are few must not read the whole period index to fill a page, nor sort all its cases.
--
-- The subdivision's index gains the list's order after the subdivision: a subdivision's page is a
-- backward walk from the cursor, and the cursor itself is a condition of the index. It replaces the
-- index on the subdivision alone, so a recorded attack adds no index entry for it; new cases of a
-- subdivision still land together at its latest dates.
--
-- The verification status gets the same kind of index: a rare status ("dismissed", a few per cent),
-- alone or with a rare aggression type, otherwise walks a large part of the period index. Each recorded
-- attack adds one entry, at the end of its status's latest dates (four places in all).
--
-- Aggression types and groups keep no index (ADR 0016): their pages walk the period index or one of
-- these two. A GIN index over them was measured and left out: it made the planner choose bitmap scans
-- and sorts that were slower on combined filters (docs/benchmarks.md).
DROP INDEX case_summary_subdivision_idx;
CREATE INDEX case_summary_subdivision_idx ON case_summary (subdivision, occurred_from, recorded_at, attack_id);
CREATE INDEX case_summary_status_idx ON case_summary (verification_status, occurred_from, recorded_at, attack_id);
