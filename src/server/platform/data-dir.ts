/**
 * DATA_DIR, checked before anything writes there. Node's recursive mkdir loops
 * forever on some pseudo-filesystems (a missing path under /proc/self answers
 * ENOENT to every attempt), so the folder is made one level at a time, on a
 * real filesystem, and proven writable — or start-up stops with one line.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from './config';

/** statfs(2) magic numbers of kernel pseudo-filesystems (linux/magic.h). */
const PSEUDO_FILESYSTEMS: Record<number, string> = {
  0x9fa0: 'the kernel process filesystem (/proc)',
  0x62656572: 'sysfs (/sys)',
  0x1cd1: 'devpts',
  0x64626720: 'debugfs',
  0x27e0eb: 'cgroup',
  0x63677270: 'cgroup2',
};

export function prepareDataDir(dir: string): void {
  const fail = (reason: string) => {
    throw new ConfigError(`invalid configuration: DATA_DIR ${dir} cannot be used: ${reason}`);
  };
  const missing: string[] = [];
  let existing = path.resolve(dir);
  while (!fs.existsSync(existing)) {
    missing.unshift(existing);
    const parent = path.dirname(existing);
    if (parent === existing) fail('no part of the path exists');
    existing = parent;
  }
  if (!fs.statSync(existing).isDirectory()) fail(`${existing} is not a folder`);
  const kind = PSEUDO_FILESYSTEMS[Number(fs.statfsSync(existing).type)];
  if (kind) fail(`${existing} is on ${kind}, not a disk`);
  for (const folder of missing) {
    try {
      fs.mkdirSync(folder);
    } catch (error) {
      fail(`could not create ${folder} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  try {
    fs.accessSync(dir, fs.constants.W_OK);
  } catch {
    fail('the folder is not writable');
  }
}
