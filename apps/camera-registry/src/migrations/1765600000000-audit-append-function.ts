import { createAuditAppend, dropAuditAppend } from '@gt-vision/backend-audit';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** `audit.append`: an audit append in one statement, one round trip (see createAuditAppend). */
export class AuditAppendFunction1765600000000 implements MigrationInterface {
  up = (queryRunner: QueryRunner) => createAuditAppend(queryRunner);
  down = (queryRunner: QueryRunner) => dropAuditAppend(queryRunner);
}
