/** Shared classes for Radix dropdown menus. */
export const menuContent =
  'z-50 min-w-48 rounded-md border border-gray-300 bg-white p-1 text-sm text-gray-900 shadow-lg dark:border-gray-600 dark:bg-gray-800 dark:text-gray-100';
export const menuItem =
  'relative flex cursor-default select-none items-center rounded px-2 py-1.5 pl-7 outline-none data-[highlighted]:bg-indigo-600 data-[highlighted]:text-white data-[disabled]:opacity-60';
export const menuItemDanger =
  'relative flex cursor-default select-none items-center rounded px-2 py-1.5 pl-7 text-red-700 outline-none data-[highlighted]:bg-red-700 data-[highlighted]:text-white dark:text-red-300';
export const menuSeparator = 'my-1 h-px bg-gray-200 dark:bg-gray-600';
