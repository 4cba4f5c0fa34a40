export { assertStorageKey, newStorageKey } from './keys.ts';
export { S3Storage } from './s3.ts';
export { type FileStorage, fileStorageFor, LocalStorage } from './storage.ts';
