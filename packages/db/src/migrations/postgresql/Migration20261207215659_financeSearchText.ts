import { Migration } from '@mikro-orm/migrations';
import { foldSearchText } from '../../search-text';

export class Migration20261207215659_financeSearchText extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "finance_entries" add column "search_text" varchar(200) not null default '';`);
    // Existing entries get their folded description (new ones get it from the entity on every write).
    const entries = await this.execute('select id, description from finance_entries');
    for (const entry of entries as { id: string; description: string }[]) {
      this.addSql(
        this.getKnex()('finance_entries')
          .update({ search_text: foldSearchText(entry.description) })
          .where({ id: entry.id }),
      );
    }
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "finance_entries" drop column "search_text";`);
  }

}
