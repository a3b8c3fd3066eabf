import { Migration } from '@mikro-orm/migrations';

export class Migration20261129223705_loginHistoryDevices extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "users" add column "notify_new_device" boolean not null default true;`);

    this.addSql(`drop index "login_events_user_id_at_index";`);

    this.addSql(`alter table "login_events" add column "client" varchar(16) null, add column "device_key" varchar(64) null, add column "new_device" boolean not null default false;`);
    this.addSql(`create index "login_events_user_id_at_id_index" on "login_events" ("user_id", "at", "id");`);
    this.addSql(`create index "login_events_user_id_device_key_index" on "login_events" ("user_id", "device_key");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "login_events_user_id_at_id_index";`);
    this.addSql(`drop index "login_events_user_id_device_key_index";`);
    this.addSql(`alter table "login_events" drop column "client", drop column "device_key", drop column "new_device";`);

    this.addSql(`create index "login_events_user_id_at_index" on "login_events" ("user_id", "at");`);

    this.addSql(`alter table "users" drop column "notify_new_device";`);
  }

}
