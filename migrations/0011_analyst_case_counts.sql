-- The analyst pages at a million cases (issue 12): counts per state and overdue ones kept with the other counts
-- instead of counted from the cases, the case's dimensions copied into analyst_case_ways for the transition case
-- lists, and the cases' analyst indexes ordered by the last change (the lists' order). Written by drizzle-kit
-- generate, then ordered by hand: the ways are emptied before the new NOT NULL columns and refilled before their
-- index is built.
TRUNCATE analyst_case_ways;
--> statement-breakpoint
DROP INDEX "cases_analyst_center_idx";
--> statement-breakpoint
DROP INDEX "analyst_case_ways_way_idx";
--> statement-breakpoint
DROP INDEX "cases_procedure_state_idx";
--> statement-breakpoint
DROP INDEX "cases_analyst_year_idx";
--> statement-breakpoint
ALTER TABLE "analyst_case_ways" ADD COLUMN "procedure" text NOT NULL;
--> statement-breakpoint
ALTER TABLE "analyst_case_ways" ADD COLUMN "fiscal_year" integer NOT NULL;
--> statement-breakpoint
ALTER TABLE "analyst_case_ways" ADD COLUMN "school_org_id" uuid NOT NULL;
--> statement-breakpoint
ALTER TABLE "analyst_case_ways" ADD COLUMN "center_org_id" uuid;
--> statement-breakpoint
INSERT INTO analyst_case_ways (case_id, type, from_state, to_state, procedure, fiscal_year, school_org_id, center_org_id)
SELECT DISTINCT e.case_id, e.type, e.from_state, e.to_state, c.procedure, c.fiscal_year, c.school_org_id, c.center_org_id
FROM case_events e JOIN cases c ON c.id = e.case_id WHERE e.from_state IS NOT NULL;
--> statement-breakpoint
CREATE INDEX "analyst_counts_k1_idx" ON "analyst_counts" USING btree ("procedure","kind","k1");
--> statement-breakpoint
CREATE INDEX "cases_analyst_recent_idx" ON "cases" USING btree ("procedure","updated_at" DESC NULLS FIRST,"id");
--> statement-breakpoint
CREATE INDEX "analyst_case_ways_way_idx" ON "analyst_case_ways" USING btree ("procedure","type","from_state","to_state","school_org_id","fiscal_year","center_org_id","case_id");
--> statement-breakpoint
CREATE INDEX "cases_procedure_state_idx" ON "cases" USING btree ("procedure","state","updated_at" DESC NULLS FIRST,"id");
--> statement-breakpoint
CREATE INDEX "cases_analyst_year_idx" ON "cases" USING btree ("procedure","fiscal_year","updated_at" DESC NULLS FIRST,"id");
--> statement-breakpoint
-- The count keys of a case as it is now: (now, state, status) always; (due, YYYY-MM-DD, state) while it is active
-- with a due date, so that the overdue cases of a day are the due counts of the days before it.
CREATE FUNCTION analyst_case_keys(state text, status text, next_due date) RETURNS TABLE (kind text, k1 text, k2 text) LANGUAGE sql STABLE AS $$
  SELECT 'now', state, status
  UNION ALL
  SELECT 'due', to_char(next_due, 'YYYY-MM-DD'), state WHERE status = 'active' AND next_due IS NOT NULL $$;
--> statement-breakpoint
-- Statement triggers on cases: one INSERT of the net deltas per statement (a step, or a group of timer firings),
-- none when no counted column changed (the +1 and -1 cancel).
CREATE FUNCTION analyst_cases_ai() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO analyst_count_deltas (procedure, kind, fiscal_year, center_org_id, school_org_id, k1, k2, k3, n)
  SELECT r.procedure, k.kind, r.fiscal_year, coalesce(r.center_org_id, '00000000-0000-0000-0000-000000000000'), '00000000-0000-0000-0000-000000000000', k.k1, k.k2, '', count(*)
  FROM new_cases r CROSS JOIN LATERAL analyst_case_keys(r.state, r.status, r.next_due) k
  GROUP BY 1, 2, 3, 4, 6, 7;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION analyst_cases_au() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO analyst_count_deltas (procedure, kind, fiscal_year, center_org_id, school_org_id, k1, k2, k3, n)
  SELECT r.procedure, k.kind, r.fiscal_year, coalesce(r.center_org_id, '00000000-0000-0000-0000-000000000000'), '00000000-0000-0000-0000-000000000000', k.k1, k.k2, '', sum(r.n)
  FROM (
    SELECT procedure, fiscal_year, center_org_id, state, status, next_due, -1 AS n FROM old_cases
    UNION ALL
    SELECT procedure, fiscal_year, center_org_id, state, status, next_due, 1 FROM new_cases
  ) r CROSS JOIN LATERAL analyst_case_keys(r.state, r.status, r.next_due) k
  GROUP BY 1, 2, 3, 4, 6, 7 HAVING sum(r.n) <> 0;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION analyst_cases_ad() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO analyst_count_deltas (procedure, kind, fiscal_year, center_org_id, school_org_id, k1, k2, k3, n)
  SELECT r.procedure, k.kind, r.fiscal_year, coalesce(r.center_org_id, '00000000-0000-0000-0000-000000000000'), '00000000-0000-0000-0000-000000000000', k.k1, k.k2, '', -count(*)
  FROM old_cases r CROSS JOIN LATERAL analyst_case_keys(r.state, r.status, r.next_due) k
  GROUP BY 1, 2, 3, 4, 6, 7;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER analyst_cases_ai AFTER INSERT ON cases REFERENCING NEW TABLE AS new_cases FOR EACH STATEMENT EXECUTE FUNCTION analyst_cases_ai();
--> statement-breakpoint
CREATE TRIGGER analyst_cases_au AFTER UPDATE ON cases REFERENCING OLD TABLE AS old_cases NEW TABLE AS new_cases FOR EACH STATEMENT EXECUTE FUNCTION analyst_cases_au();
--> statement-breakpoint
CREATE TRIGGER analyst_cases_ad AFTER DELETE ON cases REFERENCING OLD TABLE AS old_cases FOR EACH STATEMENT EXECUTE FUNCTION analyst_cases_ad();
--> statement-breakpoint
-- As in 0010, the ways now with the case's dimensions.
CREATE OR REPLACE FUNCTION analyst_case_events_ai() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  c record;
  r record;
  at_us bigint := analyst_us(NEW.at);
  p text;
  b integer;
  rc integer;
  old_key text;
  path_row analyst_case_paths%ROWTYPE;
BEGIN
  SELECT id, procedure, fiscal_year, school_org_id, center_org_id, snapshot INTO c FROM cases WHERE id = NEW.case_id;
  IF NOT FOUND THEN RETURN NULL; END IF;

  -- Stays: the open stay (the previous event's state and its parents) ends at this event.
  FOR r IN
    UPDATE analyst_case_states SET closed_us = closed_us + greatest(0, at_us - open_us), open_us = NULL,
           bucket = analyst_bucket(closed_us + greatest(0, at_us - open_us))
    WHERE case_id = NEW.case_id AND open_us IS NOT NULL RETURNING state, bucket
  LOOP
    PERFORM analyst_bump(c.procedure, 'stay', c.fiscal_year, c.center_org_id, NULL, r.state, r.bucket::text, '', 1);
  END LOOP;
  -- …and a stay in the new state (and its parents) begins.
  FOR p IN SELECT analyst_prefixes(NEW.to_state) LOOP
    SELECT bucket INTO b FROM analyst_case_states WHERE case_id = NEW.case_id AND state = p;
    IF FOUND THEN
      PERFORM analyst_bump(c.procedure, 'stay', c.fiscal_year, c.center_org_id, NULL, p, b::text, '', -1);
      UPDATE analyst_case_states SET open_us = at_us, bucket = NULL WHERE case_id = NEW.case_id AND state = p;
    ELSE
      INSERT INTO analyst_case_states (case_id, state, procedure, fiscal_year, school_org_id, center_org_id, closed_us, open_us, bucket)
      VALUES (NEW.case_id, p, c.procedure, c.fiscal_year, c.school_org_id, c.center_org_id, 0, at_us, NULL);
    END IF;
  END LOOP;

  -- Ways: the distinct (event, from, to) of each case.
  IF NEW.from_state IS NOT NULL THEN
    INSERT INTO analyst_case_ways (case_id, type, from_state, to_state, procedure, fiscal_year, school_org_id, center_org_id)
    VALUES (NEW.case_id, NEW.type, NEW.from_state, NEW.to_state, c.procedure, c.fiscal_year, c.school_org_id, c.center_org_id) ON CONFLICT DO NOTHING;
    GET DIAGNOSTICS rc = ROW_COUNT;
    IF rc > 0 THEN
      PERFORM analyst_bump(c.procedure, 'way', c.fiscal_year, c.center_org_id, c.school_org_id, NEW.type, NEW.from_state, NEW.to_state, 1);
    END IF;
  END IF;

  -- The path: states that changed, and the events that changed them.
  SELECT * INTO path_row FROM analyst_case_paths WHERE case_id = NEW.case_id;
  IF NOT FOUND THEN
    path_row.case_id := NEW.case_id;
    path_row.states := '{}';
    path_row.events := '{}';
    path_row.min_us := at_us;
    path_row.max_us := at_us;
    old_key := NULL;
  ELSE
    old_key := path_row.path_key;
  END IF;
  IF NEW.from_state IS DISTINCT FROM NEW.to_state THEN
    path_row.states := path_row.states || NEW.to_state;
    IF NEW.from_state IS NOT NULL THEN path_row.events := path_row.events || NEW.type; END IF;
  END IF;
  path_row.min_us := least(path_row.min_us, at_us);
  path_row.max_us := greatest(path_row.max_us, at_us);
  path_row.path_key := analyst_path_key(path_row.states, path_row.events);
  IF old_key IS NULL THEN
    INSERT INTO analyst_case_paths (case_id, procedure, fiscal_year, school_org_id, center_org_id, path_key, states, events, min_us, max_us, span_us)
    VALUES (NEW.case_id, c.procedure, c.fiscal_year, c.school_org_id, c.center_org_id, path_row.path_key, path_row.states, path_row.events, path_row.min_us, path_row.max_us, path_row.max_us - path_row.min_us);
  ELSE
    UPDATE analyst_case_paths SET path_key = path_row.path_key, states = path_row.states, events = path_row.events,
           min_us = path_row.min_us, max_us = path_row.max_us, span_us = path_row.max_us - path_row.min_us
    WHERE case_id = NEW.case_id;
  END IF;
  IF old_key IS DISTINCT FROM path_row.path_key THEN
    IF old_key IS NOT NULL THEN PERFORM analyst_bump(c.procedure, 'path', c.fiscal_year, c.center_org_id, c.school_org_id, old_key, '', '', -1); END IF;
    PERFORM analyst_bump(c.procedure, 'path', c.fiscal_year, c.center_org_id, c.school_org_id, path_row.path_key, '', '', 1);
  END IF;

  -- Late filings recorded in the case's context, when there are or were any.
  IF jsonb_typeof(c.snapshot->'context'->'lateness') = 'array' AND jsonb_array_length(c.snapshot->'context'->'lateness') > 0
     OR EXISTS (SELECT 1 FROM analyst_case_lateness WHERE case_id = NEW.case_id) THEN
    FOR r IN DELETE FROM analyst_case_lateness WHERE case_id = NEW.case_id RETURNING deadline, days, n LOOP
      PERFORM analyst_bump(c.procedure, 'late', c.fiscal_year, c.center_org_id, c.school_org_id, r.deadline, r.days::text, '', -r.n);
    END LOOP;
    FOR r IN SELECT * FROM analyst_lateness_of(c.snapshot) LOOP
      INSERT INTO analyst_case_lateness (case_id, deadline, days, n) VALUES (NEW.case_id, r.deadline, r.days, r.n);
      PERFORM analyst_bump(c.procedure, 'late', c.fiscal_year, c.center_org_id, c.school_org_id, r.deadline, r.days::text, '', r.n);
    END LOOP;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- As in 0010, the ways with their dimensions and the counts from the cases (now, due) added.
CREATE OR REPLACE FUNCTION analyst_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM analyst_case_states; DELETE FROM analyst_case_ways; DELETE FROM analyst_case_paths;
  DELETE FROM analyst_case_deadlines; DELETE FROM analyst_case_lateness; DELETE FROM analyst_counts; DELETE FROM analyst_count_deltas;

  INSERT INTO analyst_case_states (case_id, state, procedure, fiscal_year, school_org_id, center_org_id, closed_us, open_us, bucket)
  SELECT s.case_id, s.state, c.procedure, c.fiscal_year, c.school_org_id, c.center_org_id, s.closed_us, s.open_us,
         CASE WHEN s.open_us IS NULL THEN analyst_bucket(s.closed_us) END
  FROM (
    SELECT e.case_id, p.state, coalesce(sum(greatest(0, e.next_us - e.at_us)), 0)::bigint AS closed_us,
           max(CASE WHEN e.next_us IS NULL THEN e.at_us END) AS open_us
    FROM (SELECT case_id, to_state, analyst_us(at) AS at_us, analyst_us(lead(at) OVER (PARTITION BY case_id ORDER BY seq)) AS next_us FROM case_events) e
    CROSS JOIN LATERAL analyst_prefixes(e.to_state) p(state)
    GROUP BY 1, 2
  ) s JOIN cases c ON c.id = s.case_id;

  INSERT INTO analyst_case_ways (case_id, type, from_state, to_state, procedure, fiscal_year, school_org_id, center_org_id)
  SELECT DISTINCT e.case_id, e.type, e.from_state, e.to_state, c.procedure, c.fiscal_year, c.school_org_id, c.center_org_id
  FROM case_events e JOIN cases c ON c.id = e.case_id WHERE e.from_state IS NOT NULL;

  INSERT INTO analyst_case_paths (case_id, procedure, fiscal_year, school_org_id, center_org_id, path_key, states, events, min_us, max_us, span_us)
  SELECT x.case_id, c.procedure, c.fiscal_year, c.school_org_id, c.center_org_id, analyst_path_key(x.states, x.events), x.states, x.events, x.min_us, x.max_us, x.max_us - x.min_us
  FROM (
    SELECT case_id,
           coalesce(array_agg(to_state ORDER BY seq) FILTER (WHERE from_state IS DISTINCT FROM to_state), '{}') AS states,
           coalesce(array_agg(type ORDER BY seq) FILTER (WHERE from_state IS DISTINCT FROM to_state AND from_state IS NOT NULL), '{}') AS events,
           min(analyst_us(at)) AS min_us, max(analyst_us(at)) AS max_us
    FROM case_events GROUP BY case_id
  ) x JOIN cases c ON c.id = x.case_id;

  INSERT INTO analyst_case_deadlines (case_id, deadline, fired, pending, total)
  SELECT t.case_id, t.deadline, count(*) FILTER (WHERE t.status = 'fired'), count(*) FILTER (WHERE t.status = 'pending'), count(*)
  FROM timers t WHERE t.kind = 'overdue' GROUP BY 1, 2;

  INSERT INTO analyst_case_lateness (case_id, deadline, days, n)
  SELECT c.id, l.deadline, l.days, l.n FROM cases c CROSS JOIN LATERAL analyst_lateness_of(c.snapshot) l;

  INSERT INTO analyst_counts (procedure, kind, fiscal_year, center_org_id, school_org_id, k1, k2, k3, n)
  SELECT procedure, 'stay', fiscal_year, coalesce(center_org_id, '00000000-0000-0000-0000-000000000000'), '00000000-0000-0000-0000-000000000000', state, bucket::text, '', count(*)
  FROM analyst_case_states WHERE open_us IS NULL GROUP BY 1, 3, 4, 6, 7
  UNION ALL
  SELECT procedure, 'way', fiscal_year, coalesce(center_org_id, '00000000-0000-0000-0000-000000000000'), school_org_id, type, from_state, to_state, count(*)
  FROM analyst_case_ways GROUP BY 1, 3, 4, 5, 6, 7, 8
  UNION ALL
  SELECT procedure, 'path', fiscal_year, coalesce(center_org_id, '00000000-0000-0000-0000-000000000000'), school_org_id, path_key, '', '', count(*)
  FROM analyst_case_paths GROUP BY 1, 3, 4, 5, 6
  UNION ALL
  SELECT c.procedure, 'deadline', c.fiscal_year, coalesce(c.center_org_id, '00000000-0000-0000-0000-000000000000'), c.school_org_id, d.deadline, analyst_outcome(d.fired, d.pending, d.total), '', count(*)
  FROM analyst_case_deadlines d JOIN cases c ON c.id = d.case_id GROUP BY 1, 3, 4, 5, 6, 7
  UNION ALL
  SELECT c.procedure, 'late', c.fiscal_year, coalesce(c.center_org_id, '00000000-0000-0000-0000-000000000000'), c.school_org_id, l.deadline, l.days::text, '', sum(l.n)
  FROM analyst_case_lateness l JOIN cases c ON c.id = l.case_id GROUP BY 1, 3, 4, 5, 6, 7
  UNION ALL
  SELECT c.procedure, k.kind, c.fiscal_year, coalesce(c.center_org_id, '00000000-0000-0000-0000-000000000000'), '00000000-0000-0000-0000-000000000000', k.k1, k.k2, '', count(*)
  FROM cases c CROSS JOIN LATERAL analyst_case_keys(c.state, c.status, c.next_due) k GROUP BY 1, 2, 3, 4, 6, 7;
END $$;
--> statement-breakpoint
-- The new counts for the cases already there (the ways were refilled above).
INSERT INTO analyst_counts (procedure, kind, fiscal_year, center_org_id, school_org_id, k1, k2, k3, n)
SELECT c.procedure, k.kind, c.fiscal_year, coalesce(c.center_org_id, '00000000-0000-0000-0000-000000000000'), '00000000-0000-0000-0000-000000000000', k.k1, k.k2, '', count(*)
FROM cases c CROSS JOIN LATERAL analyst_case_keys(c.state, c.status, c.next_due) k GROUP BY 1, 2, 3, 4, 6, 7;
