import { Body, Controller, HttpCode, Ip, Post, UseInterceptors } from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ErrorResponseDto } from '@gt-vision/backend-http';
import { CurrentPrincipal, Public, type Principal } from '@gt-vision/backend-auth';
import { LoginRequestDto, RefreshRequestDto } from '@gt-vision/shared-types';
import { TokenPairResponse } from './auth.responses';
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
  @ApiOkResponse({ type: TokenPairResponse })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'Wrong username or password' })
  @ApiTooManyRequestsResponse({
    type: ErrorResponseDto,
    description: 'Too many failed logins; retry after the `Retry-After` header',
    headers: {
      'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer', minimum: 1 } },
    },
  })
  login(@Body() dto: LoginRequestDto, @Ip() ip: string) {
    return this.logins.login(dto, ip);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOkResponse({ type: TokenPairResponse })
  @ApiUnauthorizedResponse({
    type: ErrorResponseDto,
    description: 'Unknown, expired or already used refresh token',
  })
  refresh(@Body() dto: RefreshRequestDto) {
    return this.sessions.refresh(dto.refreshToken);
  }

  @Post('logout')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The session (refresh-token family) is ended' })
  logout(@CurrentPrincipal() principal: Principal) {
    return this.sessions.logout(principal);
  }
}
