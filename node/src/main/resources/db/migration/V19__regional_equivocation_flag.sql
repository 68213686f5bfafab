-- When the aggregator first found an origin's log key signing two histories (EquivocationDetectedEvent
-- holds the evidence); null while none was found. What the regional team sees as the node's state.
ALTER TABLE regional_log_state ADD COLUMN equivocation_detected_at timestamptz;
