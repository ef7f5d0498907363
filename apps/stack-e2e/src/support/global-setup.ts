import { ADMIN_TOKEN_ENV, loginAdmin } from './stack';

/** Logs in as admin once per run; the suite runs in band, so every file sees the variable. */
export default async function globalSetup(): Promise<void> {
  process.env[ADMIN_TOKEN_ENV] = await loginAdmin();
}
