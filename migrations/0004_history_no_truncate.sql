-- TRUNCATE bypasses row triggers: refuse it too, so the history can only grow.
CREATE TRIGGER case_events_no_truncate
  BEFORE TRUNCATE ON case_events
  FOR EACH STATEMENT EXECUTE FUNCTION case_events_append_only();
