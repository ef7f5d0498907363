import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { AllowRoles, CurrentPrincipal, type Principal } from '@gt-vision/backend-auth';
import { Roles } from '@gt-vision/shared-types';
import { LiveTokenResponse } from './live-token.responses';
import { LiveTokenStore } from './live-token.store';

/** People watch the live view: users of every role, not machine clients. */
@ApiTags('live')
@Controller('api/analytics/live-token')
@AllowRoles(Roles.admin, Roles.operator, Roles.viewer)
export class LiveTokenController {
  constructor(private readonly tokens: LiveTokenStore) {}

  @Post()
  @HttpCode(201)
  @ApiCreatedResponse({ type: LiveTokenResponse })
  issue(@CurrentPrincipal() principal: Principal) {
    return this.tokens.issue(principal);
  }
}
