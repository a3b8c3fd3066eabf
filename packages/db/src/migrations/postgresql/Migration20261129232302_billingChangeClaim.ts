import { Migration } from '@mikro-orm/migrations';

export class Migration20261129232302_billingChangeClaim extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "subscriptions" add column "changing_until" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "subscriptions" drop column "changing_until";`);
  }

}
