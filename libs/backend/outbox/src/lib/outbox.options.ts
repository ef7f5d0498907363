/** Which outbox a service relays: the table `<schema>.outbox` (see createOutboxTable). */
export interface OutboxOptions {
  schema: string;
}

export const OUTBOX_OPTIONS = Symbol('OUTBOX_OPTIONS');
