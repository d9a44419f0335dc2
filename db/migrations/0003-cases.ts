import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("reference_counters")
    .ifNotExists()
    .addColumn("fiscal_year", "integer", (column) => column.primaryKey())
    .addColumn("last_number", "integer", (column) => column.notNull())
    .execute();

  await db.schema
    .createTable("cases")
    .ifNotExists()
    .addColumn("id", "text", (column) => column.primaryKey())
    .addColumn("reference", "text", (column) => column.notNull().unique())
    .addColumn("kind", "text", (column) => column.notNull())
    .addColumn("category_id", "text", (column) => column.notNull().references("categories.id"))
    .addColumn("team_id", "text", (column) => column.notNull().references("teams.id"))
    .addColumn("channel", "text", (column) => column.notNull())
    .addColumn("is_anonymous", "integer", (column) => column.notNull())
    .addColumn("reporter_relation", "text", (column) => column.notNull().defaultTo("unknown"))
    .addColumn("priority", "text", (column) => column.notNull().defaultTo("normal"))
    .addColumn("status", "text", (column) => column.notNull())
    .addColumn("assignee_id", "text", (column) => column.references("staff_users.id"))
    .addColumn("tracking_lookup", "text", (column) => column.notNull().unique())
    .addColumn("tracking_hash", "text", (column) => column.notNull())
    .addColumn("narrative_encrypted", "text", (column) => column.notNull())
    .addColumn("details_encrypted", "text")
    .addColumn("subjects_encrypted", "text")
    .addColumn("reporter_identity_encrypted", "text")
    .addColumn("consent_version", "text")
    .addColumn("consent_at", "bigint")
    .addColumn("names_senior_official", "integer", (column) => column.notNull().defaultTo(0))
    .addColumn("merged_into_case_id", "text", (column) => column.references("cases.id"))
    .addColumn("referred_to", "text")
    .addColumn("referred_at", "bigint")
    .addColumn("outcome", "text")
    .addColumn("filed_by_staff_id", "text", (column) => column.references("staff_users.id"))
    .addColumn("fiscal_year", "integer", (column) => column.notNull())
    .addColumn("created_at", "bigint", (column) => column.notNull())
    .addColumn("updated_at", "bigint", (column) => column.notNull())
    .addColumn("acknowledged_at", "bigint")
    .addColumn("first_response_at", "bigint")
    .addColumn("resolved_at", "bigint")
    .addColumn("closed_at", "bigint")
    .addColumn("acknowledge_due_at", "bigint")
    .addColumn("first_response_due_at", "bigint")
    .addColumn("resolve_due_at", "bigint")
    .addColumn("next_due_at", "bigint")
    .addColumn("paused_at", "bigint")
    .addColumn("is_overdue", "integer", (column) => column.notNull().defaultTo(0))
    .addColumn("reporter_seen_at", "bigint")
    .execute();
  // Queues are index scans ordered by the next deadline (ARCHITECTURE §3); the id breaks ties
  // so keyset pagination is stable. Reports scan by creation time.
  const caseIndexes: Array<[string, string[]]> = [
    ["cases_status_due_index", ["status", "next_due_at", "id"]],
    ["cases_assignee_due_index", ["assignee_id", "next_due_at", "id"]],
    ["cases_team_due_index", ["team_id", "next_due_at", "id"]],
    ["cases_next_due_index", ["next_due_at", "id"]],
    ["cases_created_index", ["created_at"]],
    ["cases_fiscal_year_kind_index", ["fiscal_year", "kind"]],
  ];
  for (const [name, columns] of caseIndexes) {
    await db.schema.createIndex(name).ifNotExists().on("cases").columns(columns).execute();
  }

  await db.schema
    .createTable("case_events")
    .ifNotExists()
    .addColumn("id", "text", (column) => column.primaryKey())
    .addColumn("case_id", "text", (column) => column.notNull().references("cases.id").onDelete("cascade"))
    .addColumn("type", "text", (column) => column.notNull())
    .addColumn("actor_type", "text", (column) => column.notNull())
    .addColumn("actor_id", "text")
    .addColumn("from_status", "text")
    .addColumn("to_status", "text")
    .addColumn("data", "text")
    .addColumn("is_visible_to_reporter", "integer", (column) => column.notNull().defaultTo(0))
    .addColumn("created_at", "bigint", (column) => column.notNull())
    .execute();
  await db.schema.createIndex("case_events_case_index").ifNotExists().on("case_events").columns(["case_id", "created_at"]).execute();
  await db.schema.createIndex("case_events_type_index").ifNotExists().on("case_events").columns(["type", "created_at"]).execute();

  await db.schema
    .createTable("messages")
    .ifNotExists()
    .addColumn("id", "text", (column) => column.primaryKey())
    .addColumn("case_id", "text", (column) => column.notNull().references("cases.id").onDelete("cascade"))
    .addColumn("author_type", "text", (column) => column.notNull())
    .addColumn("author_id", "text")
    .addColumn("visibility", "text", (column) => column.notNull())
    .addColumn("body_encrypted", "text", (column) => column.notNull())
    .addColumn("created_at", "bigint", (column) => column.notNull())
    .execute();
  await db.schema.createIndex("messages_case_index").ifNotExists().on("messages").columns(["case_id", "created_at"]).execute();

  await db.schema
    .createTable("attachments")
    .ifNotExists()
    .addColumn("id", "text", (column) => column.primaryKey())
    .addColumn("case_id", "text", (column) => column.notNull().references("cases.id").onDelete("cascade"))
    .addColumn("message_id", "text", (column) => column.references("messages.id"))
    .addColumn("uploaded_by_type", "text", (column) => column.notNull())
    .addColumn("uploaded_by_id", "text")
    .addColumn("file_name_encrypted", "text", (column) => column.notNull())
    .addColumn("media_type", "text", (column) => column.notNull())
    .addColumn("size_bytes", "bigint", (column) => column.notNull())
    .addColumn("sha256", "text", (column) => column.notNull())
    .addColumn("storage_key", "text", (column) => column.notNull().unique())
    .addColumn("created_at", "bigint", (column) => column.notNull())
    .execute();
  await db.schema.createIndex("attachments_case_index").ifNotExists().on("attachments").column("case_id").execute();

  await db.schema
    .createTable("conflicts")
    .ifNotExists()
    .addColumn("id", "text", (column) => column.primaryKey())
    .addColumn("case_id", "text", (column) => column.notNull().references("cases.id").onDelete("cascade"))
    .addColumn("staff_user_id", "text", (column) => column.notNull().references("staff_users.id"))
    .addColumn("source", "text", (column) => column.notNull())
    .addColumn("reason_encrypted", "text")
    .addColumn("created_by_id", "text", (column) => column.references("staff_users.id"))
    .addColumn("created_at", "bigint", (column) => column.notNull())
    .addUniqueConstraint("conflicts_case_staff_unique", ["case_id", "staff_user_id"])
    .execute();
  // Recusal filters every queue by "not in conflicts for me": that lookup starts from the staff member.
  await db.schema.createIndex("conflicts_staff_index").ifNotExists().on("conflicts").columns(["staff_user_id", "case_id"]).execute();

  await db.schema
    .createTable("escalations")
    .ifNotExists()
    .addColumn("id", "text", (column) => column.primaryKey())
    .addColumn("case_id", "text", (column) => column.notNull().references("cases.id").onDelete("cascade"))
    .addColumn("rule", "text", (column) => column.notNull())
    .addColumn("reason_encrypted", "text")
    .addColumn("escalated_by_id", "text", (column) => column.references("staff_users.id"))
    .addColumn("routed_to_role", "text", (column) => column.notNull())
    .addColumn("created_at", "bigint", (column) => column.notNull())
    .addColumn("decision", "text")
    .addColumn("decision_note_encrypted", "text")
    .addColumn("decided_by_id", "text", (column) => column.references("staff_users.id"))
    .addColumn("decided_at", "bigint")
    .addColumn("action_due_at", "bigint")
    // The sweep may run on several nodes at once: the database, not the code, keeps it to one.
    .addUniqueConstraint("escalations_case_rule_unique", ["case_id", "rule"])
    .execute();
  await db.schema.createIndex("escalations_inbox_index").ifNotExists().on("escalations").columns(["routed_to_role", "decided_at", "created_at"]).execute();

  await db.schema
    .createTable("sla_alerts")
    .ifNotExists()
    .addColumn("id", "text", (column) => column.primaryKey())
    .addColumn("case_id", "text", (column) => column.notNull().references("cases.id").onDelete("cascade"))
    .addColumn("clock", "text", (column) => column.notNull())
    .addColumn("level", "text", (column) => column.notNull())
    .addColumn("due_at", "bigint", (column) => column.notNull())
    .addColumn("created_at", "bigint", (column) => column.notNull())
    .addUniqueConstraint("sla_alerts_once_unique", ["case_id", "clock", "level", "due_at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["sla_alerts", "escalations", "conflicts", "attachments", "messages", "case_events", "cases", "reference_counters"]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
