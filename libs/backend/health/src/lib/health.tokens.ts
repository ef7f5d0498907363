import type { Type } from '@nestjs/common';
import type { ReadinessCheck } from './readiness-check';

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');
export type ReadinessCheckClass = Type<ReadinessCheck>;
