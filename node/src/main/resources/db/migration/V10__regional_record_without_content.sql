-- regional_record keeps which records each origin shares now and at what scope; their content stays in
-- one place only, regional_payload (joined when read), so retraction has one copy to delete and the
-- projection does not copy and parse every payload.
ALTER TABLE regional_record DROP COLUMN share;
