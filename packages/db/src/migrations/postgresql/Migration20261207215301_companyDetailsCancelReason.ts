import { Migration } from '@mikro-orm/migrations';

export class Migration20261207215301_companyDetailsCancelReason extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "organizations" add column "phone" varchar(11) null, add column "reply_to_email" varchar(254) null, add column "cep" varchar(8) null, add column "street" varchar(120) null, add column "street_number" varchar(20) null, add column "complement" varchar(80) null, add column "district" varchar(80) null, add column "city" varchar(80) null, add column "uf" varchar(2) null;`);

    this.addSql(`alter table "appointments" add column "cancel_reason" varchar(500) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "appointments" drop column "cancel_reason";`);

    this.addSql(`alter table "organizations" drop column "phone", drop column "reply_to_email", drop column "cep", drop column "street", drop column "street_number", drop column "complement", drop column "district", drop column "city", drop column "uf";`);
  }

}
