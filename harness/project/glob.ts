import * as fs from 'node:fs';
import * as path from 'node:path';

/** True when `pattern` holds glob syntax (`*`, `?`, `[...]`, `{a,b}`). */
export function isGlob(pattern: string): boolean {
  return /[*?[{]/.test(pattern);
}

/**
 * Files matching `pattern` relative to `cwd`, sorted: `*` and `?` within one path segment,
 * `**` across segments, `[abc]` classes and `{a,b}` alternatives. node_modules and dot
 * directories are not walked unless the pattern names them. (Node 20 has no fs.glob.)
 */
export function globFiles(pattern: string, cwd: string): string[] {
  const norm = pattern.split(path.sep).join('/');
  const absolute = path.isAbsolute(pattern);
  const segments = norm.split('/');
  let i = 0;
  while (i < segments.length - 1 && !isGlob(segments[i]!)) i++;
  const base = segments.slice(0, i).join('/');
  const baseDir = absolute ? (base === '' ? '/' : base) : path.resolve(cwd, base);
  const re = globRegExp(segments.slice(i).join('/'));
  const rest = segments.slice(i);
  const walkHidden = /(^|\/)(\.|node_modules)/.test(rest.join('/'));
  // without `**` a match is exactly rest.length segments deep: do not walk further down
  const maxDepth = rest.some((s) => s.includes('**')) ? Number.POSITIVE_INFINITY : rest.length - 1;
  const out: string[] = [];
  const walk = (dir: string, rel: string, depth: number): void => {
    let names: fs.Dirent[];
    try { names = fs.readdirSync(dir, { withFileTypes: true }); } catch { return; }
    for (const d of names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const r = rel === '' ? d.name : `${rel}/${d.name}`;
      if (d.isDirectory()) {
        if (!walkHidden && (d.name.startsWith('.') || d.name === 'node_modules')) continue;
        if (depth < maxDepth) walk(path.join(dir, d.name), r, depth + 1);
      } else if (re.test(r)) out.push(path.join(dir, d.name));
    }
  };
  walk(baseDir, '', 0);
  return out;
}

/** The RegExp of a glob over '/'-separated relative paths. */
export function globRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        // `**/` matches zero or more directories; a trailing `**` matches everything below
        const slash = glob[i + 2] === '/';
        re += slash ? '(?:[^/]+/)*' : '.*';
        i += slash ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else { re += `[${glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`; i = end; }
    } else if (c === '{') {
      const end = glob.indexOf('}', i + 1);
      if (end < 0) re += '\\{';
      else { re += `(?:${glob.slice(i + 1, end).split(',').map((alt) => globRegExp(alt).source.slice(1, -1)).join('|')})`; i = end; }
    } else re += /[.+^$()|\\]/.test(c) ? `\\${c}` : c;
  }
  return new RegExp(`^${re}$`);
}
