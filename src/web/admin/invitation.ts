/** The invitation e-mail: who the account is for and the one-time sign-in link, sent through the product's mailer. */
import { randomUUID } from 'node:crypto';
import { MESSAGE_ID_DOMAIN } from '../../db/message-id.js';
import type { MailTransport } from '../../notify/transport.js';
import { roleLabel } from '../../roles.js';
import { signInUrl } from '../routes/sign-in.js';
import { INVITE_LINK_TTL_MS } from './users.js';

export interface Invitee {
  email: string;
  name: string | null;
  role: string;
  orgName: string | null;
}

export function invitationMail(publicUrl: string, who: Invitee, linkToken: string, now: Date) {
  const url = signInUrl(publicUrl, linkToken);
  const base = publicUrl.replace(/\/$/, '');
  const hours = INVITE_LINK_TTL_MS / 3_600_000;
  const as = who.orgName ? `${roleLabel(who.role)}（${who.orgName}）` : roleLabel(who.role);
  const text = [
    `${who.name ? `${who.name} 様` : 'ご担当者様'}`,
    '',
    '認定職業訓練 手続管理システムの利用者として登録されました。',
    `役割: ${as}`,
    `ログインに使うメールアドレス: ${who.email}`,
    '',
    '次のリンクを開き、「ログイン」ボタンを押してください。',
    '',
    url,
    '',
    `このリンクは${hours}時間、1回だけ有効です。期限が切れたときや次回からは、ログイン画面（${base}/sign-in）でメールアドレスを入力すると、ログイン用のリンクが届きます。`,
    '心当たりのない場合は、このメールを破棄してください。',
    '',
  ].join('\n');
  return {
    to: [who.email],
    subject: '【認定職業訓練 手続管理】利用者登録のお知らせ（ログイン用リンク）',
    text,
    messageId: `<invite-${randomUUID()}@${MESSAGE_ID_DOMAIN}>`,
    date: now,
  };
}

export const sendInvitation = (mailer: MailTransport, publicUrl: string, who: Invitee, linkToken: string, now: Date) =>
  mailer.send(invitationMail(publicUrl, who, linkToken, now));
