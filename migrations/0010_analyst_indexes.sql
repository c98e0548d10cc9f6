CREATE TABLE "analyst_case_deadlines" (
	"case_id" uuid NOT NULL,
	"deadline" text NOT NULL,
	"fired" integer DEFAULT 0 NOT NULL,
	"pending" integer DEFAULT 0 NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "analyst_case_deadlines_case_id_deadline_pk" PRIMARY KEY("case_id","deadline")
);
--> statement-breakpoint
CREATE TABLE "analyst_case_lateness" (
	"case_id" uuid NOT NULL,
	"deadline" text NOT NULL,
	"days" integer NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "analyst_case_lateness_case_id_deadline_days_pk" PRIMARY KEY("case_id","deadline","days")
);
--> statement-breakpoint
CREATE TABLE "analyst_case_paths" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"procedure" text NOT NULL,
	"fiscal_year" integer NOT NULL,
	"school_org_id" uuid NOT NULL,
	"center_org_id" uuid,
	"path_key" text NOT NULL,
	"states" text[] NOT NULL,
	"events" text[] NOT NULL,
	"min_us" bigint NOT NULL,
	"max_us" bigint NOT NULL,
	"span_us" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analyst_case_states" (
	"case_id" uuid NOT NULL,
	"state" text NOT NULL,
	"procedure" text NOT NULL,
	"fiscal_year" integer NOT NULL,
	"school_org_id" uuid NOT NULL,
	"center_org_id" uuid,
	"closed_us" bigint DEFAULT 0 NOT NULL,
	"open_us" bigint,
	"bucket" integer,
	CONSTRAINT "analyst_case_states_case_id_state_pk" PRIMARY KEY("case_id","state")
);
--> statement-breakpoint
CREATE TABLE "analyst_case_ways" (
	"case_id" uuid NOT NULL,
	"type" text NOT NULL,
	"from_state" text NOT NULL,
	"to_state" text NOT NULL,
	CONSTRAINT "analyst_case_ways_case_id_type_from_state_to_state_pk" PRIMARY KEY("case_id","type","from_state","to_state")
);
--> statement-breakpoint
CREATE TABLE "analyst_count_deltas" (
	"procedure" text NOT NULL,
	"kind" text NOT NULL,
	"fiscal_year" integer NOT NULL,
	"center_org_id" uuid NOT NULL,
	"school_org_id" uuid NOT NULL,
	"k1" text NOT NULL,
	"k2" text NOT NULL,
	"k3" text NOT NULL,
	"n" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analyst_counts" (
	"procedure" text NOT NULL,
	"kind" text NOT NULL,
	"fiscal_year" integer NOT NULL,
	"center_org_id" uuid NOT NULL,
	"school_org_id" uuid NOT NULL,
	"k1" text NOT NULL,
	"k2" text NOT NULL,
	"k3" text NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "analyst_counts_procedure_kind_fiscal_year_center_org_id_school_org_id_k1_k2_k3_pk" PRIMARY KEY("procedure","kind","fiscal_year","center_org_id","school_org_id","k1","k2","k3")
);
--> statement-breakpoint
CREATE INDEX "analyst_case_paths_key_idx" ON "analyst_case_paths" USING btree ("procedure","path_key","span_us","fiscal_year","center_org_id");--> statement-breakpoint
CREATE INDEX "analyst_case_paths_school_idx" ON "analyst_case_paths" USING btree ("procedure","school_org_id");--> statement-breakpoint
CREATE INDEX "analyst_case_states_closed_idx" ON "analyst_case_states" USING btree ("procedure","state","bucket","closed_us","fiscal_year","center_org_id") WHERE open_us IS NULL;--> statement-breakpoint
CREATE INDEX "analyst_case_states_open_idx" ON "analyst_case_states" USING btree ("procedure","state","fiscal_year","center_org_id","closed_us","open_us") WHERE open_us IS NOT NULL;--> statement-breakpoint
CREATE INDEX "analyst_case_states_school_idx" ON "analyst_case_states" USING btree ("procedure","school_org_id","state");--> statement-breakpoint
CREATE INDEX "analyst_case_ways_way_idx" ON "analyst_case_ways" USING btree ("type","to_state","from_state");--> statement-breakpoint
CREATE INDEX "analyst_count_deltas_idx" ON "analyst_count_deltas" USING btree ("procedure","kind");--> statement-breakpoint
CREATE INDEX "cases_analyst_year_idx" ON "cases" USING btree ("procedure","fiscal_year","state","status","next_due");--> statement-breakpoint
CREATE INDEX "cases_analyst_center_idx" ON "cases" USING btree ("procedure","center_org_id","state","status","next_due");--> statement-breakpoint
-- The analyst's figures kept in the same transaction as each step (see src/db/schema.ts). Generic: no procedure,
-- state, event or deadline is named here.
CREATE FUNCTION analyst_us(t timestamptz) RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT (extract(epoch FROM t) * 1000000)::bigint $$;
--> statement-breakpoint
-- Histogram bin of a time in state: 0 for none, then eight bins per doubling of (seconds + 1).
CREATE FUNCTION analyst_bucket(us bigint) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN us <= 0 THEN 0 ELSE 1 + floor(ln(us::float8 / 1000000.0 + 1.0) / ln(2.0) * 8.0)::integer END $$;
--> statement-breakpoint
-- Every prefix of a dotted state path ('a.b.c' -> a, a.b, a.b.c).
CREATE FUNCTION analyst_prefixes(path text) RETURNS SETOF text LANGUAGE sql IMMUTABLE AS $$
  SELECT array_to_string((string_to_array(path, '.'))[1:n], '.') FROM generate_series(1, coalesce(array_length(string_to_array(path, '.'), 1), 0)) n $$;
--> statement-breakpoint
CREATE FUNCTION analyst_bump(p text, k text, fy integer, center uuid, school uuid, a text, b text, c text, delta bigint) RETURNS void LANGUAGE sql AS $$
  INSERT INTO analyst_count_deltas (procedure, kind, fiscal_year, center_org_id, school_org_id, k1, k2, k3, n)
  VALUES (p, k, fy, coalesce(center, '00000000-0000-0000-0000-000000000000'), coalesce(school, '00000000-0000-0000-0000-000000000000'), a, b, c, delta) $$;
--> statement-breakpoint
-- Folds the deltas into the counts (one folder at a time; steps only ever append deltas, so they never wait here).
CREATE FUNCTION analyst_compact() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF NOT pg_try_advisory_xact_lock(7152209) THEN RETURN; END IF;
  IF NOT EXISTS (SELECT 1 FROM analyst_count_deltas) THEN RETURN; END IF;
  WITH moved AS (DELETE FROM analyst_count_deltas RETURNING *)
  INSERT INTO analyst_counts AS t (procedure, kind, fiscal_year, center_org_id, school_org_id, k1, k2, k3, n)
  SELECT procedure, kind, fiscal_year, center_org_id, school_org_id, k1, k2, k3, sum(n) FROM moved
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
  ON CONFLICT (procedure, kind, fiscal_year, center_org_id, school_org_id, k1, k2, k3) DO UPDATE SET n = t.n + excluded.n;
END $$;
--> statement-breakpoint
CREATE FUNCTION analyst_path_key(states text[], events text[]) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT md5(array_to_string(states, '>') || '|' || array_to_string(events, '>')) $$;
--> statement-breakpoint
-- The lateness a case's snapshot records: (deadline, days late, how many), as the analyst reads it.
CREATE FUNCTION analyst_lateness_of(snapshot jsonb) RETURNS TABLE (deadline text, days integer, n integer) LANGUAGE sql IMMUTABLE AS $$
  SELECT l->>'deadline', (l->>'daysLate')::integer, count(*)::integer
  FROM jsonb_array_elements(CASE WHEN jsonb_typeof(snapshot->'context'->'lateness') = 'array' THEN snapshot->'context'->'lateness' ELSE '[]'::jsonb END) l
  WHERE l->>'daysLate' ~ '^[0-9]+$' AND l->>'deadline' IS NOT NULL GROUP BY 1, 2 $$;
--> statement-breakpoint
CREATE FUNCTION analyst_case_events_ai() RETURNS trigger LANGUAGE plpgsql AS $$
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
    INSERT INTO analyst_case_ways (case_id, type, from_state, to_state) VALUES (NEW.case_id, NEW.type, NEW.from_state, NEW.to_state) ON CONFLICT DO NOTHING;
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
CREATE TRIGGER analyst_case_events_ai AFTER INSERT ON case_events FOR EACH ROW EXECUTE FUNCTION analyst_case_events_ai();
--> statement-breakpoint
-- Outcome of a case's deadline from its overdue timers: missed (one fired), pending (one still armed), else on time.
CREATE FUNCTION analyst_outcome(fired integer, pending integer, total integer) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN total <= 0 THEN NULL WHEN fired > 0 THEN 'missed' WHEN pending > 0 THEN 'pending' ELSE 'on_time' END $$;
--> statement-breakpoint
CREATE FUNCTION analyst_timers_aiud() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  c record;
  d analyst_case_deadlines%ROWTYPE;
  before_outcome text;
  after_outcome text;
  v_case uuid;
  v_deadline text;
  df integer := 0;
  dp integer := 0;
  dt integer := 0;
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.kind = 'overdue' THEN
    v_case := OLD.case_id; v_deadline := OLD.deadline;
    df := df - (OLD.status = 'fired')::integer; dp := dp - (OLD.status = 'pending')::integer; dt := dt - 1;
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.kind = 'overdue' THEN
    IF v_case IS NOT NULL AND (v_case <> NEW.case_id OR v_deadline <> NEW.deadline) THEN RAISE EXCEPTION 'analyst: a timer changed case or deadline'; END IF;
    v_case := NEW.case_id; v_deadline := NEW.deadline;
    df := df + (NEW.status = 'fired')::integer; dp := dp + (NEW.status = 'pending')::integer; dt := dt + 1;
  END IF;
  IF v_case IS NULL OR (df = 0 AND dp = 0 AND dt = 0) THEN RETURN NULL; END IF;
  SELECT * INTO d FROM analyst_case_deadlines x WHERE x.case_id = v_case AND x.deadline = v_deadline;
  IF NOT FOUND THEN
    before_outcome := NULL;
    INSERT INTO analyst_case_deadlines (case_id, deadline, fired, pending, total) VALUES (v_case, v_deadline, df, dp, dt);
    after_outcome := analyst_outcome(df, dp, dt);
  ELSE
    before_outcome := analyst_outcome(d.fired, d.pending, d.total);
    UPDATE analyst_case_deadlines x SET fired = x.fired + df, pending = x.pending + dp, total = x.total + dt
    WHERE x.case_id = v_case AND x.deadline = v_deadline;
    after_outcome := analyst_outcome(d.fired + df, d.pending + dp, d.total + dt);
  END IF;
  IF before_outcome IS DISTINCT FROM after_outcome THEN
    SELECT procedure, fiscal_year, school_org_id, center_org_id INTO c FROM cases WHERE id = v_case;
    IF FOUND THEN
      IF before_outcome IS NOT NULL THEN PERFORM analyst_bump(c.procedure, 'deadline', c.fiscal_year, c.center_org_id, c.school_org_id, v_deadline, before_outcome, '', -1); END IF;
      IF after_outcome IS NOT NULL THEN PERFORM analyst_bump(c.procedure, 'deadline', c.fiscal_year, c.center_org_id, c.school_org_id, v_deadline, after_outcome, '', 1); END IF;
    END IF;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER analyst_timers_aiud AFTER INSERT OR UPDATE OF status, kind OR DELETE ON timers FOR EACH ROW EXECUTE FUNCTION analyst_timers_aiud();
--> statement-breakpoint
-- Everything recomputed from the history, the timers and the cases (this migration's backfill; bulk loads).
CREATE FUNCTION analyst_rebuild() RETURNS void LANGUAGE plpgsql AS $$
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

  INSERT INTO analyst_case_ways (case_id, type, from_state, to_state)
  SELECT DISTINCT e.case_id, e.type, e.from_state, e.to_state FROM case_events e JOIN cases c ON c.id = e.case_id WHERE e.from_state IS NOT NULL;

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
  SELECT c.procedure, 'way', c.fiscal_year, coalesce(c.center_org_id, '00000000-0000-0000-0000-000000000000'), c.school_org_id, w.type, w.from_state, w.to_state, count(*)
  FROM analyst_case_ways w JOIN cases c ON c.id = w.case_id GROUP BY 1, 3, 4, 5, 6, 7, 8
  UNION ALL
  SELECT procedure, 'path', fiscal_year, coalesce(center_org_id, '00000000-0000-0000-0000-000000000000'), school_org_id, path_key, '', '', count(*)
  FROM analyst_case_paths GROUP BY 1, 3, 4, 5, 6
  UNION ALL
  SELECT c.procedure, 'deadline', c.fiscal_year, coalesce(c.center_org_id, '00000000-0000-0000-0000-000000000000'), c.school_org_id, d.deadline, analyst_outcome(d.fired, d.pending, d.total), '', count(*)
  FROM analyst_case_deadlines d JOIN cases c ON c.id = d.case_id GROUP BY 1, 3, 4, 5, 6, 7
  UNION ALL
  SELECT c.procedure, 'late', c.fiscal_year, coalesce(c.center_org_id, '00000000-0000-0000-0000-000000000000'), c.school_org_id, l.deadline, l.days::text, '', sum(l.n)
  FROM analyst_case_lateness l JOIN cases c ON c.id = l.case_id GROUP BY 1, 3, 4, 5, 6, 7;
END $$;
--> statement-breakpoint
SELECT analyst_rebuild();
