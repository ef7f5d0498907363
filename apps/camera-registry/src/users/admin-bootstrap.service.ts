import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { RegistryAuthConfig } from '../auth/registry-auth.config';
import { PasswordHasher } from './password.hasher';
import { UsersRepository } from './users.repository';

export const BOOTSTRAP_ADMIN_USERNAME = 'admin';

/**
 * Creates the first admin, `admin` with BOOTSTRAP_ADMIN_PASSWORD, when no user exists, so that a
 * new installation can be administered. Runs after the migrations; never logs the password.
 */
@Injectable()
export class AdminBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdminBootstrap.name);

  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly config: RegistryAuthConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (await this.users.hasAnyUser()) return;
    const password = this.config.BOOTSTRAP_ADMIN_PASSWORD;
    if (!password) {
      this.logger.warn(
        'no user exists and BOOTSTRAP_ADMIN_PASSWORD is not set: nobody can log in until it is',
      );
      return;
    }
    const created = await this.users.insertFirstAdmin(
      BOOTSTRAP_ADMIN_USERNAME,
      await this.hasher.hash(password),
    );
    if (created) this.logger.log(`created the first admin, "${BOOTSTRAP_ADMIN_USERNAME}"`);
  }
}
