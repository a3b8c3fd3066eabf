// `tsx bench/profile-summary.ts <file.cpuprofile> [top]`: where a V8 CPU profile's time went, as text.
// Self time per package (node_modules/<name>, node internals, or the project's own files) and the top
// functions by self and by inclusive time. Pair it with BENCH_CPU_PROF (see server-process.ts).
import { readFileSync } from 'node:fs';

type CallFrame = { functionName: string; url: string; lineNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] };
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

const [file, topArgument] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [top]');
const top = Number(topArgument ?? 30);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfMicros = new Map<number, number>();
profile.samples.forEach((id, index) => {
  selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
});
const totalMicros = [...selfMicros.values()].reduce((sum, value) => sum + value, 0);

function areaOf(frame: CallFrame): string {
  const url = frame.url;
  if (!url) return frame.functionName.startsWith('(') ? frame.functionName : '(native)';
  if (url.startsWith('node:')) return 'node:internals';
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const [first = '', second = ''] = url.slice(modules + '/node_modules/'.length).split('/');
    return first.startsWith('@') ? `${first}/${second}` : first;
  }
  const project = url.indexOf('/work/main/');
  return project >= 0 ? url.slice(project + '/work/main/'.length) : url;
}

function labelOf(frame: CallFrame): string {
  return `${frame.functionName || '(anonymous)'} ${areaOf(frame)}:${frame.lineNumber + 1}`;
}

const parentOf = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

const selfByArea = new Map<string, number>();
const selfByFunction = new Map<string, number>();
const inclusiveByFunction = new Map<string, number>();
for (const [id, micros] of selfMicros) {
  const node = byId.get(id);
  if (!node) continue;
  const area = areaOf(node.callFrame);
  selfByArea.set(area, (selfByArea.get(area) ?? 0) + micros);
  const label = labelOf(node.callFrame);
  selfByFunction.set(label, (selfByFunction.get(label) ?? 0) + micros);
  // Inclusive: every distinct function on the stack of this sample gets its time once.
  const seen = new Set<string>();
  for (let current: number | undefined = id; current !== undefined; current = parentOf.get(current)) {
    const frame = byId.get(current)?.callFrame;
    if (!frame) break;
    const name = labelOf(frame);
    if (seen.has(name)) continue;
    seen.add(name);
    inclusiveByFunction.set(name, (inclusiveByFunction.get(name) ?? 0) + micros);
  }
}

function print(title: string, entries: Map<string, number>, count: number): void {
  console.log(`\n${title}`);
  for (const [name, micros] of [...entries].sort((a, b) => b[1] - a[1]).slice(0, count)) {
    const share = ((micros / totalMicros) * 100).toFixed(1).padStart(5);
    console.log(`${share} %  ${(micros / 1000).toFixed(0).padStart(7)} ms  ${name}`);
  }
}

console.log(`${file}: ${(totalMicros / 1000).toFixed(0)} ms sampled`);
print('Self time by package', selfByArea, top);
print('Self time by function', selfByFunction, top);
print('Inclusive time by function', inclusiveByFunction, top);
