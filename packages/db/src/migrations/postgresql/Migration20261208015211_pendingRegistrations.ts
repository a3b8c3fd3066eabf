import { Migration } from '@mikro-orm/migrations';

export class Migration20261208015211_pendingRegistrations extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "pending_registrations" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "email" varchar(254) not null, "name" varchar(120) not null, "organization_name" varchar(120) not null, "password_hash" varchar(255) not null, "code_hash" varchar(64) not null, "expires_at" timestamptz not null, "attempts" int not null default 0, constraint "pending_registrations_pkey" primary key ("id"));`);
    this.addSql(`alter table "pending_registrations" add constraint "pending_registrations_email_unique" unique ("email");`);
    this.addSql(`create index "pending_registrations_expires_at_index" on "pending_registrations" ("expires_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "pending_registrations" cascade;`);
  }

}
