import { createAuditTable, dropAuditTable } from '@gt-vision/backend-audit';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail (schema `audit`): the registry owns it (identity lives here; it serves and verifies
 * it), and every service appends to it through libs/backend/audit.
 */
export class CreateAudit1764600000000 implements MigrationInterface {
  up = (queryRunner: QueryRunner) => createAuditTable(queryRunner);
  down = (queryRunner: QueryRunner) => dropAuditTable(queryRunner);
}
