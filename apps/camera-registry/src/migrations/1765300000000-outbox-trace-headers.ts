import { addOutboxTraceHeaders, dropOutboxTraceHeaders } from '@gt-vision/backend-outbox';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** Each outbox message keeps the trace of the transaction that stored it, for its publish to continue. */
export class OutboxTraceHeaders1765300000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await addOutboxTraceHeaders(queryRunner, 'camera_registry');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropOutboxTraceHeaders(queryRunner, 'camera_registry');
  }
}
