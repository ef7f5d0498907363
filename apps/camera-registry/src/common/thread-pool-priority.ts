import { readdirSync, readFileSync } from 'node:fs';
import { setPriority } from 'node:os';

/**
 * Lowers the CPU priority of this process's libuv thread-pool threads (Linux names them
 * `libuv-worker`; a thread id is a valid target of setpriority). Work queued there (password
 * hashing, file-system calls) then yields to the event loop when the CPU is short, so a burst of
 * logins slows logins down rather than every request. Returns how many threads it changed; 0 where
 * there is no /proc or the pool has not started yet.
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
      setPriority(Number(tid), nice);
      changed++;
    } catch {
      // The thread ended meanwhile, or the system refuses: its priority stays as it was.
    }
  }
  return changed;
}
