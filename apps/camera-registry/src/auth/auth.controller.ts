import { Body, Controller, Get, HttpCode, Ip, Post, UseInterceptors } from '@nestjs/common';
import {
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { ErrorResponseDto } from '@gt-vision/backend-http';
import { CurrentPrincipal, Public, type Principal } from '@gt-vision/backend-auth';
import {
  ChangePasswordDto,
  LoginRequestDto,
  MeResponseDto,
  RefreshRequestDto,
  TokenPairResponseDto,
} from '@gt-vision/shared-types';
import { AccountService } from './account.service';
import { LoginService } from './login.service';
import { RetryAfterInterceptor } from './retry-after.interceptor';
import { SessionService } from './session.service';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly logins: LoginService,
    private readonly sessions: SessionService,
    private readonly accounts: AccountService,
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

  @Get('me')
  @ApiOperation({
    summary: 'Who the caller is',
    description:
      'A user: account and current session (no token, no secret). An API key: its id, name and role.',
  })
  @ApiOkResponse({ type: MeResponseDto })
  me(@CurrentPrincipal() principal: Principal) {
    return this.accounts.me(principal);
  }

  @Post('password')
  @HttpCode(200)
  @UseInterceptors(RetryAfterInterceptor)
  @ApiOperation({
    summary: 'Change one’s own password',
    description:
      'Needs the current password (400 naming `currentPassword` when wrong; failures count towards ' +
      'the login lock-out). Ends every session of the user, the caller’s included, and answers a new ' +
      'token pair for the caller.',
  })
  @ApiOkResponse({ type: TokenPairResponseDto, description: 'The caller’s new session' })
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'The caller is not a user' })
  @ApiTooManyRequestsResponse({
    type: ErrorResponseDto,
    description: 'Too many attempts; retry after the `Retry-After` header',
  })
  changePassword(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: ChangePasswordDto,
    @Ip() ip: string,
  ) {
    return this.logins.changePassword(principal, dto, ip);
  }
}
