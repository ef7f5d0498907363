import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Ip,
  Post,
  Req,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ErrorResponseDto } from '@gt-vision/backend-http';
import {
  AccessTokenVerifier,
  CurrentPrincipal,
  Public,
  type Principal,
} from '@gt-vision/backend-auth';
import { ChangePasswordDto, LoginRequestDto, RefreshRequestDto } from '@gt-vision/shared-types';
import { AccountService } from './account.service';
import { JwksResponse, MeResponse, TokenPairResponse } from './auth.responses';
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
    private readonly tokens: AccessTokenVerifier,
  ) {}

  @Public()
  @Get('.well-known/jwks.json')
  // Short: after a rotation, verifiers that cache it learn the new key within minutes.
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({
    summary: 'Public keys that verify access tokens (JWKS)',
    description:
      'The current signing key and any retired key whose tokens have not all expired yet, each with ' +
      'the `kid` that access tokens name in their header (RFC 7517, RFC 7638 thumbprints).',
  })
  @ApiOkResponse({ type: JwksResponse })
  jwks() {
    return this.tokens.jwks();
  }

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
  login(@Body() dto: LoginRequestDto, @Ip() ip: string, @Req() req: { id?: string }) {
    return this.logins.login(dto, ip, req.id ?? null);
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

  @Get('me')
  @ApiOperation({
    summary: 'Who the caller is',
    description:
      'A user: account and current session (no token, no secret). An API key: its id, name and role.',
  })
  @ApiOkResponse({ type: MeResponse })
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
  @ApiOkResponse({ type: TokenPairResponse, description: 'The caller’s new session' })
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'The caller is not a user' })
  @ApiTooManyRequestsResponse({
    type: ErrorResponseDto,
    description: 'Too many attempts; retry after the `Retry-After` header',
    headers: {
      'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer', minimum: 1 } },
    },
  })
  changePassword(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: ChangePasswordDto,
    @Ip() ip: string,
  ) {
    return this.logins.changePassword(principal, dto, ip);
  }
}
