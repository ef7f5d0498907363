import { Body, Controller, HttpCode, Ip, Post, UseInterceptors } from '@nestjs/common';
import { ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { ErrorResponseDto } from '@gt-vision/backend-http';
import { CurrentPrincipal, Public, type Principal } from '@gt-vision/backend-auth';
import { LoginRequestDto, RefreshRequestDto } from '@gt-vision/shared-types';
import { LoginService } from './login.service';
import { RetryAfterInterceptor } from './retry-after.interceptor';
import { SessionService } from './session.service';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly logins: LoginService,
    private readonly sessions: SessionService,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @UseInterceptors(RetryAfterInterceptor)
  @ApiTooManyRequestsResponse({
    type: ErrorResponseDto,
    description: 'Too many failed logins; retry after the `Retry-After` header',
  })
  login(@Body() dto: LoginRequestDto, @Ip() ip: string) {
    return this.logins.login(dto, ip);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  refresh(@Body() dto: RefreshRequestDto) {
    return this.sessions.refresh(dto.refreshToken);
  }

  @Post('logout')
  @HttpCode(204)
  logout(@CurrentPrincipal() principal: Principal) {
    return this.sessions.logout(principal);
  }
}
