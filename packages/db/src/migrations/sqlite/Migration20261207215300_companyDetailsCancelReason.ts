import { Migration } from '@mikro-orm/migrations';

export class Migration20261207215300_companyDetailsCancelReason extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`organizations\` add column \`phone\` text null;`);
    this.addSql(`alter table \`organizations\` add column \`reply_to_email\` text null;`);
    this.addSql(`alter table \`organizations\` add column \`cep\` text null;`);
    this.addSql(`alter table \`organizations\` add column \`street\` text null;`);
    this.addSql(`alter table \`organizations\` add column \`street_number\` text null;`);
    this.addSql(`alter table \`organizations\` add column \`complement\` text null;`);
    this.addSql(`alter table \`organizations\` add column \`district\` text null;`);
    this.addSql(`alter table \`organizations\` add column \`city\` text null;`);
    this.addSql(`alter table \`organizations\` add column \`uf\` text null;`);

    this.addSql(`alter table \`appointments\` add column \`cancel_reason\` text null;`);
  }

}
