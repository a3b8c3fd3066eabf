import { Migration } from '@mikro-orm/migrations';

export class Migration20261129223823_billing extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "plans" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "code" varchar(40) not null, "name" varchar(80) not null, "price_cents" int not null, "max_active_clients" int not null, "max_members" int not null, "max_appointments_per_month" int not null, "max_email_notices_per_month" int not null, "active" boolean not null default true, "sort_order" int not null default 0, constraint "plans_pkey" primary key ("id"));`);
    this.addSql(`alter table "plans" add constraint "plans_code_unique" unique ("code");`);

    this.addSql(`create table "subscriptions" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "organization_id" uuid not null, "plan_id" uuid not null, "status" varchar(16) not null, "trial_ends_at" timestamptz null, "current_period_end" timestamptz null, "past_due_since" timestamptz null, "canceled_at" timestamptz null, "asaas_customer_id" varchar(64) null, "asaas_subscription_id" varchar(64) null, "billing_type" varchar(16) null, constraint "subscriptions_pkey" primary key ("id"));`);
    this.addSql(`alter table "subscriptions" add constraint "subscriptions_asaas_subscription_id_unique" unique ("asaas_subscription_id");`);
    this.addSql(`alter table "subscriptions" add constraint "subscriptions_organization_id_unique" unique ("organization_id");`);

    this.addSql(`create table "invoices" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "organization_id" uuid not null, "subscription_id" uuid null, "asaas_payment_id" varchar(64) not null, "amount_cents" int not null, "due_date" varchar(10) not null, "status" varchar(16) not null, "billing_type" varchar(16) not null, "invoice_url" varchar(500) null, "pix_code" text null, "paid_at" timestamptz null, "overdue_at" timestamptz null, "asaas_status" varchar(40) null, constraint "invoices_pkey" primary key ("id"));`);
    this.addSql(`alter table "invoices" add constraint "invoices_asaas_payment_id_unique" unique ("asaas_payment_id");`);
    this.addSql(`create index "invoices_organization_id_due_date_index" on "invoices" ("organization_id", "due_date");`);

    this.addSql(`create table "webhook_events" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "provider" varchar(20) not null, "event_id" varchar(200) not null, "type" varchar(60) not null, "payload" text not null, "received_at" timestamptz not null, "organization_id" uuid null, "processed_at" timestamptz null, "outcome" varchar(16) null, "attempts" int not null default 0, "next_attempt_at" timestamptz null, "last_error" varchar(500) null, constraint "webhook_events_pkey" primary key ("id"));`);
    this.addSql(`create index "webhook_events_processed_at_next_attempt_at_index" on "webhook_events" ("processed_at", "next_attempt_at");`);
    this.addSql(`alter table "webhook_events" add constraint "webhook_events_provider_event_id_unique" unique ("provider", "event_id");`);

    this.addSql(`alter table "subscriptions" add constraint "subscriptions_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "subscriptions" add constraint "subscriptions_plan_id_foreign" foreign key ("plan_id") references "plans" ("id") on update cascade;`);

    this.addSql(`alter table "invoices" add constraint "invoices_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "invoices" add constraint "invoices_subscription_id_foreign" foreign key ("subscription_id") references "subscriptions" ("id") on update cascade on delete set null;`);

    // The launch plans. Plans are data: later price or limit changes are UPDATEs in a migration or by hand,
    // and subscriptions point at plan rows, never at constants in code.
    this.addSql(`insert into "plans" ("id", "created_at", "updated_at", "version", "code", "name", "price_cents", "max_active_clients", "max_members", "max_appointments_per_month", "max_email_notices_per_month", "active", "sort_order") values ('01937a00-0000-7000-8000-000000000001', '2026-11-29 00:00:00+00', '2026-11-29 00:00:00+00', 1, 'essencial', 'Essencial', 4900, 50, 1, 150, 300, true, 1), ('01937a00-0000-7000-8000-000000000002', '2026-11-29 00:00:00+00', '2026-11-29 00:00:00+00', 1, 'profissional', 'Profissional', 9900, 200, 3, 600, 1500, true, 2), ('01937a00-0000-7000-8000-000000000003', '2026-11-29 00:00:00+00', '2026-11-29 00:00:00+00', 1, 'equipe', 'Equipe', 19900, 1000, 10, 3000, 6000, true, 3);`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "subscriptions" drop constraint "subscriptions_plan_id_foreign";`);

    this.addSql(`alter table "invoices" drop constraint "invoices_subscription_id_foreign";`);

    this.addSql(`drop table if exists "plans" cascade;`);

    this.addSql(`drop table if exists "subscriptions" cascade;`);

    this.addSql(`drop table if exists "invoices" cascade;`);

    this.addSql(`drop table if exists "webhook_events" cascade;`);
  }

}
