/** Web pages plugin: sign-in, inbox, case pages, dashboards, analyst pages. (Filled in by the web work.) */
import type { Plugin, PluginContext } from '../plugin.js';

export function webPlugin(_ctx: PluginContext): Plugin {
  return { name: 'web' };
}
