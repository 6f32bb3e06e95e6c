import {
  CommitmentPolicy,
  KeyringNode,
  KmsKeyringNode,
  KmsNodeClientSupplier,
  buildClient,
} from '@aws-crypto/client-node';

/** The encryption context key that names the store a field belongs to (DPP-NP-10). */
export const STORE_CONTEXT_KEY = 'dpp:store';

/** The encryption context key that names the field (DPP-NP-10). */
export const FIELD_CONTEXT_KEY = 'dpp:field';

/** Each message carries exactly one encrypted data key: the one of the store's key. */
const MAX_ENCRYPTED_DATA_KEYS = 1;

/** Store and field names: short identifiers, never data, because the context is not secret. */
const NAME_PATTERN = /^[A-Za-z0-9._:/-]{1,128}$/;

const { encrypt, decrypt } = buildClient({
  commitmentPolicy: CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT,
  maxEncryptedDataKeys: MAX_ENCRYPTED_DATA_KEYS,
});

/**
 * Options of a `FieldEncryptor`.
 */
export interface FieldEncryptorOptions {
  /**
   * The keyring that wraps the data keys: a `KmsKeyringNode` on the store's `PiiKey` in
   * production (see `FieldEncryptor.withKmsKey`), a raw keyring in tests.
   */
  readonly keyring: KeyringNode;
  /**
   * The store whose fields this encryptor protects, e.g. a table name. It is written into the
   * encryption context of every field, so a ciphertext cannot be moved to another store.
   */
  readonly store: string;
}

/**
 * Options of `FieldEncryptor.withKmsKey`.
 */
export interface KmsFieldEncryptorOptions {
  /**
   * Supplies the KMS client for a region.
   * @default - the Encryption SDK's client supplier, with the default credential chain
   */
  readonly clientProvider?: KmsNodeClientSupplier;
}

/**
 * Encrypts and decrypts single PII fields with the AWS Encryption SDK, so a field stays
 * encrypted end to end where TLS ends on hardware the operator does not control: a third-party
 * proxy or a CDN (DPP-NP-10).
 *
 * Every field is encrypted under an encryption context that names the store and the field. The
 * context is authenticated with the ciphertext (and, with a KMS keyring, shown in CloudTrail),
 * and `decryptField` refuses a ciphertext whose context names another store or field. The
 * context is not secret: store and field names are identifiers, never data.
 *
 * ```ts
 * const fields = FieldEncryptor.withKmsKey(process.env.PII_KEY_ARN!, 'orders');
 * const sealed = await fields.encryptField('buyerName', order.buyerName);
 * const name = await fields.decryptField('buyerName', sealed);
 * ```
 *
 * The role that runs this code needs `PiiKey.grantFieldEncryption(role)`.
 */
export class FieldEncryptor {
  /** An encryptor whose data keys are generated and unwrapped by the KMS key `keyArn`. */
  public static withKmsKey(
    keyArn: string,
    store: string,
    options: KmsFieldEncryptorOptions = {},
  ): FieldEncryptor {
    const keyring = new KmsKeyringNode({
      generatorKeyId: keyArn,
      ...(options.clientProvider && { clientProvider: options.clientProvider }),
    });
    return new FieldEncryptor({ keyring, store });
  }

  private readonly keyring: KeyringNode;
  private readonly store: string;

  public constructor(options: FieldEncryptorOptions) {
    checkName('store', options.store);
    this.keyring = options.keyring;
    this.store = options.store;
  }

  /** The encryption context of one field of this encryptor's store. */
  public encryptionContextFor(field: string): Record<string, string> {
    checkName('field', field);
    return { [STORE_CONTEXT_KEY]: this.store, [FIELD_CONTEXT_KEY]: field };
  }

  /** Encrypts the value of `field`; returns the Encryption SDK message, base64-encoded. */
  public async encryptField(field: string, plaintext: string): Promise<string> {
    const { result } = await encrypt(this.keyring, plaintext, {
      encryptionContext: this.encryptionContextFor(field),
    });
    return result.toString('base64');
  }

  /**
   * Decrypts a value `encryptField` produced for the same store and field. Throws when the
   * ciphertext was altered, was made by another key, or names another store or field.
   */
  public async decryptField(field: string, ciphertext: string): Promise<string> {
    const expected = this.encryptionContextFor(field);
    const { plaintext, messageHeader } = await decrypt(
      this.keyring,
      Buffer.from(ciphertext, 'base64'),
    );
    for (const [key, value] of Object.entries(expected)) {
      if (messageHeader.encryptionContext[key] !== value) {
        throw new Error(
          `The ciphertext was not made for ${key} ${JSON.stringify(value)}: its encryption ` +
            `context names ${JSON.stringify(messageHeader.encryptionContext[key] ?? null)}`,
        );
      }
    }
    return plaintext.toString('utf8');
  }
}

function checkName(what: string, name: string): void {
  if (!NAME_PATTERN.test(name)) {
    throw new Error(
      `\`${what}\` must be an identifier of 1 to 128 letters, digits or ._:/- (the encryption ` +
        `context is not secret, so it never holds data) (DPP-NP-10), got: ${JSON.stringify(name)}`,
    );
  }
}
