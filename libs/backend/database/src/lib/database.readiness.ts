import { Injectable } from '@nestjs/common';
import { ReadinessCheck } from '@gt-vision/backend-health';
import { DataSource } from 'typeorm';

@Injectable()
export class DatabaseReadiness extends ReadinessCheck {
  readonly name = 'database';

  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async probe() {
    const started = performance.now();
    await this.dataSource.query('SELECT 1');
    return { latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  }
}
