// What the sign-in form shows when sign-in is locked (imports nothing server-only).

/** What authorize() throws when locked; the sign-in form reads the seconds to wait from it. */
export const LOCKED_ERROR_PREFIX = "SignInLocked:";

/** "15 minutes", "40 seconds": the wait, for the sign-in form. */
export function describeWait(totalSeconds: number): string {
  if (totalSeconds < 60) return `${totalSeconds} second${totalSeconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(totalSeconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}
