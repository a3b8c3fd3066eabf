import { Migration } from '@mikro-orm/migrations';

export class Migration20261129195548_initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`organizations\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`version\` integer not null default 1, \`name\` text not null, \`document\` text null, \`timezone\` text not null default 'America/Sao_Paulo', primary key (\`id\`));`);

    this.addSql(`create table \`users\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`version\` integer not null default 1, \`email\` text not null, \`name\` text not null, \`password_hash\` text not null, \`email_verified_at\` datetime null, primary key (\`id\`));`);
    this.addSql(`create unique index \`users_email_unique\` on \`users\` (\`email\`);`);

    this.addSql(`create table \`sessions\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`version\` integer not null default 1, \`user_id\` text not null, \`client\` text not null, \`token_hash\` text not null, \`user_agent\` text null, \`ip\` text null, \`last_used_at\` datetime not null, \`expires_at\` datetime not null, \`revoked_at\` datetime null, \`revoked_reason\` text null, constraint \`sessions_user_id_foreign\` foreign key(\`user_id\`) references \`users\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`sessions_user_id_index\` on \`sessions\` (\`user_id\`);`);
    this.addSql(`create index \`sessions_user_id_revoked_at_index\` on \`sessions\` (\`user_id\`, \`revoked_at\`);`);

    this.addSql(`create table \`memberships\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`version\` integer not null default 1, \`user_id\` text not null, \`organization_id\` text not null, \`role\` text not null, constraint \`memberships_user_id_foreign\` foreign key(\`user_id\`) references \`users\`(\`id\`) on delete cascade on update cascade, constraint \`memberships_organization_id_foreign\` foreign key(\`organization_id\`) references \`organizations\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`memberships_user_id_index\` on \`memberships\` (\`user_id\`);`);
    this.addSql(`create index \`memberships_organization_id_index\` on \`memberships\` (\`organization_id\`);`);
    this.addSql(`create unique index \`memberships_user_id_organization_id_unique\` on \`memberships\` (\`user_id\`, \`organization_id\`);`);

    this.addSql(`create table \`login_events\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`version\` integer not null default 1, \`outcome\` text not null, \`email\` text not null, \`user_id\` text null, \`ip\` text null, \`user_agent\` text null, \`at\` datetime not null, constraint \`login_events_user_id_foreign\` foreign key(\`user_id\`) references \`users\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`login_events_user_id_index\` on \`login_events\` (\`user_id\`);`);
    this.addSql(`create index \`login_events_email_at_index\` on \`login_events\` (\`email\`, \`at\`);`);
    this.addSql(`create index \`login_events_ip_at_index\` on \`login_events\` (\`ip\`, \`at\`);`);
    this.addSql(`create index \`login_events_user_id_at_index\` on \`login_events\` (\`user_id\`, \`at\`);`);
  }

}
