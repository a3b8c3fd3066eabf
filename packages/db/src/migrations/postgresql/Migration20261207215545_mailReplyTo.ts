import { Migration } from '@mikro-orm/migrations';

export class Migration20261207215545_mailReplyTo extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "mail_messages" add column "reply_to" varchar(254) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "mail_messages" drop column "reply_to";`);
  }

}
