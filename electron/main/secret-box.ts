import { safeStorage } from 'electron';
import log from 'electron-log/main';
import type { SealedSecret, SecretBox } from '../desk-link/desk-config';

/**
 * The desk credential sealed with the operating system's key (safeStorage). Where the system has none (a Linux desk
 * without a keyring), it is kept as it is, readable by the user's account only (desk.json is written 0600), and the
 * log says so.
 */
export const osSecretBox: SecretBox = {
  seal(secret: string): SealedSecret {
    if (safeStorage.isEncryptionAvailable())
      return { encrypted: true, value: safeStorage.encryptString(secret).toString('base64') };
    log.warn('[main] no system keyring: the desk credential is kept unencrypted in desk.json');
    return { encrypted: false, value: secret };
  },
  open(sealed: SealedSecret): string {
    return sealed.encrypted ? safeStorage.decryptString(Buffer.from(sealed.value, 'base64')) : sealed.value;
  },
};
