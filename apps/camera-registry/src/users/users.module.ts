import { Module } from '@nestjs/common';
import { ConfigModule } from '@gt-vision/backend-config';
import { CameraAccessStoreModule } from '../camera-access/camera-access.module';
import { RegistryAuthConfig } from '../auth/registry-auth.config';
import { SessionsModule } from '../auth/sessions.module';
import { AdminBootstrap } from './admin-bootstrap.service';
import { PasswordHashConfig } from './password-hash.config';
import { PasswordHasher } from './password.hasher';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

/** `GET/POST/PATCH/DELETE /api/users[/:id]` for admins, and the first admin at start-up. */
@Module({
  imports: [
    ConfigModule.forFeature(RegistryAuthConfig),
    ConfigModule.forFeature(PasswordHashConfig),
    SessionsModule,
    CameraAccessStoreModule,
  ],
  controllers: [UsersController],
  providers: [UsersRepository, UsersService, PasswordHasher, AdminBootstrap],
  exports: [UsersRepository, PasswordHasher],
})
export class UsersModule {}
