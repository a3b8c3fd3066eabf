import { Migration } from '@mikro-orm/migrations';

export class Migration20261208015211_pendingRegistrations extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`pending_registrations\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`version\` integer not null default 1, \`email\` text not null, \`name\` text not null, \`organization_name\` text not null, \`password_hash\` text not null, \`code_hash\` text not null, \`expires_at\` datetime not null, \`attempts\` integer not null default 0, primary key (\`id\`));`);
    this.addSql(`create unique index \`pending_registrations_email_unique\` on \`pending_registrations\` (\`email\`);`);
    this.addSql(`create index \`pending_registrations_expires_at_index\` on \`pending_registrations\` (\`expires_at\`);`);
  }

}
