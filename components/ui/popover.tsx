"use client";
import type { ComponentProps } from "react";
import { Popover as RadixPopover } from "radix-ui";
import { cn } from "./cn";

export const Popover = RadixPopover.Root;
export const PopoverTrigger = RadixPopover.Trigger;
export const PopoverAnchor = RadixPopover.Anchor;
export const PopoverClose = RadixPopover.Close;

export function PopoverContent({ className, sideOffset = 6, align = "start", ...props }: ComponentProps<typeof RadixPopover.Content>) {
  return (
    <RadixPopover.Portal>
      <RadixPopover.Content
        sideOffset={sideOffset}
        align={align}
        collisionPadding={8}
        className={cn("z-50 rounded-lg border border-slate-200 bg-white p-3 shadow-lg focus:outline-none", className)}
        {...props}
      />
    </RadixPopover.Portal>
  );
}
