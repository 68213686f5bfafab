-- Event payloads over 2 kB (an aggregator's batch of stored entries, about 64 kB of JSON) were
-- compressed by PostgreSQL with pglz on every insert, a CPU cost paid on the aggregator's hot path
-- for a modest saving of space (the leaves in them are hashes and random bytes). They are still kept
-- out of line (TOAST), only not compressed. Smaller payloads (a national node's events) never were.
ALTER TABLE domainevententry ALTER COLUMN payload SET STORAGE EXTERNAL;
