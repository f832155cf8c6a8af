// A Host header must be a host name or IP literal with an optional port. Adapters downstream
// build `new URL(path, "http://" + host)`, which throws on `a b`, `x@y` (it becomes userinfo) or
// an empty value: refuse those as a client mistake (400) before anything reads them.
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.?|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** Whether a request's Host header is well-formed; absent (HTTP/1.0) is fine. */
export function isValidHostHeader(host: string | string[] | undefined): boolean {
  if (host === undefined) return true;
  return typeof host === "string" && HOST.test(host);
}
