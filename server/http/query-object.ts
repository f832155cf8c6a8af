// The query string as the object trpc-to-openapi's node-http adapter reads from `req.query`
// (name → every value, in order). The adapter's own parser fills a plain `{}`, so a parameter
// named after an Object.prototype member (`?valueOf=1`, `?__proto__=x`, `?constructor=`) found
// the inherited function instead of an array and threw: a 500 for a client's typo. Built on a
// null-prototype object, such a name is one more unknown parameter, ignored like any other.
export function queryObject(params: URLSearchParams): Record<string, string[]> {
  const query = Object.create(null) as Record<string, string[]>;
  params.forEach((value, name) => {
    (query[name] ??= []).push(value);
  });
  return query;
}
