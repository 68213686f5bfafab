-- What each origin shares now is read from the content the intake keeps, not projected into a table of
-- its own (ADR 0022). The content of a record's every entry is deleted in the transaction that stores
-- its retraction, so a record is shared now exactly while some entry about it still has content; its
-- latest such entry is the one that counts. The scope is read from the content when it is stored, in
-- the same transaction, and deleted with it.
ALTER TABLE regional_payload ADD COLUMN scope VARCHAR(16);

-- The content already stored: its scope, as ShareScope reads it (the top-level "scope" string of at
-- most 16 characters, otherwise "unknown", also for content that is not well-formed JSON).
CREATE FUNCTION pg_temp.share_scope(content BYTEA) RETURNS VARCHAR(16) LANGUAGE plpgsql AS $$
DECLARE
    share JSONB;
BEGIN
    share := convert_from(content, 'UTF8')::jsonb;
    IF jsonb_typeof(share) = 'object' AND jsonb_typeof(share -> 'scope') = 'string'
            AND char_length(share ->> 'scope') <= 16 THEN
        RETURN share ->> 'scope';
    END IF;
    RETURN 'unknown';
EXCEPTION WHEN OTHERS THEN
    RETURN 'unknown';
END
$$;
UPDATE regional_payload SET scope = pg_temp.share_scope(payload);
ALTER TABLE regional_payload ALTER COLUMN scope SET NOT NULL;

DROP TABLE regional_record;
CREATE VIEW regional_record AS
    SELECT DISTINCT ON (origin, target_id) origin, target_id, log_index AS last_index, scope
    FROM regional_payload
    ORDER BY origin, target_id, log_index DESC;

-- The processor that kept the table is gone; its position means nothing any more.
DELETE FROM tokenentry WHERE processorname = 'regional-records';
DROP FUNCTION pg_temp.share_scope(BYTEA);
