-- The federation log's processor reads an attack's content from the event store when it computes a
-- share, and keeps rows only for attacks that can be shared: those naming a defender or with a consent
-- of their own (ADR 0018). The copies of the content go; existing rows stay valid as they are.
ALTER TABLE federation_attack
    DROP COLUMN facts,
    DROP COLUMN classification,
    DROP COLUMN sharing_summary;
