import { Injectable } from '@nestjs/common';

/** Set when a stop has begun, so readiness fails and the edge takes the instance out before it closes. */
@Injectable()
export class ShutdownState {
  draining = false;
}
