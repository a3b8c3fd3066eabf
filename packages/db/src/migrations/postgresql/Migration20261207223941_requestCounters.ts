import { Migration } from '@mikro-orm/migrations';

export class Migration20261207223941_requestCounters extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "request_counters" ("subject" varchar(80) not null, "window_start" int not null, "count" int not null default 0, constraint "request_counters_pkey" primary key ("subject", "window_start"));`);
    this.addSql(`create index "request_counters_window_start_index" on "request_counters" ("window_start");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "request_counters" cascade;`);
  }

}
