export const PLATFORM_CONFIG = Symbol('PLATFORM_CONFIG');
export const KAFKA = Symbol('KAFKA');
// The store connection's token is the store library's, so StoreModule.forFeature finds the connection provided here.
export { STORE } from '@mmt/store';
