import { ApiProperty } from '@nestjs/swagger';

/** An ISO-8601 time as the API writes it (`Date.toISOString()`). */
export const ApiTimestamp = () => ApiProperty({ format: 'date-time' });
