// A vitest setup file (vitest.config.ts `setupFiles`): it runs in each test file's module context,
// so the folders that file's tests made with `tempDir` are removed once they have all ended (its
// hook registered first, it runs after the file's own `afterAll`s, which may still use them).
import { afterAll } from 'vitest';
import { removeTempDirs } from './tempDir.testkit.ts';

afterAll(removeTempDirs);
