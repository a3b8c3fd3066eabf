import { Migration } from '@mikro-orm/migrations';

export class Migration20261207223937_requestCounters extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`request_counters\` (\`subject\` text not null, \`window_start\` integer not null, \`count\` integer not null default 0, primary key (\`subject\`, \`window_start\`));`);
    this.addSql(`create index \`request_counters_window_start_index\` on \`request_counters\` (\`window_start\`);`);
  }

}
