-- The case read model keeps no copy of an attack's sealed personal data: a registrar's read unseals it
-- from the attack's event stream (ADR 0018). Erasure still works by destroying the attack's data key.
ALTER TABLE case_summary DROP COLUMN personal;
