import { describe, expect, it } from 'vitest';
import { actualPixelsView, fitView, imageToScreen, panBy, screenToImage, wheelZoomFactor, zoomAt } from './viewTransform';

describe('view transform', () => {
  it('round-trips screen and image coordinates', () => {
    const view = { scale: 2.5, offsetX: 30, offsetY: -12 };
    const p = { x: 123.5, y: 77 };
    const back = screenToImage(view, imageToScreen(view, p));
    expect(back.x).toBeCloseTo(p.x);
    expect(back.y).toBeCloseTo(p.y);
  });

  it('fits and centres a wide image in a tall viewport', () => {
    const view = fitView({ width: 640, height: 360 }, { width: 432, height: 800 });
    expect(view.scale).toBeCloseTo(400 / 640);
    expect(view.offsetX).toBeCloseTo(16);
    expect(view.offsetY).toBeCloseTo((800 - 360 * view.scale) / 2);
  });

  it('keeps the point under the cursor fixed while zooming', () => {
    const view = { scale: 0.5, offsetX: 10, offsetY: 20 };
    const anchor = { x: 200, y: 150 };
    const before = screenToImage(view, anchor);
    const after = screenToImage(zoomAt(view, anchor, 3), anchor);
    expect(after.x).toBeCloseTo(before.x);
    expect(after.y).toBeCloseTo(before.y);
  });

  it('clamps the zoom', () => {
    expect(zoomAt({ scale: 1, offsetX: 0, offsetY: 0 }, { x: 0, y: 0 }, 1e6).scale).toBe(64);
    expect(zoomAt({ scale: 1, offsetX: 0, offsetY: 0 }, { x: 0, y: 0 }, 1e-6).scale).toBe(1 / 32);
  });

  it('goes to 1:1 around the viewport centre', () => {
    const view = { scale: 1 / 3, offsetX: 100, offsetY: 50 };
    const viewport = { width: 800, height: 600 };
    const centre = { x: 400, y: 300 };
    const next = actualPixelsView(view, viewport);
    expect(next.scale).toBe(1);
    expect(screenToImage(next, centre).x).toBeCloseTo(screenToImage(view, centre).x);
  });

  it('pans by screen pixels', () => {
    expect(panBy({ scale: 2, offsetX: 1, offsetY: 2 }, 10, -5)).toEqual({ scale: 2, offsetX: 11, offsetY: -3 });
  });

  it('zooms in on wheel up and out on wheel down', () => {
    expect(wheelZoomFactor(-100, 0)).toBeGreaterThan(1);
    expect(wheelZoomFactor(100, 0)).toBeLessThan(1);
    expect(wheelZoomFactor(3, 1)).toBeCloseTo(wheelZoomFactor(48, 0));
  });
});
