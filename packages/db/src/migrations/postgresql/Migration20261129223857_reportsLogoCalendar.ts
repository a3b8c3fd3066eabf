import { Migration } from '@mikro-orm/migrations';

export class Migration20261129223857_reportsLogoCalendar extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "organizations" add column "logo" bytea null, add column "logo_content_type" varchar(16) null;`);

    this.addSql(`alter table "memberships" add column "calendar_feed_salt" varchar(64) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "memberships" drop column "calendar_feed_salt";`);

    this.addSql(`alter table "organizations" drop column "logo", drop column "logo_content_type";`);
  }

}
