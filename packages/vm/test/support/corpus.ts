// The differential corpora's files (vm and stdlib runners): the .lua cases
// under a folder and its skip list.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Every .lua file below `dir`, as a path relative to `root` with '/' separators, sorted. */
export function listCases(root: string, dir = root): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listCases(root, full));
    else if (name.endsWith('.lua')) out.push(relative(root, full).split(sep).join('/'));
  }
  return out;
}

/**
 * `root`/skip.txt: a case and the reason it still differs from lua5.1, one
 * per line ('#' starts a comment line); empty when there is no file.
 */
export function readSkipList(root: string): Map<string, string> {
  const skips = new Map<string, string>();
  let text: string;
  try {
    text = readFileSync(join(root, 'skip.txt'), 'utf8');
  } catch {
    return skips;
  }
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (t === '' || t.startsWith('#')) continue;
    const m = /^(\S+)\s+(.+)$/.exec(t);
    if (!m) throw new Error(`skip.txt: a case needs a reason: ${line}`);
    skips.set(m[1]!, m[2]!);
  }
  return skips;
}
