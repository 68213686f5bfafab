-- Indexes and column types of the national read models, matched to the queries that read them
-- (ADR 0016).
--
-- The case list filters by aggression type or group with `= ANY (array)`, which a GIN index never
-- serves: both indexes cost every recorded attack and answered no query. The list walks the period
-- index and applies the other filters as it goes.
DROP INDEX case_summary_types_idx;
DROP INDEX case_summary_groups_idx;

-- The log's processor looks up a defender's attacks when her consent changes. The index is now used
-- (the query says `defenders @> ARRAY[code]`), and holds only attacks that name defenders: the others
-- never match such a query.
DROP INDEX federation_attack_defenders_idx;
CREATE INDEX federation_attack_defenders_idx ON federation_attack USING GIN (defenders)
    WHERE cardinality(defenders) > 0;

-- JSON that only the node writes and reads back whole, never queried inside by SQL: kept as text, so
-- PostgreSQL does not parse it into jsonb on every write and print it back on every read.
ALTER TABLE case_summary
    ALTER COLUMN facts TYPE TEXT,
    ALTER COLUMN classification TYPE TEXT,
    ALTER COLUMN personal TYPE TEXT;
ALTER TABLE federation_attack
    ALTER COLUMN facts TYPE TEXT,
    ALTER COLUMN classification TYPE TEXT;
