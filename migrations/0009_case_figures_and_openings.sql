ALTER TABLE "cases" ADD COLUMN "figures" jsonb;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "opened_automatically" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "cases_opening_idx" ON "cases" USING btree ("procedure","school_org_id","fiscal_year") WHERE opened_automatically;