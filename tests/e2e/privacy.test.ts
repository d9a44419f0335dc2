import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { pdfEvidence } from "../support/evidence-files";

const clientAddress = "198.51.100.23";
const userAgent = "Mozilla/5.0 (X11; Linux x86_64) WhistleblowerBrowser/77.0.1234";

/** Everything the server of this dialect has written: its data directory and, on PostgreSQL, every table. */
async function everythingStored(server: { dialect: string; dataDirectory: string; databaseUrl?: string }): Promise<string> {
  const files = fs
    .readdirSync(server.dataDirectory, { recursive: true })
    .map((entry) => path.join(server.dataDirectory, String(entry)))
    .filter((file) => fs.statSync(file).isFile());
  let text = files.map((file) => fs.readFileSync(file).toString("latin1") + fs.readFileSync(file).toString("utf8")).join("\n");
  if (server.databaseUrl) {
    const client = new pg.Client({ connectionString: server.databaseUrl });
    await client.connect();
    try {
      const tables = await client.query<{ tablename: string }>("select tablename from pg_tables where schemaname = 'public'");
      for (const { tablename } of tables.rows) {
        const rows = await client.query(`select * from "${tablename}"`);
        text += JSON.stringify(rows.rows);
      }
    } finally {
      await client.end();
    }
  }
  return text;
}

for (const server of inject("e2eServers")) {
  describe(`an anonymous tip [${server.dialect}]`, () => {
    it("asks the browser to keep nothing typed into the tip form in its form history", async () => {
      const html = await (await fetch(`${server.baseUrl}/report`)).text();
      // Attribute names in any case: React writes them as it names them (autoComplete, encType).
      const tipForm = /<form[^>]*enctype="multipart\/form-data"[^>]*>/i.exec(html)?.[0];
      expect(tipForm).toMatch(/autocomplete="off"/i);
      // No field asks for an autofill of its own (a saved name or address would be offered to the next person).
      expect(html).not.toMatch(/autocomplete="(?!off")[^"]*"/i);
    });

    it("leaves no tracking code, client address or user agent in the database, the files or the logs", async () => {
      const form = new FormData();
      form.set("categoryCode", "corruption.bribery");
      form.set("whatHappened", "หัวหน้าฝ่ายจัดซื้อเรียกรับเงินจากผู้ขายทุกครั้งที่มีการตรวจรับพัสดุ");
      form.set("whenHappened", "ต้นเดือนพฤศจิกายน");
      form.set("reporterRelation", "staff");
      form.append("evidence", await pdfEvidence("receipt-scan.pdf"));
      const response = await fetch(`${server.baseUrl}/report`, {
        method: "POST",
        body: form,
        headers: { "User-Agent": userAgent, "X-Forwarded-For": clientAddress },
      });
      expect(response.status).toBe(200);
      const html = await response.text();
      const formattedCode = /data-tracking-code="([^"]+)"/.exec(html)?.[1];
      expect(formattedCode).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}$/);
      const code = formattedCode!.replace(/-/g, "");

      // Give the log stream a moment to flush the request line.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const stored = await everythingStored(server);
      // Guard against a vacuous pass: the tip is really there (encrypted), and so is the log.
      expect(stored).toMatch(/PS-25\d\d-\d{6}/);
      expect(stored).toContain('"path":"/report"');
      for (const secret of [code, formattedCode!, code.toLowerCase(), clientAddress, userAgent, "WhistleblowerBrowser", "127.0.0.1"]) {
        expect(stored.includes(secret), `found ${secret}`).toBe(false);
      }
    });
  });
}
