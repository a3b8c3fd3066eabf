import type { EntityManager } from '@mikro-orm/knex';
import { Membership, Organization, User } from '../entities';

export const DEMO_EMAIL = 'demo@picineiros.com.br';
export const DEMO_PASSWORD = 'piscina-limpa-2026';

export type DemoSeedResult = { created: boolean; email: string; password: string };

/** Seeds the demo organization and its owner once; later starts find it and change nothing. */
export async function seedDemo(
  em: EntityManager,
  tools: { hashPassword: (password: string) => Promise<string> },
): Promise<DemoSeedResult> {
  const result = { email: DEMO_EMAIL, password: DEMO_PASSWORD };
  if (await em.count(User, { email: DEMO_EMAIL })) return { created: false, ...result };
  await em.transactional(async (tx) => {
    const owner = tx.create(User, {
      email: DEMO_EMAIL,
      name: 'Marina Souza',
      passwordHash: await tools.hashPassword(DEMO_PASSWORD),
      emailVerifiedAt: new Date(),
    });
    const organization = tx.create(Organization, {
      name: 'Piscinas Azul Demonstração',
      document: '11222333000181',
    });
    tx.create(Membership, { user: owner, organization, role: 'owner' });
  });
  return { created: true, ...result };
}
