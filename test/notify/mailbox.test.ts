import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMailboxTransport } from '../../src/notify/transport.js';

describe('mailbox transport', () => {
  it('lists mails stamped with the same date in the order they were sent', async () => {
    const box = createMailboxTransport(mkdtempSync(join(tmpdir(), 'swe-mailbox-')), 'test <no-reply@localhost>');
    const date = new Date('2026-12-01T01:00:00Z');
    // Message ids chosen so that their file names sort the other way round.
    for (const [i, id] of ['<z@x>', '<m@x>', '<a@x>'].entries()) {
      await box.send({ to: ['school@example.test'], subject: `第${i + 1}便`, text: `${i + 1}`, messageId: id, date });
    }
    expect(box.list().map((m) => m.subject)).toEqual(['第1便', '第2便', '第3便']);
  });
});
