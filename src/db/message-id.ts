/**
 * The domain part of every Message-ID the product mints (outbox rows, digests, sign-in links), so replies and
 * threads stay together. Lives at the bottom layer: the engine writes it, notify and web send with it.
 */
export const MESSAGE_ID_DOMAIN = 'statutory-workflow.local';
