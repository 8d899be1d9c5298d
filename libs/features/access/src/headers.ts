type Headers = Record<string, string | string[] | undefined>;

/** One header's value, looked up case-insensitively; a header sent more than once counts as absent (ambiguous). */
function single(headers: Headers, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : headers[key];
  const text = Array.isArray(value) ? (value.length === 1 ? value[0] : undefined) : value;
  const trimmed = text?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

/**
 * The API key a request carries: `x-api-key: <key>`, else `authorization: Bearer <key>`. Only extracts it;
 * whether it is valid is for `ApiKeysRepository.authenticate`.
 */
export function apiKeyFromHeaders(headers: Headers): string | undefined {
  const direct = single(headers, 'x-api-key');
  if (direct !== undefined) {
    return direct;
  }
  const authorization = single(headers, 'authorization');
  const bearer = authorization === undefined ? undefined : /^Bearer\s+(\S+)$/i.exec(authorization);
  return bearer ? bearer[1] : undefined;
}
