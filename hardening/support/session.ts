// A dashboard session over plain HTTP: next-auth's credentials sign-in (CSRF token, then the
// callback), the session cookie it sets, and tRPC calls with it (GET for queries, POST with an
// idempotency key and a same-origin Origin for mutations, as the dashboard's client sends them).
import { randomUUID } from "node:crypto";
import { secrets } from "./secrets";

export class Session {
  private constructor(
    readonly baseUrl: string,
    readonly cookie: string,
  ) {}

  static async signIn(baseUrl: string, email: string, password: string): Promise<Session> {
    const jar = new Map<string, string>();
    const keep = (response: Response) => {
      for (const header of response.headers.getSetCookie()) {
        const [pair] = header.split(";");
        const at = pair!.indexOf("=");
        jar.set(pair!.slice(0, at), pair!.slice(at + 1));
      }
    };
    const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
    const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
    keep(csrf);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const callback = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookieHeader(), Origin: baseUrl },
      body: new URLSearchParams({ csrfToken, email, password, json: "true", callbackUrl: `${baseUrl}/listings` }).toString(),
    });
    keep(callback);
    const token = [...jar].find(([name]) => name.includes("session-token"));
    if (!token) throw new Error(`hardening: sign-in as ${email} set no session cookie (status ${callback.status})`);
    secrets.add(`session token of ${email}`, token[1]);
    return new Session(baseUrl, cookieHeader());
  }

  /** The session cookie's name and value, for a browser context. */
  cookies(): { name: string; value: string }[] {
    return this.cookie.split("; ").map((pair) => {
      const at = pair.indexOf("=");
      return { name: pair.slice(0, at), value: pair.slice(at + 1) };
    });
  }

  async trpc(kind: "query" | "mutation", procedure: string, input: unknown): Promise<{ status: number; body: any; text: string }> {
    const url = `${this.baseUrl}/api/trpc/${procedure}`;
    const response =
      kind === "query"
        ? await fetch(`${url}?input=${encodeURIComponent(JSON.stringify(input ?? {}))}`, { headers: { Cookie: this.cookie } })
        : await fetch(url, {
            method: "POST",
            headers: { Cookie: this.cookie, Origin: this.baseUrl, "Content-Type": "application/json", "X-Idempotency-Key": randomUUID() },
            body: JSON.stringify(input ?? {}),
          });
    const text = await response.text();
    secrets.scan(text, `trpc ${procedure}`);
    let body: any;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    return { status: response.status, body, text };
  }

  /** The result of a tRPC call that must succeed. */
  async ok<T = any>(kind: "query" | "mutation", procedure: string, input: unknown): Promise<T> {
    const answer = await this.trpc(kind, procedure, input);
    if (answer.status !== 200) throw new Error(`hardening: ${procedure} answered ${answer.status}: ${answer.text.slice(0, 300)}`);
    return answer.body.result.data as T;
  }
}
