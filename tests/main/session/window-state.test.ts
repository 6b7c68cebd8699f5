import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MIN_VISIBLE, placeOnScreen, type WorkArea } from '../../../src/main/session/window-state';

const minimum = { width: 960, height: 600 };
const laptop: WorkArea = { x: 0, y: 0, width: 1440, height: 860 };
const monitorRight: WorkArea = { x: 1440, y: 0, width: 2560, height: 1400 };

describe('placing the window at start', () => {
  it('leaves a window that is on a display where it was', () => {
    const bounds = { x: 100, y: 50, width: 1200, height: 780 };
    expect(placeOnScreen(bounds, [laptop], minimum)).toEqual(bounds);
  });

  it('keeps a window on a second display while that display is there', () => {
    const bounds = { x: 1600, y: 100, width: 1800, height: 1100 };
    expect(placeOnScreen(bounds, [laptop, monitorRight], minimum)).toEqual(bounds);
  });

  it('centres on the primary display a window whose display is gone, shrunk to fit', () => {
    const bounds = { x: 1600, y: 100, width: 1800, height: 1100 };
    expect(placeOnScreen(bounds, [laptop], minimum)).toEqual({ x: 0, y: 0, width: 1440, height: 860 });
    const small = { x: 3000, y: 100, width: 1000, height: 700 };
    expect(placeOnScreen(small, [laptop], minimum)).toEqual({ x: 220, y: 80, width: 1000, height: 700 });
  });

  it('brings back a window whose title bar is above the top edge, where it cannot be grabbed', () => {
    const bounds = { x: 100, y: -500, width: 1000, height: 700 };
    expect(placeOnScreen(bounds, [laptop], minimum)).toEqual({ x: 220, y: 80, width: 1000, height: 700 });
  });

  it('never goes under the minimum size', () => {
    const tiny: WorkArea = { x: 0, y: 0, width: 800, height: 500 };
    expect(placeOnScreen({ x: 0, y: 0, width: 500, height: 300 }, [tiny], minimum)).toMatchObject(minimum);
  });

  it('always leaves enough of the title bar on some display to grab it', () => {
    const area = fc.record({
      x: fc.integer({ min: -4000, max: 4000 }),
      y: fc.integer({ min: -2000, max: 2000 }),
      width: fc.integer({ min: 1000, max: 4000 }),
      height: fc.integer({ min: 700, max: 2400 }),
    });
    const bounds = fc.record({
      x: fc.integer({ min: -20_000, max: 20_000 }),
      y: fc.integer({ min: -20_000, max: 20_000 }),
      width: fc.integer({ min: 1, max: 8000 }),
      height: fc.integer({ min: 1, max: 5000 }),
    });
    fc.assert(
      fc.property(bounds, fc.array(area, { minLength: 1, maxLength: 3 }), (saved, displays) => {
        const placed = placeOnScreen(saved, displays, minimum);
        const grabbable = displays.some((d) => {
          const width = Math.min(placed.x + placed.width, d.x + d.width) - Math.max(placed.x, d.x);
          const top = placed.y >= d.y && placed.y + MIN_VISIBLE.height <= d.y + d.height;
          return width >= MIN_VISIBLE.width && top;
        });
        expect(grabbable).toBe(true);
        expect(placed.width).toBeGreaterThanOrEqual(minimum.width);
        expect(placed.height).toBeGreaterThanOrEqual(minimum.height);
      }),
      { seed: 20261125, numRuns: 500 },
    );
  });
});
