import { Migration } from '@mikro-orm/migrations';

export class Migration20261129213244_initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "mail_messages" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "organization_id" uuid null, "dedupe_key" varchar(200) null, "kind" varchar(40) not null, "to" varchar(254) not null, "subject" varchar(200) not null, "text" text not null, "html" text not null, "status" varchar(16) not null default 'pending', "attempts" int not null default 0, "next_attempt_at" timestamptz not null, "last_error" varchar(500) null, "sent_at" timestamptz null, constraint "mail_messages_pkey" primary key ("id"));`);
    this.addSql(`alter table "mail_messages" add constraint "mail_messages_dedupe_key_unique" unique ("dedupe_key");`);
    this.addSql(`create index "mail_messages_status_next_attempt_at_index" on "mail_messages" ("status", "next_attempt_at");`);
    this.addSql(`create index "mail_messages_organization_id_created_at_index" on "mail_messages" ("organization_id", "created_at");`);

    this.addSql(`create table "organizations" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "name" varchar(120) not null, "document" varchar(14) null, "timezone" varchar(64) not null default 'America/Sao_Paulo', "appointment_reminder_hour" int not null default 6, "finance_notice_hour" int not null default 7, "email_appointment_reminders" boolean not null default true, "email_due_notices" boolean not null default true, "email_overdue_notices" boolean not null default true, constraint "organizations_pkey" primary key ("id"));`);

    this.addSql(`create table "job_runs" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "job" varchar(40) not null, "organization_id" uuid not null, "local_date" varchar(10) not null, "notifications" int not null, "mails" int not null, "ran_at" timestamptz not null, constraint "job_runs_pkey" primary key ("id"));`);
    this.addSql(`alter table "job_runs" add constraint "job_runs_job_local_date_organization_id_unique" unique ("job", "local_date", "organization_id");`);

    this.addSql(`create table "clients" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "organization_id" uuid not null, "deleted_at" timestamptz null, "sync_version" bigint not null default 0, "name" varchar(120) not null, "name_key" varchar(120) not null, "search_text" varchar(512) not null, "document" varchar(14) null, "phone" varchar(11) null, "email" varchar(254) null, "cep" varchar(8) null, "street" varchar(120) null, "street_number" varchar(20) null, "complement" varchar(80) null, "district" varchar(80) null, "city" varchar(80) null, "uf" varchar(2) null, "notes" varchar(2000) null, "active" boolean not null default true, constraint "clients_pkey" primary key ("id"));`);
    this.addSql(`create index "clients_organization_id_name_key_index" on "clients" ("organization_id", "name_key");`);
    this.addSql(`create index "clients_organization_id_created_at_index" on "clients" ("organization_id", "created_at");`);
    this.addSql(`create index "clients_organization_id_active_name_key_index" on "clients" ("organization_id", "active", "name_key");`);
    this.addSql(`create index "clients_organization_id_document_index" on "clients" ("organization_id", "document");`);
    this.addSql(`create index "clients_organization_id_sync_version_index" on "clients" ("organization_id", "sync_version");`);

    this.addSql(`create table "pools" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "organization_id" uuid not null, "deleted_at" timestamptz null, "sync_version" bigint not null default 0, "client_id" uuid not null, "label" varchar(60) null, "type" varchar(16) not null, "volume_liters" int null, "location" varchar(16) not null default 'outdoor', "heated" boolean not null default false, "notes" varchar(1000) null, constraint "pools_pkey" primary key ("id"));`);
    this.addSql(`create index "pools_client_id_index" on "pools" ("client_id");`);
    this.addSql(`create index "pools_organization_id_type_client_id_index" on "pools" ("organization_id", "type", "client_id");`);
    this.addSql(`create index "pools_organization_id_sync_version_index" on "pools" ("organization_id", "sync_version");`);

    this.addSql(`create table "rate_limit_hits" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "bucket" varchar(40) not null, "subject" varchar(254) not null, "at" timestamptz not null, constraint "rate_limit_hits_pkey" primary key ("id"));`);
    this.addSql(`create index "rate_limit_hits_bucket_subject_at_index" on "rate_limit_hits" ("bucket", "subject", "at");`);

    this.addSql(`create table "sync_counters" ("organization_id" uuid not null, "last_version" bigint not null default 0, constraint "sync_counters_pkey" primary key ("organization_id"));`);

    this.addSql(`create table "users" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "email" varchar(254) not null, "name" varchar(120) not null, "password_hash" varchar(255) not null, "email_verified_at" timestamptz null, constraint "users_pkey" primary key ("id"));`);
    this.addSql(`alter table "users" add constraint "users_email_unique" unique ("email");`);

    this.addSql(`create table "sessions" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "user_id" uuid not null, "client" varchar(16) not null, "token_hash" varchar(64) not null, "previous_token_hash" varchar(64) null, "rotated_at" timestamptz null, "user_agent" varchar(512) null, "ip" varchar(64) null, "last_used_at" timestamptz not null, "expires_at" timestamptz not null, "revoked_at" timestamptz null, "revoked_reason" varchar(32) null, constraint "sessions_pkey" primary key ("id"));`);
    this.addSql(`create index "sessions_user_id_revoked_at_index" on "sessions" ("user_id", "revoked_at");`);

    this.addSql(`create table "memberships" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "user_id" uuid not null, "organization_id" uuid not null, "role" varchar(16) not null, constraint "memberships_pkey" primary key ("id"));`);
    this.addSql(`create index "memberships_organization_id_index" on "memberships" ("organization_id");`);
    this.addSql(`alter table "memberships" add constraint "memberships_user_id_organization_id_unique" unique ("user_id", "organization_id");`);

    this.addSql(`create table "notifications" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "organization_id" uuid not null, "deleted_at" timestamptz null, "sync_version" bigint not null default 0, "membership_id" uuid null, "type" varchar(40) not null, "entity_type" varchar(40) not null, "entity_id" uuid not null, "title" varchar(160) not null, "body" varchar(500) not null, "dedupe_key" varchar(200) null, constraint "notifications_pkey" primary key ("id"));`);
    this.addSql(`alter table "notifications" add constraint "notifications_dedupe_key_unique" unique ("dedupe_key");`);
    this.addSql(`create index "notifications_organization_id_membership_id_created_at_index" on "notifications" ("organization_id", "membership_id", "created_at");`);
    this.addSql(`create index "notifications_organization_id_entity_type_entity_id_index" on "notifications" ("organization_id", "entity_type", "entity_id");`);
    this.addSql(`create index "notifications_organization_id_sync_version_index" on "notifications" ("organization_id", "sync_version");`);

    this.addSql(`create table "notification_reads" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "notification_id" uuid not null, "membership_id" uuid not null, "read_at" timestamptz not null, constraint "notification_reads_pkey" primary key ("id"));`);
    this.addSql(`alter table "notification_reads" add constraint "notification_reads_membership_id_notification_id_unique" unique ("membership_id", "notification_id");`);

    this.addSql(`create table "appointments" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "organization_id" uuid not null, "deleted_at" timestamptz null, "sync_version" bigint not null default 0, "client_id" uuid not null, "pool_id" uuid null, "date" varchar(10) not null, "start_time" varchar(5) not null, "duration_minutes" int not null default 60, "assignee_id" uuid null, "status" varchar(16) not null default 'pending', "notes" varchar(2000) null, "price_cents" int null, constraint "appointments_pkey" primary key ("id"));`);
    this.addSql(`create index "appointments_organization_id_date_start_time_index" on "appointments" ("organization_id", "date", "start_time");`);
    this.addSql(`create index "appointments_organization_id_status_date_index" on "appointments" ("organization_id", "status", "date");`);
    this.addSql(`create index "appointments_organization_id_client_id_date_index" on "appointments" ("organization_id", "client_id", "date");`);
    this.addSql(`create index "appointments_organization_id_assignee_id_date_index" on "appointments" ("organization_id", "assignee_id", "date");`);
    this.addSql(`create index "appointments_organization_id_sync_version_index" on "appointments" ("organization_id", "sync_version");`);

    this.addSql(`create table "finance_entries" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "organization_id" uuid not null, "deleted_at" timestamptz null, "sync_version" bigint not null default 0, "client_id" uuid not null, "appointment_id" uuid null, "description" varchar(200) not null, "amount_cents" int not null, "due_date" varchar(10) not null, "status" varchar(16) not null default 'pending', "paid_at" timestamptz null, "payment_method" varchar(16) null, constraint "finance_entries_pkey" primary key ("id"));`);
    this.addSql(`create index "finance_entries_organization_id_due_date_index" on "finance_entries" ("organization_id", "due_date");`);
    this.addSql(`create index "finance_entries_organization_id_status_due_date_am_52f21_index" on "finance_entries" ("organization_id", "status", "due_date", "amount_cents", "deleted_at");`);
    this.addSql(`create index "finance_entries_organization_id_client_id_due_date_index" on "finance_entries" ("organization_id", "client_id", "due_date");`);
    this.addSql(`create index "finance_entries_organization_id_status_paid_at_amo_79810_index" on "finance_entries" ("organization_id", "status", "paid_at", "amount_cents", "deleted_at");`);
    this.addSql(`create index "finance_entries_organization_id_sync_version_index" on "finance_entries" ("organization_id", "sync_version");`);
    this.addSql(`alter table "finance_entries" add constraint "finance_entries_organization_id_appointment_id_unique" unique ("organization_id", "appointment_id");`);

    this.addSql(`create table "login_events" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "outcome" varchar(16) not null, "email" varchar(254) not null, "user_id" uuid null, "ip" varchar(64) null, "user_agent" varchar(512) null, "at" timestamptz not null, constraint "login_events_pkey" primary key ("id"));`);
    this.addSql(`create index "login_events_email_at_index" on "login_events" ("email", "at");`);
    this.addSql(`create index "login_events_ip_at_index" on "login_events" ("ip", "at");`);
    this.addSql(`create index "login_events_user_id_at_index" on "login_events" ("user_id", "at");`);

    this.addSql(`create table "audit_entries" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "organization_id" uuid not null, "membership_id" uuid null, "user_id" uuid null, "actor_name" varchar(120) null, "at" timestamptz not null, "entity_type" varchar(32) not null, "entity_id" uuid not null, "action" varchar(16) not null, "changes" jsonb not null, constraint "audit_entries_pkey" primary key ("id"));`);
    this.addSql(`create index "audit_entries_organization_id_at_id_index" on "audit_entries" ("organization_id", "at", "id");`);
    this.addSql(`create index "audit_entries_organization_id_entity_type_entity_id_at_index" on "audit_entries" ("organization_id", "entity_type", "entity_id", "at");`);
    this.addSql(`create index "audit_entries_organization_id_membership_id_at_index" on "audit_entries" ("organization_id", "membership_id", "at");`);

    this.addSql(`create table "account_tokens" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "purpose" varchar(16) not null, "token_hash" varchar(64) not null, "email" varchar(254) not null, "user_id" uuid null, "organization_id" uuid null, "role" varchar(16) null, "invited_by_id" uuid null, "expires_at" timestamptz not null, "used_at" timestamptz null, constraint "account_tokens_pkey" primary key ("id"));`);
    this.addSql(`alter table "account_tokens" add constraint "account_tokens_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "account_tokens_user_id_purpose_index" on "account_tokens" ("user_id", "purpose");`);
    this.addSql(`create index "account_tokens_organization_id_purpose_used_at_index" on "account_tokens" ("organization_id", "purpose", "used_at");`);

    this.addSql(`alter table "job_runs" add constraint "job_runs_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "clients" add constraint "clients_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "pools" add constraint "pools_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "pools" add constraint "pools_client_id_foreign" foreign key ("client_id") references "clients" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "sync_counters" add constraint "sync_counters_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "sessions" add constraint "sessions_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "memberships" add constraint "memberships_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "memberships" add constraint "memberships_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "notifications" add constraint "notifications_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "notifications" add constraint "notifications_membership_id_foreign" foreign key ("membership_id") references "memberships" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "notification_reads" add constraint "notification_reads_notification_id_foreign" foreign key ("notification_id") references "notifications" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "notification_reads" add constraint "notification_reads_membership_id_foreign" foreign key ("membership_id") references "memberships" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "appointments" add constraint "appointments_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "appointments" add constraint "appointments_client_id_foreign" foreign key ("client_id") references "clients" ("id") on update cascade;`);
    this.addSql(`alter table "appointments" add constraint "appointments_pool_id_foreign" foreign key ("pool_id") references "pools" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "appointments" add constraint "appointments_assignee_id_foreign" foreign key ("assignee_id") references "memberships" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "finance_entries" add constraint "finance_entries_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "finance_entries" add constraint "finance_entries_client_id_foreign" foreign key ("client_id") references "clients" ("id") on update cascade;`);
    this.addSql(`alter table "finance_entries" add constraint "finance_entries_appointment_id_foreign" foreign key ("appointment_id") references "appointments" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "login_events" add constraint "login_events_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "audit_entries" add constraint "audit_entries_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "audit_entries" add constraint "audit_entries_membership_id_foreign" foreign key ("membership_id") references "memberships" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "audit_entries" add constraint "audit_entries_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "account_tokens" add constraint "account_tokens_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "account_tokens" add constraint "account_tokens_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "account_tokens" add constraint "account_tokens_invited_by_id_foreign" foreign key ("invited_by_id") references "users" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "job_runs" drop constraint "job_runs_organization_id_foreign";`);

    this.addSql(`alter table "clients" drop constraint "clients_organization_id_foreign";`);

    this.addSql(`alter table "pools" drop constraint "pools_organization_id_foreign";`);

    this.addSql(`alter table "sync_counters" drop constraint "sync_counters_organization_id_foreign";`);

    this.addSql(`alter table "memberships" drop constraint "memberships_organization_id_foreign";`);

    this.addSql(`alter table "notifications" drop constraint "notifications_organization_id_foreign";`);

    this.addSql(`alter table "appointments" drop constraint "appointments_organization_id_foreign";`);

    this.addSql(`alter table "finance_entries" drop constraint "finance_entries_organization_id_foreign";`);

    this.addSql(`alter table "audit_entries" drop constraint "audit_entries_organization_id_foreign";`);

    this.addSql(`alter table "account_tokens" drop constraint "account_tokens_organization_id_foreign";`);

    this.addSql(`alter table "pools" drop constraint "pools_client_id_foreign";`);

    this.addSql(`alter table "appointments" drop constraint "appointments_client_id_foreign";`);

    this.addSql(`alter table "finance_entries" drop constraint "finance_entries_client_id_foreign";`);

    this.addSql(`alter table "appointments" drop constraint "appointments_pool_id_foreign";`);

    this.addSql(`alter table "sessions" drop constraint "sessions_user_id_foreign";`);

    this.addSql(`alter table "memberships" drop constraint "memberships_user_id_foreign";`);

    this.addSql(`alter table "login_events" drop constraint "login_events_user_id_foreign";`);

    this.addSql(`alter table "audit_entries" drop constraint "audit_entries_user_id_foreign";`);

    this.addSql(`alter table "account_tokens" drop constraint "account_tokens_user_id_foreign";`);

    this.addSql(`alter table "account_tokens" drop constraint "account_tokens_invited_by_id_foreign";`);

    this.addSql(`alter table "notifications" drop constraint "notifications_membership_id_foreign";`);

    this.addSql(`alter table "notification_reads" drop constraint "notification_reads_membership_id_foreign";`);

    this.addSql(`alter table "appointments" drop constraint "appointments_assignee_id_foreign";`);

    this.addSql(`alter table "audit_entries" drop constraint "audit_entries_membership_id_foreign";`);

    this.addSql(`alter table "notification_reads" drop constraint "notification_reads_notification_id_foreign";`);

    this.addSql(`alter table "finance_entries" drop constraint "finance_entries_appointment_id_foreign";`);

    this.addSql(`drop table if exists "mail_messages" cascade;`);

    this.addSql(`drop table if exists "organizations" cascade;`);

    this.addSql(`drop table if exists "job_runs" cascade;`);

    this.addSql(`drop table if exists "clients" cascade;`);

    this.addSql(`drop table if exists "pools" cascade;`);

    this.addSql(`drop table if exists "rate_limit_hits" cascade;`);

    this.addSql(`drop table if exists "sync_counters" cascade;`);

    this.addSql(`drop table if exists "users" cascade;`);

    this.addSql(`drop table if exists "sessions" cascade;`);

    this.addSql(`drop table if exists "memberships" cascade;`);

    this.addSql(`drop table if exists "notifications" cascade;`);

    this.addSql(`drop table if exists "notification_reads" cascade;`);

    this.addSql(`drop table if exists "appointments" cascade;`);

    this.addSql(`drop table if exists "finance_entries" cascade;`);

    this.addSql(`drop table if exists "login_events" cascade;`);

    this.addSql(`drop table if exists "audit_entries" cascade;`);

    this.addSql(`drop table if exists "account_tokens" cascade;`);
  }

}
