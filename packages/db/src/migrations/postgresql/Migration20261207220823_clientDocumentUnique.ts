import { Migration } from '@mikro-orm/migrations';

export class Migration20261207220823_clientDocumentUnique extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create unique index "clients_organization_id_document_active_unique" on "clients" ("organization_id", "document") where "deleted_at" is null and "document" is not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "clients_organization_id_document_active_unique";`);
  }

}
