import { Migration } from '@mikro-orm/migrations';

export class Migration20261129223839_lgpd extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "data_exports" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "organization_id" uuid not null, "requested_by_id" uuid null, "status" varchar(16) not null default 'queued', "progress" int not null default 0, "file_name" varchar(80) null, "file_size" int null, "error" varchar(500) null, "started_at" timestamptz null, "finished_at" timestamptz null, "expires_at" timestamptz null, "downloaded_at" timestamptz null, constraint "data_exports_pkey" primary key ("id"));`);
    this.addSql(`create index "data_exports_status_created_at_index" on "data_exports" ("status", "created_at");`);
    this.addSql(`create index "data_exports_organization_id_created_at_index" on "data_exports" ("organization_id", "created_at");`);

    this.addSql(`alter table "data_exports" add constraint "data_exports_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "data_exports" add constraint "data_exports_requested_by_id_foreign" foreign key ("requested_by_id") references "users" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "organizations" add column "deletion_requested_at" timestamptz null, add column "purge_after" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "data_exports" cascade;`);

    this.addSql(`alter table "organizations" drop column "deletion_requested_at", drop column "purge_after";`);
  }

}
