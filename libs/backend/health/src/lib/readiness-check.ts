/**
 * One dependency whose loss makes the service unfit for traffic. `probe` resolves (optionally with
 * details worth showing) when the dependency answers, and rejects with the reason when it does not.
 */
export abstract class ReadinessCheck {
  abstract readonly name: string;
  abstract probe(): Promise<Record<string, unknown> | void>;
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
