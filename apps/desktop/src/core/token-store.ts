import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Where the core keeps the refresh token between runs. The Electron shell implements the cipher with
 * safeStorage (the OS keychain); the core never knows how the bytes are protected.
 */
export type TokenStore = {
  load(): Promise<string | null>;
  save(token: string): Promise<void>;
  clear(): Promise<void>;
};

export type TokenCipher = {
  encrypt(plain: string): Promise<Buffer>;
  decrypt(encrypted: Buffer): Promise<string>;
};

/** An encrypted file (main passes safeStorage as the cipher). */
export function createFileTokenStore(file: string, cipher: TokenCipher): TokenStore {
  return {
    load: async () => {
      if (!existsSync(file)) return null;
      try {
        return await cipher.decrypt(readFileSync(file));
      } catch {
        // Unreadable (another OS user, a changed keychain): the user signs in again.
        return null;
      }
    },
    save: async (token) => {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, await cipher.encrypt(token), { mode: 0o600 });
    },
    clear: () => {
      rmSync(file, { force: true });
      return Promise.resolve();
    },
  };
}

/** For tests and for runs without a keychain: nothing outlives the process. */
export function createMemoryTokenStore(): TokenStore & { peek(): string | null } {
  let token: string | null = null;
  return {
    load: () => Promise.resolve(token),
    save: (value) => {
      token = value;
      return Promise.resolve();
    },
    clear: () => {
      token = null;
      return Promise.resolve();
    },
    peek: () => token,
  };
}
