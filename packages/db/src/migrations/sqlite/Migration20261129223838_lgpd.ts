import { Migration } from '@mikro-orm/migrations';

export class Migration20261129223838_lgpd extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`data_exports\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`version\` integer not null default 1, \`organization_id\` text not null, \`requested_by_id\` text null, \`status\` text not null default 'queued', \`progress\` integer not null default 0, \`file_name\` text null, \`file_size\` integer null, \`error\` text null, \`started_at\` datetime null, \`finished_at\` datetime null, \`expires_at\` datetime null, \`downloaded_at\` datetime null, constraint \`data_exports_organization_id_foreign\` foreign key(\`organization_id\`) references \`organizations\`(\`id\`) on delete cascade on update cascade, constraint \`data_exports_requested_by_id_foreign\` foreign key(\`requested_by_id\`) references \`users\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`data_exports_organization_id_index\` on \`data_exports\` (\`organization_id\`);`);
    this.addSql(`create index \`data_exports_requested_by_id_index\` on \`data_exports\` (\`requested_by_id\`);`);
    this.addSql(`create index \`data_exports_status_created_at_index\` on \`data_exports\` (\`status\`, \`created_at\`);`);
    this.addSql(`create index \`data_exports_organization_id_created_at_index\` on \`data_exports\` (\`organization_id\`, \`created_at\`);`);

    this.addSql(`alter table \`organizations\` add column \`deletion_requested_at\` datetime null;`);
    this.addSql(`alter table \`organizations\` add column \`purge_after\` datetime null;`);
  }

}
