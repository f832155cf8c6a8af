import { describe, expect, it } from "vitest";
import { allowedType, cleanFilename, contentDisposition, kindFor, MAX_FILENAME_LENGTH } from "./media-types";
import { readDimensions } from "./inspect";

describe("allowedType", () => {
  it("keeps JPEG, PNG, WebP, HEIC/HEIF, MP4 and PDF", () => {
    expect(allowedType("image/jpeg")).toMatchObject({ contentType: "image/jpeg", extension: "jpg", family: "image" });
    expect(allowedType("image/heic")?.family).toBe("image");
    expect(allowedType("image/heif")?.extension).toBe("heif");
    expect(allowedType("video/mp4")).toMatchObject({ family: "video", extension: "mp4" });
    expect(allowedType("application/pdf")).toMatchObject({ family: "pdf", extension: "pdf" });
  });

  it("refuses everything else, and unknown bytes", () => {
    for (const mime of ["application/x-msdownload", "text/html", "image/gif", "image/svg+xml", "video/quicktime", "image/avif", "application/zip", undefined, ""]) {
      expect(allowedType(mime), String(mime)).toBeNull();
    }
  });
});

describe("kindFor", () => {
  const jpeg = allowedType("image/jpeg")!;
  const mp4 = allowedType("video/mp4")!;
  const pdf = allowedType("application/pdf")!;

  it("defaults: images are photos, videos are videos, PDFs are documents", () => {
    expect(kindFor(jpeg, undefined)).toEqual({ kind: "photo" });
    expect(kindFor(mp4, undefined)).toEqual({ kind: "video" });
    expect(kindFor(pdf, undefined)).toEqual({ kind: "document" });
  });

  it("takes the kind asked for when the type fits it", () => {
    expect(kindFor(pdf, "floor_plan")).toEqual({ kind: "floor_plan" });
    expect(kindFor(jpeg, "floor_plan")).toEqual({ kind: "floor_plan" });
    expect(kindFor(jpeg, "document")).toEqual({ kind: "document" });
  });

  it("says which kinds a type can be when it does not fit", () => {
    expect(kindFor(pdf, "photo")).toEqual({ error: "a application/pdf file cannot be a photo; it can be: document, floor_plan" });
    expect(kindFor(mp4, "photo")).toHaveProperty("error");
    expect(kindFor(jpeg, "video")).toHaveProperty("error");
  });
});

describe("cleanFilename", () => {
  it("keeps an ordinary name as it is", () => {
    expect(cleanFilename("Living Room 01.jpg", "jpg")).toBe("Living Room 01.jpg");
    expect(cleanFilename("Façade «nord».heic", "heic")).toBe("Façade «nord».heic");
  });

  it("drops directories, controls, bidi overrides and leading dots; collapses whitespace", () => {
    expect(cleanFilename("C:\\fakepath\\kitchen.png", "png")).toBe("kitchen.png");
    expect(cleanFilename("../../etc/passwd", "pdf")).toBe("passwd");
    expect(cleanFilename("a\u0000b\r\nc.jpg", "jpg")).toBe("ab c.jpg");
    expect(cleanFilename("invoice\u202Egpj.exe", "pdf")).toBe("invoicegpj.exe");
    expect(cleanFilename("  lots   of\tspace .jpg ", "jpg")).toBe("lots of space .jpg");
    expect(cleanFilename(".hidden.jpg", "jpg")).toBe("hidden.jpg");
  });

  it("normalizes to NFC", () => {
    expect(cleanFilename("Cafe\u0301.jpg", "jpg")).toBe("Caf\u00e9.jpg");
  });

  it("names a nameless file after its type", () => {
    expect(cleanFilename(undefined, "jpg")).toBe("upload.jpg");
    expect(cleanFilename("   ", "pdf")).toBe("upload.pdf");
    expect(cleanFilename("\u200b\u200b", "mp4")).toBe("upload.mp4");
  });

  it("shortens long names keeping the extension, never splitting a character", () => {
    const long = `${"😀".repeat(300)}.jpeg`;
    const cleaned = cleanFilename(long, "jpg");
    expect(Array.from(cleaned)).toHaveLength(MAX_FILENAME_LENGTH);
    expect(cleaned.endsWith("😀.jpeg")).toBe(true);
    expect(cleaned).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });
});

describe("contentDisposition", () => {
  it("gives an ASCII fallback and the exact UTF-8 name", () => {
    expect(contentDisposition("plan.pdf")).toBe(`inline; filename="plan.pdf"; filename*=UTF-8''plan.pdf`);
    expect(contentDisposition('Façade "1".jpg')).toBe(`inline; filename="Fa_ade _1_.jpg"; filename*=UTF-8''Fa%C3%A7ade%20%221%22.jpg`);
    expect(contentDisposition("a'b(c)*.jpg", "attachment")).toBe(`attachment; filename="a'b(c)*.jpg"; filename*=UTF-8''a%27b%28c%29%2A.jpg`);
  });

  it("cannot be broken out of with quotes, backslashes or line breaks", () => {
    const header = contentDisposition('x\\"; filename="evil.html');
    expect(header.startsWith(`inline; filename="x__; filename=_evil.html"`)).toBe(true);
    expect(header).not.toMatch(/[\r\n]/);
  });
});

describe("readDimensions", () => {
  it("reads nothing from bytes that are not a complete image header", () => {
    expect(readDimensions(Buffer.from([0xff, 0xd8, 0xff]))).toEqual({ width: null, height: null });
  });
});

describe("detection of ISO-BMFF brands (file-type) and what Valara keeps of them", () => {
  /** An `ftyp` box with a major brand, as HEIF and MP4 files start. */
  const ftyp = (brand: string, compatible = ["mif1", "heic"]) => {
    const brands = [brand, ...compatible].map((b) => Buffer.from(b.padEnd(4, " "), "latin1"));
    const size = 16 + 4 * compatible.length;
    const box = Buffer.alloc(size);
    box.writeUInt32BE(size, 0);
    box.write("ftyp", 4, "latin1");
    brands[0]!.copy(box, 8);
    box.writeUInt32BE(0, 12);
    brands.slice(1).forEach((b, i) => b.copy(box, 16 + 4 * i));
    return Buffer.concat([box, Buffer.alloc(64)]);
  };

  it.each([
    ["heic", "image/heic"],
    ["heix", "image/heic"],
    ["mif1", "image/heif"],
    ["msf1", "image/heif-sequence"],
    ["hevc", "image/heic-sequence"],
    ["isom", "video/mp4"],
    ["mp42", "video/mp4"],
  ])("brand %s is %s, which is kept", async (brand, mime) => {
    const { fileTypeFromBuffer } = await import("file-type");
    const detected = await fileTypeFromBuffer(ftyp(brand, brand === "isom" || brand === "mp42" ? ["isom", "mp42"] : ["mif1", "heic"]));
    expect(detected?.mime).toBe(mime);
    expect(allowedType(detected?.mime)).not.toBeNull();
  });

  it.each([
    ["qt", "video/quicktime"],
    ["avif", "image/avif"],
  ])("brand %s is %s, which is not kept", async (brand, mime) => {
    const { fileTypeFromBuffer } = await import("file-type");
    const detected = await fileTypeFromBuffer(ftyp(brand, [brand]));
    expect(detected?.mime).toBe(mime);
    expect(allowedType(detected?.mime)).toBeNull();
  });
});
