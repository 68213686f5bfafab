-- The case read model keeps only what the case list filters on and shows, and what the events do not
-- say by themselves (the corrections count, when the case was recorded and last changed). The facts,
-- the classification and the sharing summary were copies of the attack's events, written for every
-- attack and read only by the case detail; the detail now reads them from the attack's event stream,
-- as it already did for the personal data (ADR 0018, addendum).
ALTER TABLE case_summary
    DROP COLUMN facts,
    DROP COLUMN classification,
    DROP COLUMN sharing_summary;
