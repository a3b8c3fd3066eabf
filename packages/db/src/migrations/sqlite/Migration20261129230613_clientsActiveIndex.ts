import { Migration } from '@mikro-orm/migrations';

export class Migration20261129230613_clientsActiveIndex extends Migration {

  override async up(): Promise<void> {
    this.addSql(`drop index \`clients_organization_id_active_name_key_index\`;`);

    this.addSql(`create index \`clients_organization_id_active_name_key_deleted_at_index\` on \`clients\` (\`organization_id\`, \`active\`, \`name_key\`, \`deleted_at\`);`);
  }

}
