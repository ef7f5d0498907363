import { JwtError } from './jwt';

/** Why `run` refused a token (its JwtError's reason); any other outcome fails the test. */
export async function failure(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    if (error instanceof JwtError) return error.reason;
    throw error;
  }
  throw new Error('expected the token to be refused');
}
