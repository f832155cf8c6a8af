// Every secret the suite creates or sees (API keys, upload tickets, webhook signing secrets,
// session tokens, password hashes, the Square token, the server's own keys): the log check greps
// the captured trace log for each one.
const SECRET_PATTERNS = [/ma_live_ak_[0-9A-Za-z]{26}/g, /ma_upl_[0-9A-Za-z_-]{20,}/g, /whsec_[0-9A-Za-z+/=_-]{20,}/g];

class SecretRegistry {
  private readonly values = new Map<string, string>();

  add(label: string, value: string): string {
    if (value && value.length >= 12) this.values.set(value, label);
    return value;
  }

  /** Registers every key, ticket and signing secret that appears in a text (a response, CLI output). */
  scan(text: string, label: string): void {
    for (const pattern of SECRET_PATTERNS) for (const match of text.matchAll(pattern)) this.add(label, match[0]);
  }

  entries(): { label: string; value: string }[] {
    return [...this.values].map(([value, label]) => ({ label, value }));
  }
}

export const secrets = new SecretRegistry();
