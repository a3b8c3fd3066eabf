import type { Reporter, TestModule } from 'vitest/node';

type Counts = { passed: number; failed: number; skipped: number };

/**
 * Closes the run with the counts per vitest project (the dialect suites are named after their dialect),
 * then one plain line `Tests: N passed, N failed, N skipped` that CI reads.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: readonly TestModule[]): void {
    const perProject = new Map<string, Counts>();
    const total: Counts = { passed: 0, failed: 0, skipped: 0 };
    for (const module of testModules) {
      const counts = perProject.get(module.project.name) ?? { passed: 0, failed: 0, skipped: 0 };
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        const key = state === 'passed' ? 'passed' : state === 'failed' ? 'failed' : 'skipped';
        counts[key] += 1;
        total[key] += 1;
      }
      // A file that failed to load has no tests but must still fail the run.
      if (module.state() === 'failed' && module.children.size === 0) {
        counts.failed += 1;
        total.failed += 1;
      }
      perProject.set(module.project.name, counts);
    }
    console.log('\nTest counts per suite:');
    for (const [name, counts] of [...perProject].sort(([a], [b]) => a.localeCompare(b))) {
      console.log(
        `  ${name.padEnd(12)} ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`,
      );
    }
    console.log(`Tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  }
}
