import { Migration } from '@mikro-orm/migrations';

export class Migration20261129213243_initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`mail_messages\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`version\` integer not null default 1, \`organization_id\` text null, \`dedupe_key\` text null, \`kind\` text not null, \`to\` text not null, \`subject\` text not null, \`text\` text not null, \`html\` text not null, \`status\` text not null default 'pending', \`attempts\` integer not null default 0, \`next_attempt_at\` datetime not null, \`last_error\` text null, \`sent_at\` datetime null, primary key (\`id\`));`);
    this.addSql(`create unique index \`mail_messages_dedupe_key_unique\` on \`mail_messages\` (\`dedupe_key\`);`);
    this.addSql(`create index \`mail_messages_status_next_attempt_at_index\` on \`mail_messages\` (\`status\`, \`next_attempt_at\`);`);
    this.addSql(`create index \`mail_messages_organization_id_created_at_index\` on \`mail_messages\` (\`organization_id\`, \`created_at\`);`);

    this.addSql(`create table \`organizations\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`version\` integer not null default 1, \`name\` text not null, \`document\` text null, \`timezone\` text not null default 'America/Sao_Paulo', \`appointment_reminder_hour\` integer not null default 6, \`finance_notice_hour\` integer not null default 7, \`email_appointment_reminders\` integer not null default true, \`email_due_notices\` integer not null default true, \`email_overdue_notices\` integer not null default true, primary key (\`id\`));`);

    this.addSql(`create table \`job_runs\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`version\` integer not null default 1, \`job\` text not null, \`organization_id\` text not null, \`local_date\` text not null, \`notifications\` integer not null, \`mails\` integer not null, \`ran_at\` datetime not null, constraint \`job_runs_organization_id_foreign\` foreign key(\`organization_id\`) references \`organizations\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`job_runs_organization_id_index\` on \`job_runs\` (\`organization_id\`);`);
    this.addSql(`create unique index \`job_runs_job_local_date_organization_id_unique\` on \`job_runs\` (\`job\`, \`local_date\`, \`organization_id\`);`);

    this.addSql(`create table \`clients\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`version\` integer not null default 1, \`organization_id\` text not null, \`deleted_at\` datetime null, \`sync_version\` bigint not null default 0, \`name\` text not null, \`name_key\` text not null, \`search_text\` text not null, \`document\` text null, \`phone\` text null, \`email\` text null, \`cep\` text null, \`street\` text null, \`street_number\` text null, \`complement\` text null, \`district\` text null, \`city\` text null, \`uf\` text null, \`notes\` text null, \`active\` integer not null default true, constraint \`clients_organization_id_foreign\` foreign key(\`organization_id\`) references \`organizations\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`clients_organization_id_index\` on \`clients\` (\`organization_id\`);`);
    this.addSql(`create index \`clients_organization_id_name_key_index\` on \`clients\` (\`organization_id\`, \`name_key\`);`);
    this.addSql(`create index \`clients_organization_id_created_at_index\` on \`clients\` (\`organization_id\`, \`created_at\`);`);
    this.addSql(`create index \`clients_organization_id_active_name_key_index\` on \`clients\` (\`organization_id\`, \`active\`, \`name_key\`);`);
    this.addSql(`create index \`clients_organization_id_document_index\` on \`clients\` (\`organization_id\`, \`document\`);`);
    this.addSql(`create index \`clients_organization_id_sync_version_index\` on \`clients\` (\`organization_id\`, \`sync_version\`);`);

    this.addSql(`create table \`pools\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`version\` integer not null default 1, \`organization_id\` text not null, \`deleted_at\` datetime null, \`sync_version\` bigint not null default 0, \`client_id\` text not null, \`label\` text null, \`type\` text not null, \`volume_liters\` integer null, \`location\` text not null default 'outdoor', \`heated\` integer not null default false, \`notes\` text null, constraint \`pools_organization_id_foreign\` foreign key(\`organization_id\`) references \`organizations\`(\`id\`) on delete cascade on update cascade, constraint \`pools_client_id_foreign\` foreign key(\`client_id\`) references \`clients\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`pools_organization_id_index\` on \`pools\` (\`organization_id\`);`);
    this.addSql(`create index \`pools_client_id_index\` on \`pools\` (\`client_id\`);`);
    this.addSql(`create index \`pools_organization_id_type_client_id_index\` on \`pools\` (\`organization_id\`, \`type\`, \`client_id\`);`);
    this.addSql(`create index \`pools_organization_id_sync_version_index\` on \`pools\` (\`organization_id\`, \`sync_version\`);`);

    this.addSql(`create table \`rate_limit_hits\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`version\` integer not null default 1, \`bucket\` text not null, \`subject\` text not null, \`at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`rate_limit_hits_bucket_subject_at_index\` on \`rate_limit_hits\` (\`bucket\`, \`subject\`, \`at\`);`);

    this.addSql(`create table \`sync_counters\` (\`organization_id\` text not null, \`last_version\` bigint not null default 0, constraint \`sync_counters_organization_id_foreign\` foreign key(\`organization_id\`) references \`organizations\`(\`id\`) on delete cascade on update cascade, primary key (\`organization_id\`));`);
    this.addSql(`create index \`sync_counters_organization_id_index\` on \`sync_counters\` (\`organization_id\`);`);

    this.addSql(`create table \`users\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`version\` integer not null default 1, \`email\` text not null, \`name\` text not null, \`password_hash\` text not null, \`email_verified_at\` datetime null, primary key (\`id\`));`);
    this.addSql(`create unique index \`users_email_unique\` on \`users\` (\`email\`);`);

    this.addSql(`create table \`sessions\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`version\` integer not null default 1, \`user_id\` text not null, \`client\` text not null, \`token_hash\` text not null, \`previous_token_hash\` text null, \`rotated_at\` datetime null, \`user_agent\` text null, \`ip\` text null, \`last_used_at\` datetime not null, \`expires_at\` datetime not null, \`revoked_at\` datetime null, \`revoked_reason\` text null, constraint \`sessions_user_id_foreign\` foreign key(\`user_id\`) references \`users\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`sessions_user_id_index\` on \`sessions\` (\`user_id\`);`);
    this.addSql(`create index \`sessions_user_id_revoked_at_index\` on \`sessions\` (\`user_id\`, \`revoked_at\`);`);

    this.addSql(`create table \`memberships\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`version\` integer not null default 1, \`user_id\` text not null, \`organization_id\` text not null, \`role\` text not null, constraint \`memberships_user_id_foreign\` foreign key(\`user_id\`) references \`users\`(\`id\`) on delete cascade on update cascade, constraint \`memberships_organization_id_foreign\` foreign key(\`organization_id\`) references \`organizations\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`memberships_user_id_index\` on \`memberships\` (\`user_id\`);`);
    this.addSql(`create index \`memberships_organization_id_index\` on \`memberships\` (\`organization_id\`);`);
    this.addSql(`create unique index \`memberships_user_id_organization_id_unique\` on \`memberships\` (\`user_id\`, \`organization_id\`);`);

    this.addSql(`create table \`notifications\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`version\` integer not null default 1, \`organization_id\` text not null, \`deleted_at\` datetime null, \`sync_version\` bigint not null default 0, \`membership_id\` text null, \`type\` text not null, \`entity_type\` text not null, \`entity_id\` text not null, \`title\` text not null, \`body\` text not null, \`dedupe_key\` text null, constraint \`notifications_organization_id_foreign\` foreign key(\`organization_id\`) references \`organizations\`(\`id\`) on delete cascade on update cascade, constraint \`notifications_membership_id_foreign\` foreign key(\`membership_id\`) references \`memberships\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`notifications_organization_id_index\` on \`notifications\` (\`organization_id\`);`);
    this.addSql(`create index \`notifications_membership_id_index\` on \`notifications\` (\`membership_id\`);`);
    this.addSql(`create unique index \`notifications_dedupe_key_unique\` on \`notifications\` (\`dedupe_key\`);`);
    this.addSql(`create index \`notifications_organization_id_membership_id_created_at_index\` on \`notifications\` (\`organization_id\`, \`membership_id\`, \`created_at\`);`);
    this.addSql(`create index \`notifications_organization_id_entity_type_entity_id_index\` on \`notifications\` (\`organization_id\`, \`entity_type\`, \`entity_id\`);`);
    this.addSql(`create index \`notifications_organization_id_sync_version_index\` on \`notifications\` (\`organization_id\`, \`sync_version\`);`);

    this.addSql(`create table \`notification_reads\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`version\` integer not null default 1, \`notification_id\` text not null, \`membership_id\` text not null, \`read_at\` datetime not null, constraint \`notification_reads_notification_id_foreign\` foreign key(\`notification_id\`) references \`notifications\`(\`id\`) on delete cascade on update cascade, constraint \`notification_reads_membership_id_foreign\` foreign key(\`membership_id\`) references \`memberships\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`notification_reads_notification_id_index\` on \`notification_reads\` (\`notification_id\`);`);
    this.addSql(`create index \`notification_reads_membership_id_index\` on \`notification_reads\` (\`membership_id\`);`);
    this.addSql(`create unique index \`notification_reads_membership_id_notification_id_unique\` on \`notification_reads\` (\`membership_id\`, \`notification_id\`);`);

    this.addSql(`create table \`appointments\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`version\` integer not null default 1, \`organization_id\` text not null, \`deleted_at\` datetime null, \`sync_version\` bigint not null default 0, \`client_id\` text not null, \`pool_id\` text null, \`date\` text not null, \`start_time\` text not null, \`duration_minutes\` integer not null default 60, \`assignee_id\` text null, \`status\` text not null default 'pending', \`notes\` text null, \`price_cents\` integer null, constraint \`appointments_organization_id_foreign\` foreign key(\`organization_id\`) references \`organizations\`(\`id\`) on delete cascade on update cascade, constraint \`appointments_client_id_foreign\` foreign key(\`client_id\`) references \`clients\`(\`id\`) on update cascade, constraint \`appointments_pool_id_foreign\` foreign key(\`pool_id\`) references \`pools\`(\`id\`) on delete set null on update cascade, constraint \`appointments_assignee_id_foreign\` foreign key(\`assignee_id\`) references \`memberships\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`appointments_organization_id_index\` on \`appointments\` (\`organization_id\`);`);
    this.addSql(`create index \`appointments_client_id_index\` on \`appointments\` (\`client_id\`);`);
    this.addSql(`create index \`appointments_pool_id_index\` on \`appointments\` (\`pool_id\`);`);
    this.addSql(`create index \`appointments_assignee_id_index\` on \`appointments\` (\`assignee_id\`);`);
    this.addSql(`create index \`appointments_organization_id_date_start_time_index\` on \`appointments\` (\`organization_id\`, \`date\`, \`start_time\`);`);
    this.addSql(`create index \`appointments_organization_id_status_date_index\` on \`appointments\` (\`organization_id\`, \`status\`, \`date\`);`);
    this.addSql(`create index \`appointments_organization_id_client_id_date_index\` on \`appointments\` (\`organization_id\`, \`client_id\`, \`date\`);`);
    this.addSql(`create index \`appointments_organization_id_assignee_id_date_index\` on \`appointments\` (\`organization_id\`, \`assignee_id\`, \`date\`);`);
    this.addSql(`create index \`appointments_organization_id_sync_version_index\` on \`appointments\` (\`organization_id\`, \`sync_version\`);`);

    this.addSql(`create table \`finance_entries\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`version\` integer not null default 1, \`organization_id\` text not null, \`deleted_at\` datetime null, \`sync_version\` bigint not null default 0, \`client_id\` text not null, \`appointment_id\` text null, \`description\` text not null, \`amount_cents\` integer not null, \`due_date\` text not null, \`status\` text not null default 'pending', \`paid_at\` datetime null, \`payment_method\` text null, constraint \`finance_entries_organization_id_foreign\` foreign key(\`organization_id\`) references \`organizations\`(\`id\`) on delete cascade on update cascade, constraint \`finance_entries_client_id_foreign\` foreign key(\`client_id\`) references \`clients\`(\`id\`) on update cascade, constraint \`finance_entries_appointment_id_foreign\` foreign key(\`appointment_id\`) references \`appointments\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`finance_entries_organization_id_index\` on \`finance_entries\` (\`organization_id\`);`);
    this.addSql(`create index \`finance_entries_client_id_index\` on \`finance_entries\` (\`client_id\`);`);
    this.addSql(`create index \`finance_entries_appointment_id_index\` on \`finance_entries\` (\`appointment_id\`);`);
    this.addSql(`create index \`finance_entries_organization_id_due_date_index\` on \`finance_entries\` (\`organization_id\`, \`due_date\`);`);
    this.addSql(`create index \`finance_entries_organization_id_status_due_date_amount_cents_deleted_at_index\` on \`finance_entries\` (\`organization_id\`, \`status\`, \`due_date\`, \`amount_cents\`, \`deleted_at\`);`);
    this.addSql(`create index \`finance_entries_organization_id_client_id_due_date_index\` on \`finance_entries\` (\`organization_id\`, \`client_id\`, \`due_date\`);`);
    this.addSql(`create index \`finance_entries_organization_id_status_paid_at_amount_cents_deleted_at_index\` on \`finance_entries\` (\`organization_id\`, \`status\`, \`paid_at\`, \`amount_cents\`, \`deleted_at\`);`);
    this.addSql(`create index \`finance_entries_organization_id_sync_version_index\` on \`finance_entries\` (\`organization_id\`, \`sync_version\`);`);
    this.addSql(`create unique index \`finance_entries_organization_id_appointment_id_unique\` on \`finance_entries\` (\`organization_id\`, \`appointment_id\`);`);

    this.addSql(`create table \`login_events\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`version\` integer not null default 1, \`outcome\` text not null, \`email\` text not null, \`user_id\` text null, \`ip\` text null, \`user_agent\` text null, \`at\` datetime not null, constraint \`login_events_user_id_foreign\` foreign key(\`user_id\`) references \`users\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`login_events_user_id_index\` on \`login_events\` (\`user_id\`);`);
    this.addSql(`create index \`login_events_email_at_index\` on \`login_events\` (\`email\`, \`at\`);`);
    this.addSql(`create index \`login_events_ip_at_index\` on \`login_events\` (\`ip\`, \`at\`);`);
    this.addSql(`create index \`login_events_user_id_at_index\` on \`login_events\` (\`user_id\`, \`at\`);`);

    this.addSql(`create table \`audit_entries\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`version\` integer not null default 1, \`organization_id\` text not null, \`membership_id\` text null, \`user_id\` text null, \`actor_name\` text null, \`at\` datetime not null, \`entity_type\` text not null, \`entity_id\` text not null, \`action\` text not null, \`changes\` json not null, constraint \`audit_entries_organization_id_foreign\` foreign key(\`organization_id\`) references \`organizations\`(\`id\`) on delete cascade on update cascade, constraint \`audit_entries_membership_id_foreign\` foreign key(\`membership_id\`) references \`memberships\`(\`id\`) on delete set null on update cascade, constraint \`audit_entries_user_id_foreign\` foreign key(\`user_id\`) references \`users\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`audit_entries_organization_id_index\` on \`audit_entries\` (\`organization_id\`);`);
    this.addSql(`create index \`audit_entries_membership_id_index\` on \`audit_entries\` (\`membership_id\`);`);
    this.addSql(`create index \`audit_entries_user_id_index\` on \`audit_entries\` (\`user_id\`);`);
    this.addSql(`create index \`audit_entries_organization_id_at_id_index\` on \`audit_entries\` (\`organization_id\`, \`at\`, \`id\`);`);
    this.addSql(`create index \`audit_entries_organization_id_entity_type_entity_id_at_index\` on \`audit_entries\` (\`organization_id\`, \`entity_type\`, \`entity_id\`, \`at\`);`);
    this.addSql(`create index \`audit_entries_organization_id_membership_id_at_index\` on \`audit_entries\` (\`organization_id\`, \`membership_id\`, \`at\`);`);

    this.addSql(`create table \`account_tokens\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`version\` integer not null default 1, \`purpose\` text not null, \`token_hash\` text not null, \`email\` text not null, \`user_id\` text null, \`organization_id\` text null, \`role\` text null, \`invited_by_id\` text null, \`expires_at\` datetime not null, \`used_at\` datetime null, constraint \`account_tokens_user_id_foreign\` foreign key(\`user_id\`) references \`users\`(\`id\`) on delete cascade on update cascade, constraint \`account_tokens_organization_id_foreign\` foreign key(\`organization_id\`) references \`organizations\`(\`id\`) on delete cascade on update cascade, constraint \`account_tokens_invited_by_id_foreign\` foreign key(\`invited_by_id\`) references \`users\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create unique index \`account_tokens_token_hash_unique\` on \`account_tokens\` (\`token_hash\`);`);
    this.addSql(`create index \`account_tokens_user_id_index\` on \`account_tokens\` (\`user_id\`);`);
    this.addSql(`create index \`account_tokens_organization_id_index\` on \`account_tokens\` (\`organization_id\`);`);
    this.addSql(`create index \`account_tokens_invited_by_id_index\` on \`account_tokens\` (\`invited_by_id\`);`);
    this.addSql(`create index \`account_tokens_user_id_purpose_index\` on \`account_tokens\` (\`user_id\`, \`purpose\`);`);
    this.addSql(`create index \`account_tokens_organization_id_purpose_used_at_index\` on \`account_tokens\` (\`organization_id\`, \`purpose\`, \`used_at\`);`);
  }

}
