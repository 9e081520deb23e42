import { isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * The files folder next to the database (CoreDeps.filesDir) holds what the database points to by a path relative to
 * it, with '/' separators (check-in photos, uploaded price files), so the folder moves with the database and across
 * systems. Every area that stores a file resolves its path here, below the areas, so none imports another for it.
 */

/** The absolute file of a stored relative path; a path leading out of the files folder is refused, never followed. */
export function absolutePath(filesDir: string, relativePath: string): string {
  const root = resolve(filesDir);
  const file = resolve(root, ...relativePath.split('/'));
  const inside = relative(root, file);
  if (!inside || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) {
    throw new Error(`path outside the files folder: ${relativePath}`);
  }
  return file;
}
