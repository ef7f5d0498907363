import { BadRequestException } from '@nestjs/common';
import { PlateRules, WatchlistRules, type CreateWatchlistEntryDto } from '@gt-vision/shared-types';

function invalid(field: string, problem: string): BadRequestException {
  return new BadRequestException({
    message: `${field} ${problem}`,
    details: [{ field, problem }],
  });
}

/**
 * The cross-field rules of an entry, which the DTO's per-field checks cannot express: `?` and `*`
 * belong to wildcard entries only; a pattern must name enough characters not to flag every car; an
 * expiry is in the future.
 */
export function checkWatchlistEntry(dto: CreateWatchlistEntryDto, now = new Date()): void {
  if (dto.match !== 'wildcard' && !PlateRules.pattern.test(dto.plate)) {
    throw invalid(
      'plate',
      `must hold ${PlateRules.minLength}-${PlateRules.maxLength} letters or digits ("?" and "*" need match=wildcard)`,
    );
  }
  const literals = dto.plate.replace(/[?*]/g, '').length;
  if (dto.match === 'wildcard' && literals < WatchlistRules.wildcardMinLiterals) {
    throw invalid(
      'plate',
      `must name at least ${WatchlistRules.wildcardMinLiterals} letters or digits besides "?" and "*"`,
    );
  }
  if (dto.expiresAt && Date.parse(dto.expiresAt) <= now.getTime()) {
    throw invalid('expiresAt', 'must be in the future');
  }
}
