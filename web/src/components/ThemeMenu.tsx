'use client';
import * as Menu from '@radix-ui/react-dropdown-menu';
import { useEffect, useState } from 'react';
import { getThemePref, setThemePref, type ThemePref } from '@/lib/theme';
import { IconButton, SunMoonIcon } from './ui';
import { menuContent, menuItem } from './menuStyles';

/** System (default) / light / dark. */
export function ThemeMenu() {
  const [pref, setPref] = useState<ThemePref>('system');
  useEffect(() => setPref(getThemePref()), []);
  return (
    <Menu.Root modal={false}>
      <Menu.Trigger asChild>
        <IconButton label="Theme">
          <SunMoonIcon />
        </IconButton>
      </Menu.Trigger>
      <Menu.Portal>
        <Menu.Content className={menuContent} sideOffset={4} align="end">
          <Menu.Label className="px-2 py-1 text-xs font-semibold text-gray-600 dark:text-gray-300">Theme</Menu.Label>
          <Menu.RadioGroup
            value={pref}
            onValueChange={(v) => {
              const p = v as ThemePref;
              setPref(p);
              setThemePref(p);
            }}
          >
            {(['system', 'light', 'dark'] as const).map((p) => (
              <Menu.RadioItem key={p} value={p} className={menuItem}>
                <Menu.ItemIndicator className="absolute left-2">✓</Menu.ItemIndicator>
                {p === 'system' ? 'Match system' : p === 'light' ? 'Light' : 'Dark'}
              </Menu.RadioItem>
            ))}
          </Menu.RadioGroup>
        </Menu.Content>
      </Menu.Portal>
    </Menu.Root>
  );
}
