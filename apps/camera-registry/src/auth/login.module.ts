import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { LoginService } from './login.service';
import { SessionsModule } from './sessions.module';

/** `POST /api/auth/login|refresh|logout`. */
@Module({
  imports: [UsersModule, SessionsModule],
  controllers: [AuthController],
  providers: [LoginService],
})
export class LoginModule {}
