import { randomBytes } from 'crypto';
import { RawAesKeyringNode, RawAesWrappingSuiteIdentifier } from '@aws-crypto/client-node';
import { DecryptCommand, GenerateDataKeyCommand, KMS, KMSClient } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { FIELD_CONTEXT_KEY, FieldEncryptor, STORE_CONTEXT_KEY } from '../../lib/field-encryption';

function rawKeyring(key: Uint8Array = randomBytes(32)): RawAesKeyringNode {
  return new RawAesKeyringNode({
    keyNamespace: 'cdk-dpp-test',
    keyName: 'field-key',
    unencryptedMasterKey: new Uint8Array(key), // an isolated copy: the keyring zeroes its input
    wrappingSuite: RawAesWrappingSuiteIdentifier.AES256_GCM_IV12_TAG16_NO_PADDING,
  });
}

describe('FieldEncryptor', () => {
  const key = randomBytes(32);
  const orders = new FieldEncryptor({ keyring: rawKeyring(key), store: 'orders' });

  test('round trip through a raw AES keyring returns the plaintext', async () => {
    const sealed = await orders.encryptField('buyerName', 'Jane Q. Buyer');
    expect(sealed).not.toContain('Jane');
    expect(Buffer.from(sealed, 'base64').toString('latin1')).not.toContain('Jane');
    await expect(orders.decryptField('buyerName', sealed)).resolves.toBe('Jane Q. Buyer');
  });

  test('two encryptions of the same value differ', async () => {
    const a = await orders.encryptField('buyerName', 'same');
    const b = await orders.encryptField('buyerName', 'same');
    expect(a).not.toBe(b);
  });

  test('the encryption context names the store and the field', () => {
    expect(orders.encryptionContextFor('shippingAddress')).toEqual({
      [STORE_CONTEXT_KEY]: 'orders',
      [FIELD_CONTEXT_KEY]: 'shippingAddress',
    });
  });

  test('a tampered ciphertext is rejected', async () => {
    const sealed = Buffer.from(await orders.encryptField('buyerName', 'Jane Q. Buyer'), 'base64');
    // Flip one bit in the encrypted body, well past the header.
    sealed[sealed.length - 120] ^= 0x01;
    await expect(orders.decryptField('buyerName', sealed.toString('base64'))).rejects.toThrow();
  });

  test('a ciphertext made for another field is rejected', async () => {
    const sealed = await orders.encryptField('buyerName', 'Jane Q. Buyer');
    await expect(orders.decryptField('shippingAddress', sealed)).rejects.toThrow(
      /not made for dpp:field "shippingAddress": its encryption context names "buyerName"/,
    );
  });

  test('a ciphertext made for another store is rejected', async () => {
    const returns = new FieldEncryptor({ keyring: rawKeyring(key), store: 'returns' });
    const sealed = await returns.encryptField('buyerName', 'Jane Q. Buyer');
    await expect(orders.decryptField('buyerName', sealed)).rejects.toThrow(
      /not made for dpp:store "orders": its encryption context names "returns"/,
    );
  });

  test('a ciphertext made under another key is rejected', async () => {
    const other = new FieldEncryptor({ keyring: rawKeyring(), store: 'orders' });
    const sealed = await other.encryptField('buyerName', 'Jane Q. Buyer');
    await expect(orders.decryptField('buyerName', sealed)).rejects.toThrow();
  });

  test.each([
    ['', 'empty'],
    ['a'.repeat(129), 'too long'],
    ['Jane Buyer', 'a space'],
    ['name=Jane', 'an equals sign'],
  ])('a store name %j (%s) throws with the clause', (store) => {
    expect(() => new FieldEncryptor({ keyring: rawKeyring(), store })).toThrow(
      /`store` must be an identifier .* \(DPP-NP-10\), got: /,
    );
  });

  test.each(['a', 'a'.repeat(128), 'orders-2026/eu.v1:x_y'])(
    'a store name %j at the boundary is accepted',
    (store) => {
      expect(() => new FieldEncryptor({ keyring: rawKeyring(), store })).not.toThrow();
    },
  );

  test.each(['', 'a'.repeat(129), 'buyer name'])('a field name %j throws', async (field) => {
    await expect(orders.encryptField(field, 'x')).rejects.toThrow(/`field` must be/);
  });
});

describe('FieldEncryptor.withKmsKey', () => {
  const KEY_ARN = 'arn:aws:kms:eu-west-1:111122223333:key/11111111-2222-3333-4444-555555555555';
  const kms = mockClient(KMSClient);
  afterEach(() => kms.reset());

  test('asks KMS for a data key under the store and field context, then decrypts with it', async () => {
    const dataKey = randomBytes(32);
    const wrapped = Buffer.from('wrapped-data-key');
    // Fresh copies each call: the SDK zeroes a data key once it is done with it.
    kms.on(GenerateDataKeyCommand).callsFake(() => ({
      KeyId: KEY_ARN,
      Plaintext: new Uint8Array(dataKey),
      CiphertextBlob: wrapped,
    }));
    kms
      .on(DecryptCommand)
      .callsFake(() => ({ KeyId: KEY_ARN, Plaintext: new Uint8Array(dataKey) }));
    const fields = FieldEncryptor.withKmsKey(KEY_ARN, 'orders', {
      clientProvider: () => new KMS({ region: 'eu-west-1' }),
    });

    const sealed = await fields.encryptField('buyerName', 'Jane Q. Buyer');
    await expect(fields.decryptField('buyerName', sealed)).resolves.toBe('Jane Q. Buyer');

    const generate = kms.commandCalls(GenerateDataKeyCommand);
    expect(generate).toHaveLength(1);
    expect(generate[0].args[0].input).toMatchObject({
      KeyId: KEY_ARN,
      EncryptionContext: { [STORE_CONTEXT_KEY]: 'orders', [FIELD_CONTEXT_KEY]: 'buyerName' },
    });
    const decryptCalls = kms.commandCalls(DecryptCommand);
    expect(decryptCalls).toHaveLength(1);
    expect(decryptCalls[0].args[0].input).toMatchObject({
      KeyId: KEY_ARN,
      EncryptionContext: { [STORE_CONTEXT_KEY]: 'orders', [FIELD_CONTEXT_KEY]: 'buyerName' },
    });
  });
});
