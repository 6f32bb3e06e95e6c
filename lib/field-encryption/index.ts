export * from './field-encryptor';
