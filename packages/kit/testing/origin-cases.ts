/**
 * Entries of `CORS_ALLOWED_ORIGINS` that the kit's one parser refuses, with the problem each
 * gets: the kit's tests and every package that reads origins through it check the same table.
 */
export const REFUSED_ORIGINS: readonly (readonly [entry: string, problem: RegExp])[] = [
  ['*', /'\*' is not allowed/],
  ['null', /'null' is not allowed/],
  ['http://app.example.com', /not an origin/],
  ['https://app.example.com/path', /not an origin/],
  ['https://user@app.example.com', /not an origin/],
  ['app.example.com', /not an origin/],
  ['https://*.example.com', /not an origin/],
  ['ftp://app.example.com', /not an origin/],
];
