import { clsx, type ClassValue } from "clsx";
import { twMerge } from "tailwind-merge";

/**
 * Joins class names (clsx: strings, conditionals, arrays) and lets a later Tailwind class win
 * over an earlier one of the same property (tailwind-merge), so `cn("px-4", className)` with
 * className "px-2" gives "px-2" rather than both.
 */
export function cn(...inputs: ClassValue[]): string {
  return twMerge(clsx(inputs));
}
