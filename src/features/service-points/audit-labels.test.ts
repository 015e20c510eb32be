import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../../paths.js';
import { officeMessages } from './office-messages.js';

/** Every `action: …` written to the audit log anywhere in src/, with the names it can take. */
function auditedActions(): Set<string> {
  const actions = new Set<string>();
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts')) {
        for (const [, expression] of readFileSync(path, 'utf8').matchAll(/\baction: ([^,\n]+)/g)) {
          for (const [, name] of expression!.matchAll(/'([a-z_]+\.[a-z_]+)'/g)) actions.add(name!);
        }
      }
    }
  };
  visit(fromRoot('src'));
  return actions;
}

describe('audit log labels', () => {
  it('names every audited action in Thai and English, so the log never shows a code', () => {
    const actions = [...auditedActions()];
    expect(actions.length).toBeGreaterThan(20);
    const missing = actions.filter((action) => !(`action_${action}` in officeMessages.th) || !(`action_${action}` in officeMessages.en));
    expect(missing).toEqual([]);
  });
});
