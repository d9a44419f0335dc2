import { describe, expect, it } from "vitest";
import { hashSecret, verifySecret } from "../../../app/auth/password.server";

const cheap = { memoryCost: 1024, timeCost: 1, parallelism: 1 };

describe("hashing a secret", () => {
  it("stores argon2id with the configured cost and a fresh 16-byte salt each time", async () => {
    const first = await hashSecret("รหัสผ่านที่ยาวพอ", cheap);
    const second = await hashSecret("รหัสผ่านที่ยาวพอ", cheap);
    expect(first).toMatch(/^\$argon2id\$v=19\$m=1024,p=1,t=1\$/);
    const saltOf = (hash: string) => Buffer.from(hash.split("$")[4]!, "base64");
    expect(saltOf(first)).toHaveLength(16);
    expect(saltOf(first).equals(saltOf(second))).toBe(false);
    expect(await verifySecret(first, "รหัสผ่านที่ยาวพอ")).toBe(true);
    expect(await verifySecret(second, "รหัสผ่านที่ยาวพอ")).toBe(true);
    expect(await verifySecret(first, "รหัสผ่านอื่น")).toBe(false);
  });
});
