import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { cachedWatermark, watermarkImage } from "./watermark";

const photo = () => sharp({ create: { width: 320, height: 200, channels: 3, background: "#3a6ea5" } }).jpeg().toBuffer();

describe("watermarked previews", () => {
  it("marks the photo: same size, different pixels", async () => {
    const original = await photo();
    const marked = await watermarkImage(original, "Northlight Media");
    expect(await sharp(marked).metadata()).toMatchObject({ width: 320, height: 200, format: "jpeg" });
    const [a, b] = await Promise.all([original, marked].map((image) => sharp(image).raw().toBuffer()));
    let changed = 0;
    for (let i = 0; i < a!.length; i++) if (Math.abs(a![i]! - b![i]!) > 24) changed++;
    expect(changed / a!.length).toBeGreaterThan(0.02);
  });

  it("renders each preview once, however many ask at the same time, and does not keep a failure", async () => {
    let loads = 0;
    const load = async () => (loads++, photo());
    const key = `k-${Math.random()}`;
    const results = await Promise.all(Array.from({ length: 5 }, () => cachedWatermark(key, "Agency", load)));
    expect(loads).toBe(1);
    expect(new Set(results).size).toBe(1);
    await cachedWatermark(key, "Agency", load);
    expect(loads).toBe(1);

    const failing = `f-${Math.random()}`;
    await expect(cachedWatermark(failing, "Agency", () => Promise.reject(new Error("storage down")))).rejects.toThrow("storage down");
    await expect(cachedWatermark(failing, "Agency", load)).resolves.toBeInstanceOf(Buffer);
  });
});
