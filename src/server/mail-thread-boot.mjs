// The mail sender's thread starts here. A worker thread does not inherit its parent's TypeScript
// loader (tsx, registered by `node --import tsx` or by Vitest), so it registers its own first.
import { register } from 'tsx/esm/api';

register();
await import('./mail-thread.ts');
