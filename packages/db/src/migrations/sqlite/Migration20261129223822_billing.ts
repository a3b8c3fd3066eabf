import { Migration } from '@mikro-orm/migrations';

export class Migration20261129223822_billing extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`plans\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`version\` integer not null default 1, \`code\` text not null, \`name\` text not null, \`price_cents\` integer not null, \`max_active_clients\` integer not null, \`max_members\` integer not null, \`max_appointments_per_month\` integer not null, \`max_email_notices_per_month\` integer not null, \`active\` integer not null default true, \`sort_order\` integer not null default 0, primary key (\`id\`));`);
    this.addSql(`create unique index \`plans_code_unique\` on \`plans\` (\`code\`);`);

    this.addSql(`create table \`subscriptions\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`version\` integer not null default 1, \`organization_id\` text not null, \`plan_id\` text not null, \`status\` text not null, \`trial_ends_at\` datetime null, \`current_period_end\` datetime null, \`past_due_since\` datetime null, \`canceled_at\` datetime null, \`asaas_customer_id\` text null, \`asaas_subscription_id\` text null, \`billing_type\` text null, constraint \`subscriptions_organization_id_foreign\` foreign key(\`organization_id\`) references \`organizations\`(\`id\`) on delete cascade on update cascade, constraint \`subscriptions_plan_id_foreign\` foreign key(\`plan_id\`) references \`plans\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`subscriptions_organization_id_index\` on \`subscriptions\` (\`organization_id\`);`);
    this.addSql(`create index \`subscriptions_plan_id_index\` on \`subscriptions\` (\`plan_id\`);`);
    this.addSql(`create unique index \`subscriptions_asaas_subscription_id_unique\` on \`subscriptions\` (\`asaas_subscription_id\`);`);
    this.addSql(`create unique index \`subscriptions_organization_id_unique\` on \`subscriptions\` (\`organization_id\`);`);

    this.addSql(`create table \`invoices\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`version\` integer not null default 1, \`organization_id\` text not null, \`subscription_id\` text null, \`asaas_payment_id\` text not null, \`amount_cents\` integer not null, \`due_date\` text not null, \`status\` text not null, \`billing_type\` text not null, \`invoice_url\` text null, \`pix_code\` text null, \`paid_at\` datetime null, \`overdue_at\` datetime null, \`asaas_status\` text null, constraint \`invoices_organization_id_foreign\` foreign key(\`organization_id\`) references \`organizations\`(\`id\`) on delete cascade on update cascade, constraint \`invoices_subscription_id_foreign\` foreign key(\`subscription_id\`) references \`subscriptions\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`invoices_organization_id_index\` on \`invoices\` (\`organization_id\`);`);
    this.addSql(`create index \`invoices_subscription_id_index\` on \`invoices\` (\`subscription_id\`);`);
    this.addSql(`create unique index \`invoices_asaas_payment_id_unique\` on \`invoices\` (\`asaas_payment_id\`);`);
    this.addSql(`create index \`invoices_organization_id_due_date_index\` on \`invoices\` (\`organization_id\`, \`due_date\`);`);

    this.addSql(`create table \`webhook_events\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`version\` integer not null default 1, \`provider\` text not null, \`event_id\` text not null, \`type\` text not null, \`payload\` text not null, \`received_at\` datetime not null, \`organization_id\` text null, \`processed_at\` datetime null, \`outcome\` text null, \`attempts\` integer not null default 0, \`next_attempt_at\` datetime null, \`last_error\` text null, primary key (\`id\`));`);
    this.addSql(`create index \`webhook_events_processed_at_next_attempt_at_index\` on \`webhook_events\` (\`processed_at\`, \`next_attempt_at\`);`);
    this.addSql(`create unique index \`webhook_events_provider_event_id_unique\` on \`webhook_events\` (\`provider\`, \`event_id\`);`);

    // The launch plans. Plans are data: later price or limit changes are UPDATEs in a migration or by hand,
    // and subscriptions point at plan rows, never at constants in code.
    this.addSql(`insert into \`plans\` (\`id\`, \`created_at\`, \`updated_at\`, \`version\`, \`code\`, \`name\`, \`price_cents\`, \`max_active_clients\`, \`max_members\`, \`max_appointments_per_month\`, \`max_email_notices_per_month\`, \`active\`, \`sort_order\`) values ('01937a00-0000-7000-8000-000000000001', 1795910400000, 1795910400000, 1, 'essencial', 'Essencial', 4900, 50, 1, 150, 300, 1, 1), ('01937a00-0000-7000-8000-000000000002', 1795910400000, 1795910400000, 1, 'profissional', 'Profissional', 9900, 200, 3, 600, 1500, 1, 2), ('01937a00-0000-7000-8000-000000000003', 1795910400000, 1795910400000, 1, 'equipe', 'Equipe', 19900, 1000, 10, 3000, 6000, 1, 3);`);
  }

}
