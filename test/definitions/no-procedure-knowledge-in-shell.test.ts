/**
 * The claim of the architecture: everything about a procedure lives in its definition. The shell (src/ outside
 * src/domain/) names no procedure id, event type, 様式 number, deadline, setting or procedure title; it reads
 * the definitions generically. Adding a procedure therefore never touches the shell.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allDefinitions } from '../../definitions/index.js';
import { flatSettingName } from '../../definitions/common/settings.js';
import { DEADLINE_EVENT } from '../../definitions/types.js';

const ROOT = new URL('../../', import.meta.url).pathname;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

const shell = files(join(ROOT, 'src')).filter((f) => !relative(ROOT, f).startsWith('src/domain/'));
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What only a definition may say: each as a pattern and why. */
function forbidden(): { pattern: RegExp; what: string }[] {
  const out: { pattern: RegExp; what: string }[] = [{ pattern: /様式\s*[0-9０-９]/, what: 'a 様式 number' }];
  // Terms of the manual's procedures that belong in their definitions' texts.
  for (const term of ['知事証明', '合格証', '修了証', '試験問題', '試験実施', '訓練修了', '追試験', '休止', '再交付', '取消し']) {
    out.push({ pattern: new RegExp(term), what: `procedure wording 「${term}」` });
  }
  for (const d of allDefinitions) {
    out.push({ pattern: new RegExp(`['"\`/]${escape(d.id)}['"\`/]`), what: `procedure id ${d.id}` });
    out.push({ pattern: new RegExp(escape(d.title)), what: `procedure title ${d.title}` });
    for (const type of Object.keys(d.events)) if (type !== DEADLINE_EVENT) out.push({ pattern: new RegExp(`\\b${type}\\b`), what: `event type ${type}` });
    for (const name of Object.keys(d.deadlines)) out.push({ pattern: new RegExp(`['"\`]${escape(name)}['"\`]`), what: `deadline ${name}` });
    for (const s of d.settings) {
      out.push({ pattern: new RegExp(`\\b${flatSettingName(d.id, s.key)}\\b`), what: `setting ${flatSettingName(d.id, s.key)}` });
      out.push({ pattern: new RegExp(escape(s.label)), what: `setting label ${s.label}` });
    }
    for (const e of Object.values(d.events)) if (e.form) out.push({ pattern: new RegExp(escape(e.form)), what: `form ${e.form}` });
  }
  return out;
}

describe('no procedure knowledge outside the definitions', () => {
  it('src/ (outside src/domain/) names no procedure, event, 様式, deadline or setting', () => {
    const found: string[] = [];
    const rules = forbidden();
    for (const file of shell) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          for (const r of rules) if (r.pattern.test(line)) found.push(`${relative(ROOT, file)}:${i + 1}: ${r.what}: ${line.trim().slice(0, 120)}`);
        });
    }
    expect(found).toEqual([]);
  });

  it('scans the whole shell and knows every procedure (the scan itself is not empty)', () => {
    expect(shell.length).toBeGreaterThan(50);
    expect(forbidden().length).toBeGreaterThan(allDefinitions.length * 5);
  });
});
