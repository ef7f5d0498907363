import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { AccountService } from './account.service';
import { AuthController } from './auth.controller';
import { LoginService } from './login.service';
import { SessionsModule } from './sessions.module';

/** `POST /api/auth/login|refresh|logout|password`, `GET /api/auth/me`. */
@Module({
  imports: [UsersModule, SessionsModule],
  controllers: [AuthController],
  providers: [LoginService, AccountService],
})
export class LoginModule {}
