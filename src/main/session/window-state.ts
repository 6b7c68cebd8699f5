import { z } from 'zod';

const Pixels = z.number().int().min(-100_000).max(100_000);

export const WindowBounds = z.object({
  x: Pixels,
  y: Pixels,
  width: z.number().int().min(1).max(100_000),
  height: z.number().int().min(1).max(100_000),
});
export type WindowBounds = z.infer<typeof WindowBounds>;

/** The window as it was left: its bounds when not maximized, and whether it was. */
export const WindowState = z.object({
  bounds: WindowBounds,
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof WindowState>;

/** The part of a display a window may use (Electron's `Display.workArea`). */
export interface WorkArea {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** How much of the title bar must be on a display for the user to grab it. */
export const MIN_VISIBLE = { width: 120, height: 40 } as const;

function overlap(a: WindowBounds, b: WorkArea): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * Where to open the window: where it was, unless the display it was on is gone (a monitor
 * unplugged, a resolution lowered) — then centred on the primary display. Its size never
 * exceeds the display it lands on nor goes under the window's minimum.
 */
export function placeOnScreen(
  saved: WindowBounds,
  displays: readonly WorkArea[],
  minimum: { width: number; height: number },
): WindowBounds {
  const primary = displays[0];
  if (primary === undefined) return saved;
  // The title bar's strip: what the user needs on screen to move the window.
  const titleBar = { ...saved, height: Math.min(saved.height, MIN_VISIBLE.height) };
  const home = displays.find((area) => {
    const visible = overlap(titleBar, area);
    return visible.width >= MIN_VISIBLE.width && visible.height >= Math.min(MIN_VISIBLE.height, titleBar.height);
  });
  const area = home ?? primary;
  const width = Math.max(minimum.width, Math.min(saved.width, area.width));
  const height = Math.max(minimum.height, Math.min(saved.height, area.height));
  if (home) {
    // Still reachable: only pulled back inside if its size had to shrink.
    const x = Math.min(Math.max(saved.x, area.x), area.x + area.width - width);
    const y = Math.min(Math.max(saved.y, area.y), area.y + area.height - height);
    return { x: width === saved.width ? saved.x : x, y: height === saved.height ? saved.y : y, width, height };
  }
  return {
    x: Math.round(area.x + (area.width - width) / 2),
    y: Math.round(area.y + (area.height - height) / 2),
    width,
    height,
  };
}
