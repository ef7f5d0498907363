import { Global, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ConfigValidationError, loadDeclaredConfig } from '@gt-vision/backend-config';
import { CameraAccess } from '@gt-vision/backend-auth';
import { Database } from '@gt-vision/backend-database';
import { NATS_CLIENT } from '@gt-vision/backend-nats';
import { randomBytes } from 'node:crypto';
import { CameraService } from './camera.service';
import { CamerasModule } from './cameras.module';

/** Stands in for the app's global DatabaseModule, NatsModule and AuthModule. */
@Global()
@Module({
  providers: [
    { provide: Database, useValue: {} },
    { provide: NATS_CLIENT, useValue: {} },
    CameraAccess,
  ],
  exports: [Database, NATS_CLIENT, CameraAccess],
})
class InfrastructureStub {}

describe('CamerasModule', () => {
  it('refuses to start without a valid CREDENTIALS_ENCRYPTION_KEY, naming it', () => {
    expect(() => loadDeclaredConfig({ CREDENTIALS_ENCRYPTION_KEY: 'short' })).toThrow(
      ConfigValidationError,
    );
    expect(() => loadDeclaredConfig({})).toThrow(/CREDENTIALS_ENCRYPTION_KEY/);
  });

  it('wires its providers from the database, NATS and the validated key', async () => {
    loadDeclaredConfig({ CREDENTIALS_ENCRYPTION_KEY: randomBytes(32).toString('base64') });
    const moduleRef = await Test.createTestingModule({
      imports: [InfrastructureStub, CamerasModule],
    }).compile();
    expect(moduleRef.get(CameraService)).toBeInstanceOf(CameraService);
  });
});
