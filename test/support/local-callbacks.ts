import { ALLOWED_HOSTS_SETTING, callbackPolicyFromEnv, type CallbackPolicy } from '@mmt/dcsa';

/** The host of the tests' webhook receivers: plain http on 127.0.0.1, which the callback rules refuse by default. */
export const LOCAL_CALLBACK_HOST = '127.0.0.1';

/**
 * Lets callbacks reach the tests' receivers on 127.0.0.1 over http, as WEBHOOK_ALLOWED_HOSTS does for a local
 * demo: sets it for the gateway in this process (it reads the setting on each create and update) and returns the
 * policy to give the webhooks service (whose options the tests pass in, not read from the environment).
 */
export function allowLocalCallbacks(): CallbackPolicy {
  process.env[ALLOWED_HOSTS_SETTING] = LOCAL_CALLBACK_HOST;
  return callbackPolicyFromEnv({ [ALLOWED_HOSTS_SETTING]: LOCAL_CALLBACK_HOST });
}
