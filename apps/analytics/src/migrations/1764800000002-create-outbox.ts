import { createOutboxTable, dropOutboxTable } from '@gt-vision/backend-outbox';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** The transactional outbox of analytics' events (`alert.raised`), relayed by backend-outbox. */
export class CreateOutbox1764800000002 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await createOutboxTable(queryRunner, 'analytics');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropOutboxTable(queryRunner, 'analytics');
  }
}
