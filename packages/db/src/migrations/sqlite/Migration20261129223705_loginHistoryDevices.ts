import { Migration } from '@mikro-orm/migrations';

export class Migration20261129223705_loginHistoryDevices extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`users\` add column \`notify_new_device\` integer not null default true;`);

    this.addSql(`drop index \`login_events_user_id_at_index\`;`);

    this.addSql(`alter table \`login_events\` add column \`client\` text null;`);
    this.addSql(`alter table \`login_events\` add column \`device_key\` text null;`);
    this.addSql(`alter table \`login_events\` add column \`new_device\` integer not null default false;`);
    this.addSql(`create index \`login_events_user_id_at_id_index\` on \`login_events\` (\`user_id\`, \`at\`, \`id\`);`);
    this.addSql(`create index \`login_events_user_id_device_key_index\` on \`login_events\` (\`user_id\`, \`device_key\`);`);
  }

}
