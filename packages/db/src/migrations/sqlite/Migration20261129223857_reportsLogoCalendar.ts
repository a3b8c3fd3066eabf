import { Migration } from '@mikro-orm/migrations';

export class Migration20261129223857_reportsLogoCalendar extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`organizations\` add column \`logo\` blob null;`);
    this.addSql(`alter table \`organizations\` add column \`logo_content_type\` text null;`);

    this.addSql(`alter table \`memberships\` add column \`calendar_feed_salt\` text null;`);
  }

}
