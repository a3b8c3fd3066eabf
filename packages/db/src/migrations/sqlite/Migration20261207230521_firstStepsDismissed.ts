import { Migration } from '@mikro-orm/migrations';

export class Migration20261207230521_firstStepsDismissed extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`organizations\` add column \`first_steps_dismissed_at\` datetime null;`);
  }

}
