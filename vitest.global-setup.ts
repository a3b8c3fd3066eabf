import { createTemplate } from '@picineiros/db/testing';
import type { TestProject } from 'vitest/node';
import '@picineiros/db/testing';

export default async function setup(project: TestProject) {
  // The dialect projects are named after their dialect (see vitest.config.ts).
  const dialect = project.name;
  if (dialect !== 'postgresql' && dialect !== 'sqlite') throw new Error(`no dialect for project ${dialect}`);
  const { info, teardown } = await createTemplate(dialect);
  project.provide('databaseTemplate', info);
  return teardown;
}
