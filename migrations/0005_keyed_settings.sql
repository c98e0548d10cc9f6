CREATE TABLE "fiscal_year_settings" (
	"procedure" text NOT NULL,
	"key" text NOT NULL,
	"fiscal_year" integer NOT NULL,
	"value" date NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fiscal_year_settings_procedure_key_fiscal_year_pk" PRIMARY KEY("procedure","key","fiscal_year")
);
--> statement-breakpoint
-- The fixed columns of calendar_settings become keyed rows (the keys the definitions declare).
INSERT INTO "fiscal_year_settings" ("procedure", "key", "fiscal_year", "value", "updated_by", "updated_at")
SELECT 'skill-check', 'questionFiling', "fiscal_year", "skill_check_question_filing", "updated_by", "updated_at" FROM "calendar_settings"
UNION ALL
SELECT 'skill-check', 'reviewResult', "fiscal_year", "skill_check_review_result", "updated_by", "updated_at" FROM "calendar_settings"
UNION ALL
SELECT 'suspension', 'refiling', "fiscal_year", "suspension_refiling", "updated_by", "updated_at" FROM "calendar_settings";
