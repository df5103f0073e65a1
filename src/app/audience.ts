/** A narrower audience a page asks the hub for; the hub grants it only if it narrows the token's role. */
export type Audience = 'guest' | 'leader';

/**
 * The audience a page asks for: `/tour` is always a delegation's (a guest's, whatever token opened
 * it), else `?audience=guest|leader` (a kiosk showing a leader's or a visitors' wall). Anything else
 * asks for nothing: the token's own role stands. The UI follows the role the hub confirms in its
 * `session` message, never this request.
 */
export function audienceFor(route: string, search: string): Audience | undefined {
  if (route.startsWith('/tour')) return 'guest';
  const asked = new URLSearchParams(search).get('audience');
  return asked === 'guest' || asked === 'leader' ? asked : undefined;
}
