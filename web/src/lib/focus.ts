/**
 * Focus helpers for forms and the app shell (WCAG 3.3.1, 2.4.3): after a
 * failed submit, focus goes to the first field marked invalid; after login,
 * to the message box.
 */

/** After React has rendered the errors, focuses the form's first `aria-invalid` field. */
export function focusFirstInvalid(form: HTMLFormElement | null): void {
  if (!form) return;
  const run = () => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(run, 0));
  else setTimeout(run, 0);
}

let composerAfterLogin = false;

/** Called on a fresh login or sign-up: the next composer to appear takes focus. */
export function focusComposerNext(): void {
  composerAfterLogin = true;
}

/** The composer asks once whether it should take focus (true once after a login). */
export function takeComposerFocus(): boolean {
  const yes = composerAfterLogin;
  composerAfterLogin = false;
  return yes;
}
