import {
  ArrayNotEmpty,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  Min,
} from 'class-validator';
import { ConfigValidationError, EnvBoolean, EnvList, EnvNumber, validateEnv } from './env';

class ExampleConfig {
  @EnvNumber()
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  @IsUrl({ require_tld: false })
  UPSTREAM_URL!: string;

  @EnvBoolean()
  @IsBoolean()
  FEATURE_ON = false;

  @EnvList()
  @ArrayNotEmpty()
  @IsString({ each: true })
  BROKERS: string[] = ['127.0.0.1:9092'];

  @IsOptional()
  @IsString()
  SECRET?: string;
}

describe('validateEnv', () => {
  it('converts, defaults and reads only declared variables', () => {
    const config = validateEnv(ExampleConfig, {
      UPSTREAM_URL: 'http://127.0.0.1:9997',
      PORT: '8080',
      FEATURE_ON: 'true',
      BROKERS: 'a:1, b:2',
      UNRELATED: 'ignored',
    });
    expect(config).toEqual({
      PORT: 8080,
      UPSTREAM_URL: 'http://127.0.0.1:9997',
      FEATURE_ON: true,
      BROKERS: ['a:1', 'b:2'],
    });
  });

  it('names every bad variable at once', () => {
    expect.assertions(2);
    try {
      validateEnv(ExampleConfig, { PORT: 'eighty', FEATURE_ON: 'yes' });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigValidationError);
      const variables = (error as ConfigValidationError).problems.map((p) => p.variable);
      expect(new Set(variables)).toEqual(new Set(['PORT', 'UPSTREAM_URL', 'FEATURE_ON']));
    }
  });

  it('treats an empty variable as unset so defaults apply', () => {
    const config = validateEnv(ExampleConfig, { PORT: '', UPSTREAM_URL: 'http://x:1' });
    expect(config.PORT).toBe(3000);
  });

  it('never puts the value of a variable in its message', () => {
    expect(() => validateEnv(ExampleConfig, { UPSTREAM_URL: 'not a url s3cr3t' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('s3cr3t') }),
    );
  });
});
