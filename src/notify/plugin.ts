/** Notifications plugin: outbox dispatcher and notification API. (Filled in by the notification work.) */
import type { Plugin, PluginContext } from '../plugin.js';

export function notifyPlugin(_ctx: PluginContext): Plugin {
  return { name: 'notify' };
}
