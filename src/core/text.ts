// Small text comparisons shared across the code (no Node built-ins: the policy decision code uses them too).

/** Equal ignoring case; false when either is missing or empty. Logins, emails and SCIM userNames compare this way. */
export const sameIgnoringCase = (a: string | undefined, b: string | undefined): boolean =>
  !!a && !!b && a.toLowerCase() === b.toLowerCase();
