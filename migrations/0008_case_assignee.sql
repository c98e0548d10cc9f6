ALTER TABLE "cases" ADD COLUMN "assignee_user_id" uuid;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "assigned_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "cases_assignee_idx" ON "cases" USING btree ("assignee_user_id","status","next_due") WHERE assignee_user_id IS NOT NULL;