/**
 * Tables of the web pages: one-time sign-in links, browser sessions and private calendar-feed URLs.
 * Only SHA-256 hashes of the secrets are stored: a leaked table opens no session and no feed.
 */
import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const at = (name: string) => timestamp(name, { withTimezone: true });

export const signInLinks = pgTable(
  'sign_in_links',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id').notNull(),
    createdAt: at('created_at').notNull(),
    expiresAt: at('expires_at').notNull(),
    /** Set when the link is used: a link signs in once. */
    usedAt: at('used_at'),
  },
  (t) => [index('sign_in_links_user_idx').on(t.userId)],
);

export const webSessions = pgTable(
  'web_sessions',
  {
    idHash: text('id_hash').primaryKey(),
    userId: uuid('user_id').notNull(),
    createdAt: at('created_at').notNull(),
    expiresAt: at('expires_at').notNull(),
    revokedAt: at('revoked_at'),
  },
  (t) => [index('web_sessions_user_idx').on(t.userId)],
);

export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    tokenHash: text('token_hash').primaryKey(),
    orgId: uuid('org_id').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: at('created_at').notNull(),
    revokedAt: at('revoked_at'),
  },
  (t) => [index('calendar_feeds_org_idx').on(t.orgId)],
);
