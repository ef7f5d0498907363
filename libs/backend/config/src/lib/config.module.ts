import { DynamicModule, Module } from '@nestjs/common';
import { declareConfig, loadedConfig } from './config.registry';
import { ConfigClass } from './env';

/**
 * Provides validated config objects by class. Modules call `forFeature` with the classes they need;
 * the bootstrap validates all declared classes before the application is created.
 */
@Module({})
export class ConfigModule {
  static forFeature(...classes: ConfigClass[]): DynamicModule {
    classes.forEach(declareConfig);
    const providers = classes.map((cls) => ({ provide: cls, useFactory: () => loadedConfig(cls) }));
    return { module: ConfigModule, providers, exports: classes };
  }
}
