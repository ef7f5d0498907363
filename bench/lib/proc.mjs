// CPU and memory accounting of processes and of the whole machine, read from /proc (Linux; times in
// USER_HZ, 100 a second). The stack's services are found by the port they listen on.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const TICKS = 100;

/** The pid listening on a TCP port (the stack's services run outside any container), or undefined. */
export function pidOnPort(port) {
  try {
    return pidsOnPort(port)[0];
  } catch {
    return undefined;
  }
}

/** Every pid holding a listening TCP port (a master and its workers, e.g. nginx), in no set order. */
export function pidsOnPort(port) {
  const out = execFileSync('ss', ['-Hltnp', `sport = :${port}`], { encoding: 'utf8' });
  return [...new Set([...out.matchAll(/pid=(\d+)/g)].map((m) => Number(m[1])))];
}

/** Of the processes holding a port, the one whose parent is not among them: the master of a tree. */
export function masterOnPort(port) {
  const pids = pidsOnPort(port);
  return pids.find((pid) => {
    const ppid = Number(/^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return !pids.includes(ppid);
  });
}

/** utime, stime, cutime, cstime of /proc/<pid>/stat, in ticks; undefined when the process is gone. */
function statTimes(pid) {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return f.slice(11, 15).map(Number);
  } catch {
    return undefined;
  }
}

/** CPU seconds (user + system) a process has used itself. */
export function ownCpuSeconds(pid) {
  const t = statTimes(pid);
  return t && (t[0] + t[1]) / TICKS;
}

/** CPU seconds (user + system) a process and its waited-for children have used. */
export function procCpuSeconds(pid) {
  const t = statTimes(pid);
  return t && (t[0] + t[1] + t[2] + t[3]) / TICKS;
}

/** CPU seconds of this process's waited-for children: a child's own, once it has exited. */
export function childrenCpuSeconds() {
  const t = statTimes('self');
  return (t[2] + t[3]) / TICKS;
}

/**
 * CPU seconds of a process tree one level deep: the process with its exited (reaped) children, plus
 * its live children's own time. For PostgreSQL's postmaster this is every backend, including those
 * that ended between two readings, and only this stack's (other stacks share the pid namespace).
 */
export function treeCpuSeconds(pid) {
  const own = procCpuSeconds(pid);
  if (own === undefined) return 0;
  return childrenOf(pid).reduce((sum, child) => sum + (ownCpuSeconds(child) ?? 0), own);
}

/** CPU seconds of every process whose command line matches (e.g. all PostgreSQL backends). */
export function cpuSecondsOf(pattern) {
  const out = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  let total = 0;
  for (const line of out.split('\n')) {
    const m = line.trim().match(/^(\d+)\s+(.*)$/);
    if (m && pattern.test(m[2])) total += procCpuSeconds(Number(m[1])) ?? 0;
  }
  return total;
}

/** Busy, idle (idle + iowait) and total jiffies of the whole machine. */
export function machineTicks() {
  const f = readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const idle = f[3] + f[4];
  const total = f.reduce((a, b) => a + b, 0);
  return { busy: total - idle, idle, total };
}

/**
 * A CPU reading to compare with a later one (cpuPercentBetween): the machine, the processes of
 * `pids` (name → pid), for `patterns` (name → command-line pattern) every process matching, and for
 * `trees` (name → pid) each process with its children (treeCpuSeconds).
 */
export function cpuSnapshot(pids = {}, patterns = {}, trees = {}) {
  const out = { at: performance.now(), machine: machineTicks() };
  for (const [name, pid] of Object.entries(pids)) out[name] = procCpuSeconds(pid) ?? 0;
  for (const [name, pattern] of Object.entries(patterns)) out[name] = cpuSecondsOf(pattern);
  for (const [name, pid] of Object.entries(trees)) out[name] = pid ? treeCpuSeconds(pid) : 0;
  return out;
}

/** Between two snapshots: the machine's busy share and each process's share of one core, in % (0.1). */
export function cpuPercentBetween(a, b) {
  const seconds = (b.at - a.at) / 1000;
  const out = {
    machine:
      Math.round(((b.machine.busy - a.machine.busy) / (b.machine.total - a.machine.total)) * 1000) /
      10,
  };
  for (const k of Object.keys(a))
    if (!['at', 'machine'].includes(k)) out[k] = Math.round(((b[k] - a[k]) / seconds) * 1000) / 10;
  return out;
}

/** The pids whose parent is `pid` (e.g. a service's ffmpeg readers). */
export function childrenOf(pid) {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number)
    .filter((p) => {
      try {
        return Number(/^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${p}/status`, 'utf8'))[1]) === pid;
      } catch {
        return false;
      }
    });
}

/** Proportional set size of a process in KiB (its share of shared pages counted once), 0 when gone. */
export function pssKb(pid) {
  try {
    return Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))[1]);
  } catch {
    return 0;
  }
}
