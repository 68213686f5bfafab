-- The aggregator's indexes, matched to the queries that read them (ADR 0016), as V12 did for the
-- national read models.
--
-- No query looks up content by record: content is read and deleted by (origin, log_index), the
-- primary key, and the ledger knows which indices belong to a record. The index by (origin, target_id)
-- cost every stored entry an insertion at a random page (record ids are random), and answered nothing.
DROP INDEX regional_payload_target_idx;
-- No query reads regional_record by scope yet; the query that does will add the index it needs.
DROP INDEX regional_record_scope_idx;
