import { Migration } from '@mikro-orm/migrations';

export class Migration20261129232259_billingChangeClaim extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`subscriptions\` add column \`changing_until\` datetime null;`);
  }

}
