// Kept apart from passwords.ts so client-side forms can import the rule without the hasher.
export const MIN_PASSWORD_LENGTH = 10;
