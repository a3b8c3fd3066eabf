// The API benchmark's load generator: wrk (Debian package `wrk`), a C program on epoll. On this 2-core
// machine the load generator shares the CPUs with the server and Postgres: autocannon, in Node, took
// 0.5–1.0 ms of CPU per request (as much as a third of the server's own), which the server and the
// database then lacked; wrk takes a few hundredths of that, close to a client on another machine.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Prints the run's figures as one JSON line. With WRK_PATHS (a file of request paths), every request takes
// the next path; without it, wrk sends its one prebuilt request (a per-request `request` function costs
// wrk a Lua call per request).
const SCRIPT = `
local paths_file = os.getenv("WRK_PATHS")
if paths_file and paths_file ~= "" then
  local paths = {}
  for line in io.lines(paths_file) do paths[#paths + 1] = line end
  local index = 0
  request = function()
    index = index % #paths + 1
    return wrk.format(nil, paths[index])
  end
end

done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format('{"requests":%d,"durationUs":%d,"errors":%d,"p50Us":%d,"p99Us":%d}\\n',
    summary.requests, summary.duration,
    errors.connect + errors.read + errors.write + errors.status + errors.timeout,
    latency:percentile(50), latency:percentile(99)))
end
`;

/**
 * Latencies in ms; errors: failed connections, reads, writes and timeouts, and non-2xx/3xx answers;
 * cpuMs: wrk's own CPU time (user + system).
 */
export type LoadResult = {
  requests: number;
  seconds: number;
  errors: number;
  p50: number;
  p99: number;
  cpuMs: number;
};

/** bash's `times` prints its own and then its children's user and system times, as `1m2.345s 0m0.010s`. */
function childCpuMsOf(timesOutput: string): number {
  const children = timesOutput.trim().split('\n').at(-1) ?? '';
  return [...children.matchAll(/(\d+)m([\d.]+)s/g)].reduce(
    (sum, [, minutes = '0', seconds = '0']) => sum + (Number(minutes) * 60 + Number(seconds)) * 1000,
    0,
  );
}

/** Throws a clear message when wrk is not installed. */
export function assertLoadGeneratorInstalled(): void {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
  } catch (error) {
    // wrk --version exits 1 after printing its version: only a missing binary is an error.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error('the API benchmark drives the server with wrk: apt-get install wrk', { cause: error });
    }
  }
}

/**
 * Drives `origin` + a fixed path, or each of `paths` in turn (cycling), with `connections` connections
 * over one wrk thread for `seconds`.
 */
export async function runLoad(options: {
  origin: string;
  paths: string | readonly string[];
  headers: Record<string, string>;
  connections: number;
  seconds: number;
}): Promise<LoadResult> {
  const dir = mkdtempSync(join(tmpdir(), 'picineiros-wrk-'));
  try {
    const script = join(dir, 'report.lua');
    writeFileSync(script, SCRIPT);
    let pathsFile = '';
    let url = options.origin;
    if (typeof options.paths === 'string') url += options.paths;
    else {
      pathsFile = join(dir, 'paths.txt');
      writeFileSync(pathsFile, `${options.paths.join('\n')}\n`);
      url += options.paths[0] ?? '/';
    }
    const args = [
      '-t1',
      `-c${String(options.connections)}`,
      `-d${String(options.seconds)}s`,
      '--timeout',
      '10s',
      '-s',
      script,
      ...Object.entries(options.headers).flatMap(([name, value]) => ['-H', `${name}: ${value}`]),
      url,
    ];
    // Through bash, whose `times` then reports wrk's CPU time.
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(
        'bash',
        ['-c', 'wrk "$@" && times', 'wrk', ...args],
        { env: { ...process.env, WRK_PATHS: pathsFile } },
        (error: Error | null, out) => {
          if (error) reject(error);
          else resolve(out);
        },
      );
    });
    const line = stdout.split('\n').find((candidate) => candidate.startsWith('{"requests"'));
    if (!line) throw new Error(`wrk printed no summary:\n${stdout}`);
    const summary = JSON.parse(line) as {
      requests: number;
      durationUs: number;
      errors: number;
      p50Us: number;
      p99Us: number;
    };
    return {
      requests: summary.requests,
      seconds: summary.durationUs / 1e6,
      errors: summary.errors,
      p50: summary.p50Us / 1000,
      p99: summary.p99Us / 1000,
      cpuMs: childCpuMsOf(stdout),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
