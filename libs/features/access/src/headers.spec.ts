import { apiKeyFromHeaders } from './headers';

const KEY = 'mmt_0a1b2c3d_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

describe(apiKeyFromHeaders.name, () => {
  it('reads x-api-key', () => {
    expect(apiKeyFromHeaders({ 'x-api-key': KEY })).toBe(KEY);
  });

  it('reads a bearer token, whatever the scheme case and spacing', () => {
    expect(apiKeyFromHeaders({ authorization: `Bearer ${KEY}` })).toBe(KEY);
    expect(apiKeyFromHeaders({ authorization: `bearer   ${KEY} ` })).toBe(KEY);
  });

  it('finds headers whatever their name case', () => {
    expect(apiKeyFromHeaders({ 'X-API-Key': KEY })).toBe(KEY);
    expect(apiKeyFromHeaders({ Authorization: `Bearer ${KEY}` })).toBe(KEY);
  });

  it('prefers x-api-key over authorization', () => {
    expect(apiKeyFromHeaders({ 'x-api-key': KEY, authorization: 'Bearer other' })).toBe(KEY);
  });

  it('takes a header given once as an array, and none given twice', () => {
    expect(apiKeyFromHeaders({ 'x-api-key': [KEY] })).toBe(KEY);
    expect(apiKeyFromHeaders({ 'x-api-key': [KEY, 'other'] })).toBeUndefined();
  });

  it.each([
    {},
    { 'x-api-key': '' },
    { 'x-api-key': '   ' },
    { 'x-api-key': undefined },
    { authorization: KEY },
    { authorization: `Basic ${KEY}` },
    { authorization: 'Bearer' },
    { authorization: 'Bearer a b' },
  ])('finds no key in %j', (headers) => {
    expect(apiKeyFromHeaders(headers)).toBeUndefined();
  });
});
