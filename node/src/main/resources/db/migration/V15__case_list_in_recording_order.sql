-- The case list's index, ordered so that new cases land next to each other (ADR 0019).
--
-- It was (occurred_from DESC, attack_id): attack ids are random, so each new case went to a random
-- page of the index, dirtying a page (and, after each checkpoint, writing it whole to the WAL) for
-- every attack recorded. Ordered by when the case was recorded after its date, a day's new cases go
-- to the end of that day's entries. The list reads it backwards: newest date first, and within a date
-- the latest recorded first.
DROP INDEX case_summary_period_idx;
CREATE INDEX case_summary_period_idx ON case_summary (occurred_from, recorded_at, attack_id);
