/** Light/dark theme: follows the system unless the user picks one (kept in localStorage). */
export type ThemePref = 'system' | 'light' | 'dark';
export const THEME_KEY = 'chat.theme';

export function getThemePref(): ThemePref {
  try {
    const v = globalThis.localStorage?.getItem(THEME_KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

export function applyTheme(pref: ThemePref): void {
  const dark =
    pref === 'dark' || (pref === 'system' && globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches === true);
  document.documentElement.classList.toggle('dark', dark);
  document.documentElement.style.colorScheme = dark ? 'dark' : 'light';
}

export function setThemePref(pref: ThemePref): void {
  try {
    if (pref === 'system') globalThis.localStorage?.removeItem(THEME_KEY);
    else globalThis.localStorage?.setItem(THEME_KEY, pref);
  } catch {
    // ignore
  }
  applyTheme(pref);
}

/** Runs before first paint (inline in <head>) so there is no flash of the wrong theme. */
export const themeBootScript = `(function(){try{var p=localStorage.getItem('${THEME_KEY}');var d=p==='dark'||(p!=='light'&&matchMedia('(prefers-color-scheme: dark)').matches);document.documentElement.classList.toggle('dark',d);document.documentElement.style.colorScheme=d?'dark':'light';}catch(e){}})();`;
