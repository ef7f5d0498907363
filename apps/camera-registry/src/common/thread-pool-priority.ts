import { readdirSync, readFileSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/**
 * Lowers the CPU priority of this process's libuv thread-pool threads (Linux names them
 * `libuv-worker`; a thread id is a valid target of setpriority). Work queued there (password
 * hashing, file-system calls) then yields to the event loop when the CPU is short, so a burst of
 * logins slows logins down rather than every request. A thread already below that priority (the
 * service started under `nice`) is left alone: raising it back needs privileges and is not the aim.
 * Returns how many pool threads now run at that priority or lower; 0 where there is no /proc or the
 * pool has not started yet.
 */
export function lowerThreadPoolPriority(nice: number): number {
  let changed = 0;
  let threads: string[];
  try {
    threads = readdirSync('/proc/self/task');
  } catch {
    return 0;
  }
  for (const tid of threads) {
    try {
      if (readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim() !== 'libuv-worker') continue;
      if (getPriority(Number(tid)) < nice) setPriority(Number(tid), nice);
      changed++;
    } catch {
      // The thread ended meanwhile, or the system refuses: its priority stays as it was.
    }
  }
  return changed;
}
