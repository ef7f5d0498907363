import { BadRequestException, Param, ParseUUIDPipe } from '@nestjs/common';

/** A route parameter that must be a UUID; anything else is a 400 naming the parameter. */
export const UuidParam = (name = 'id') =>
  Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () =>
        new BadRequestException({
          message: `${name} must be a UUID`,
          details: [{ field: name, problem: 'must be a UUID' }],
        }),
    }),
  );
