import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

/** Credentials MediaMTX's authorisation callback recognises besides access tokens. */
export class MediaMtxAuthConfig {
  /**
   * Password of the demo camera simulator, the only client that may publish (to `sim_N`, as user
   * `simulator`). Unset: nobody may publish.
   */
  @IsOptional()
  @IsString()
  @MinLength(16)
  @MaxLength(256)
  SIMULATOR_PUBLISH_PASSWORD?: string;
}
